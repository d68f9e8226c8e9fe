// The dashboard notice of a sign-in the provider no longer honours. It opens Preferences, where
// "Sign in again" is; a new sign-in clears it.
import type { Db } from '../db/open-database';
import { prepareAll } from '../store/prepare';

const KIND = 'oauth_signin';

const SQL = {
  raise: `INSERT INTO notices (kind, message, link, created_at)
          SELECT :kind, :message, 'preferences', :now WHERE NOT EXISTS (SELECT 1 FROM notices WHERE kind = :kind AND seen_at IS NULL)`,
  clear: `UPDATE notices SET seen_at = :now WHERE kind = :kind AND seen_at IS NULL`,
} as const;

export function signInNotice(db: Db) {
  const q = prepareAll(db, SQL);
  return {
    raise: (why: string, now: number) =>
      void q.raise.run({ kind: KIND, now, message: `Sign in again: ${why} Sending and reading bounces wait until you do; nothing queued is lost.` }),
    clear: (now: number) => void q.clear.run({ kind: KIND, now }),
  };
}
