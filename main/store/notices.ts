// Dashboard notices raised by work the user is not watching (sending, queuing a merge, the mailbox).
import type { Db } from '../db/open-database';
import { prepareAll } from './prepare';

const SQL = {
  // One unseen notice per kind: an outage over 10,000 copies is one message, not 10,000.
  once: `INSERT INTO notices (kind, message, email_id, created_at)
         SELECT :kind, :message, :emailId, :now WHERE NOT EXISTS (SELECT 1 FROM notices WHERE kind = :kind AND seen_at IS NULL)`,
  unseenCount: `SELECT id, count FROM notices WHERE kind = ? AND seen_at IS NULL`,
  addCount: `UPDATE notices SET count = :count, message = :message, created_at = :now WHERE id = :id`,
  counting: `INSERT INTO notices (kind, message, count, link, created_at) VALUES (:kind, :message, :count, :link, :now)`,
  seenKind: `UPDATE notices SET seen_at = ? WHERE kind = ? AND seen_at IS NULL`,
} as const;

export function noticeBoard(db: Db) {
  const q = prepareAll(db, SQL);
  return function notice(kind: string, message: string, now: number, emailId: number | null = null): void {
    q.once.run({ kind, message, emailId, now });
  };
}

/**
 * A notice that counts: one unseen notice per kind, worded by `say(count)`, opening `link`.
 * `add` grows the count until the user has seen it (new failures); `set` says how many there are
 * now and clears the notice when none are left (copies still unknown).
 */
export function countingNotice(db: Db, kind: string, link: string | null, say: (count: number) => string) {
  const q = prepareAll(db, SQL);
  const open = () => q.unseenCount.get(kind) as { id: number; count: number } | undefined;
  function set(count: number, now: number): void {
    const notice = open();
    if (notice && count === 0) q.seenKind.run(now, kind);
    else if (notice) q.addCount.run({ id: notice.id, count, message: say(count), now });
    else if (count > 0) q.counting.run({ kind, message: say(count), count, link, now });
  }
  return {
    add(n: number, now: number): void {
      if (n > 0) set((open()?.count ?? 0) + n, now);
    },
    set,
    seen: (now: number) => ({ updated: q.seenKind.run(now, kind).changes }),
  };
}
