// Dashboard notices raised by work the user is not watching (sending, queuing a merge).
import type { Db } from '../db/open-database';

// One unseen notice per kind: an outage over 10,000 copies is one message, not 10,000.
const SQL = `INSERT INTO notices (kind, message, email_id, created_at)
             SELECT :kind, :message, :emailId, :now WHERE NOT EXISTS (SELECT 1 FROM notices WHERE kind = :kind AND seen_at IS NULL)`;

export function noticeBoard(db: Db) {
  const insert = db.prepare(SQL);
  return function notice(kind: string, message: string, now: number, emailId: number | null = null): void {
    insert.run({ kind, message, emailId, now });
  };
}
