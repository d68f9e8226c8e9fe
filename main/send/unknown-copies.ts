// Copies that may or may not have left: their message began to go to a server that never
// answered (a crash, a broken connection). Nothing re-sends them on its own. They are settled by
// evidence that they left (a delivery report, a bounce, an auto-reply, an open or a click of that
// copy) or by the user: "Mark as sent" after checking, or "Resend".
import type { Db } from '../db/open-database';
import { emailAggregates } from '../store/email-aggregates';
import { countingNotice } from '../store/notices';
import { prepareAll } from '../store/prepare';
import { IN_OUTBOX } from './in-outbox';

const SQL = {
  count: `SELECT count(*) AS n FROM recipients WHERE ${IN_OUTBOX} AND send_state = 'unknown'`,
  // Evidence from the recipient's side: at least Sent; the report or event that proves it then moves the status on.
  settle: `UPDATE recipients SET send_state = 'done', status = CASE WHEN status = 'Unsent' THEN 'Sent' ELSE status END,
             status_reason = 'it left: a delivery report, an open or a click of this copy arrived', updated_at = :now
           WHERE id = :id AND ${IN_OUTBOX} AND send_state = 'unknown'`,
  markSent: `UPDATE recipients SET send_state = 'done', status = 'Sent', status_reason = :reason, updated_at = :now
             WHERE id = :id AND ${IN_OUTBOX} AND send_state = 'unknown' RETURNING email_id`,
} as const;

export function unknownCopies(db: Db) {
  const q = prepareAll(db, SQL);
  const refresh = emailAggregates(db);
  const notice = countingNotice(db, 'send_unknown', null, (n) =>
    `${n} ${n === 1 ? 'copy' : 'copies'} may or may not have left (its message began to go out, and the server never answered): Show details says how to check, then "Mark as sent" or "Resend".`);
  /** Says how many copies are unknown now (not at the first crash); gone once none is. */
  const recount = (now: number) => notice.set((q.count.get() as { n: number }).n, now);
  return {
    recount,
    /** A report or tracking event of this copy proves it left; true when it was unknown. Call inside the caller's transaction. */
    settle(recipientId: number, now: number): boolean {
      if (q.settle.run({ id: recipientId, now }).changes === 0) return false;
      recount(now);
      return true;
    },
    /** The user checked (the provider's sent mail, the recipient) and says these left. Returns how many were unknown. */
    markSent: db.transaction((ids: readonly number[], now: number): number => {
      const emails = new Set<number>();
      let marked = 0;
      for (const id of ids) {
        for (const r of q.markSent.all({ id, now, reason: 'you marked it as sent after checking' }) as { email_id: number }[]) {
          emails.add(r.email_id);
          marked++;
        }
      }
      for (const emailId of emails) refresh(emailId);
      recount(now);
      return marked;
    }),
  };
}
