import type { Db } from '../db/open-database';
import type { SecretBox } from '../secrets/secret-box';
import { prepareAll } from './prepare';

export const SECRET_NAMES = ['smtp.password', 'imap.password', 'tracking.relaySecret'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

const SQL = {
  get: `SELECT scheme, ciphertext FROM secrets WHERE name = ?`,
  put: `INSERT INTO secrets (name, scheme, ciphertext, updated_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (name) DO UPDATE SET scheme = excluded.scheme, ciphertext = excluded.ciphertext, updated_at = excluded.updated_at`,
  delete: `DELETE FROM secrets WHERE name = ?`,
  names: `SELECT name FROM secrets`,
} as const;

/** Secrets sealed at rest; only the core ever sees them in the clear. */
export function secretsStore(db: Db, box: SecretBox) {
  const q = prepareAll(db, SQL);
  return {
    has(name: SecretName): boolean {
      return q.get.get(name) !== undefined;
    },
    get(name: SecretName): string | null {
      const row = q.get.get(name) as { scheme: string; ciphertext: Buffer } | undefined;
      if (!row) return null;
      if (row.scheme !== box.scheme) {
        throw new Error(`The stored ${name} was sealed by "${row.scheme}" but this launch uses "${box.scheme}": enter it again in Preferences.`);
      }
      return box.open(row.ciphertext);
    },
    /** undefined keeps what is stored; '' removes it. */
    set(name: SecretName, value: string | undefined): void {
      if (value === undefined) return;
      if (value === '') q.delete.run(name);
      else q.put.run(name, box.scheme, box.seal(value), Date.now());
    },
  };
}
