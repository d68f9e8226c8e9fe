// What clears a reminder by itself: a person's open of the email (a mail proxy's stands for one;
// main/domain/views.ts), or a reply naming the email's Message-ID, which also proves it was read.
import type { Db } from '../db/open-database';
import { normalizeAddress } from '../domain/address';
import { prepareAll } from '../store/prepare';

const SQL = {
  // `views` counts only the verdicts that stand for a person (tracking/apply-events.ts).
  opened: `UPDATE reminders SET cleared_at = :now, cleared_by = 'open'
           WHERE email_id = :emailId AND unless = 'opened' AND cleared_at IS NULL
             AND EXISTS (SELECT 1 FROM recipients WHERE email_id = :emailId AND views > 0)`,
  // The user's own mail in the thread (a Cc to self, a watched Sent folder) is not the client's reply.
  replied: `UPDATE reminders SET cleared_at = :at, cleared_by = 'reply'
            WHERE cleared_at IS NULL AND email_id IN (SELECT id FROM emails WHERE message_id = :messageId AND lower(from_address) != :from)`,
} as const;

/** The address in a From header ("Ann <ann@x.org>" or "ann@x.org"), normalized. */
export function fromAddress(header: string): string {
  const bracketed = /<([^<>\s]{1,320})>/.exec(header)?.[1];
  return normalizeAddress(bracketed ?? header.trim().split(/\s+/).find((w) => w.includes('@')) ?? '');
}

export function reminderClearing(db: Db) {
  const q = prepareAll(db, SQL);
  return {
    /** After an email's counted views changed; inside that transaction. */
    opened: (emailId: number, now: number) => q.opened.run({ emailId, now }).changes,
    /** A message read from the mailbox that answers `replyTo` (its In-Reply-To and References ids). Returns reminders cleared. */
    replied(replyTo: readonly string[], from: string, at: number): number {
      const sender = fromAddress(from);
      let cleared = 0;
      for (const messageId of replyTo) cleared += q.replied.run({ messageId, from: sender, at }).changes;
      return cleared;
    },
  };
}
