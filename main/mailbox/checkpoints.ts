// Where the watcher stopped in each folder: UIDVALIDITY and the last processed UID. Moved only
// inside the transaction that stores what those messages changed (apply-reports.ts).
import type { Db } from '../db/open-database';
import { prepareAll } from '../store/prepare';

const SQL = {
  get: `SELECT uidvalidity, last_uid AS lastUid, last_checked_at AS lastCheckedAt FROM mailbox_folders WHERE account = ? AND mailbox = ?`,
  put: `INSERT INTO mailbox_folders (account, mailbox, uidvalidity, last_uid, last_checked_at) VALUES (:account, :mailbox, :uidvalidity, :lastUid, :now)
        ON CONFLICT (account, mailbox) DO UPDATE SET uidvalidity = excluded.uidvalidity, last_uid = excluded.last_uid,
          last_checked_at = COALESCE(excluded.last_checked_at, last_checked_at)`,
  checked: `UPDATE mailbox_folders SET last_checked_at = :now WHERE account = :account AND mailbox = :mailbox`,
  ofAccount: `SELECT mailbox AS folder, last_uid AS lastUid, last_checked_at AS lastCheckedAt FROM mailbox_folders WHERE account = ? ORDER BY mailbox`,
  // Where a first pass starts reading: the oldest email this app sent.
  oldestSent: `SELECT min(sent_at) AS at FROM emails WHERE sent_at IS NOT NULL`,
} as const;

export interface Checkpoint { uidvalidity: number; lastUid: number; lastCheckedAt: number | null }
export interface FolderRef { account: string; mailbox: string }

export function checkpoints(db: Db) {
  const q = prepareAll(db, SQL);
  return {
    get: (f: FolderRef) => q.get.get(f.account, f.mailbox) as Checkpoint | undefined,
    put: (f: FolderRef, uidvalidity: number, lastUid: number, now: number | null = null) =>
      void q.put.run({ ...f, uidvalidity, lastUid, now }),
    checked: (f: FolderRef, now: number) => void q.checked.run({ ...f, now }),
    ofAccount: (account: string) => q.ofAccount.all(account) as { folder: string; lastUid: number; lastCheckedAt: number | null }[],
    oldestSent: () => (q.oldestSent.get() as { at: number | null }).at,
  };
}

export type Checkpoints = ReturnType<typeof checkpoints>;
