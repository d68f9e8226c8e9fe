import type { Db } from '../db/open-database';
import type { SecretBox } from '../secrets/secret-box';
import { openEnvelope, sealEnvelope } from '../secrets/envelope';
import { prepareAll } from './prepare';

export const SECRET_NAMES = ['smtp.password', 'imap.password', 'tracking.relaySecret', 'oauth.clientSecret', 'oauth.refreshToken'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

/**
 * What is stored under a name, for the account it is asked for:
 * - set: readable and saved for that account;
 * - other_account: readable but saved for another server or user (never sent there);
 * - unreadable: sealed with a key this launch does not have (secret.key missing or replaced,
 *   another OS keychain); kept, so restoring the key brings it back;
 * - missing: nothing stored.
 */
export type SecretState =
  | { state: 'set'; value: string }
  | { state: 'other_account'; savedFor: string }
  | { state: 'unreadable' }
  | { state: 'missing' };

const SQL = {
  get: `SELECT scheme, ciphertext FROM secrets WHERE name = ?`,
  put: `INSERT INTO secrets (name, scheme, ciphertext, updated_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (name) DO UPDATE SET scheme = excluded.scheme, ciphertext = excluded.ciphertext, updated_at = excluded.updated_at`,
  delete: `DELETE FROM secrets WHERE name = ?`,
} as const;

/**
 * Secrets sealed at rest, each bound to the account it was saved for (sealed with it, so the
 * binding cannot be edited apart from the secret); only the core ever sees them in the clear.
 * `legacyAccount` names the account a secret saved before binding existed belongs to.
 */
export function secretsStore(db: Db, box: SecretBox, legacyAccount: (name: SecretName) => string) {
  const q = prepareAll(db, SQL);

  function read(name: SecretName, account: string): SecretState {
    const row = q.get.get(name) as { scheme: string; ciphertext: Buffer } | undefined;
    if (!row) return { state: 'missing' };
    if (row.scheme !== box.scheme) return { state: 'unreadable' };
    let plain: string;
    try {
      plain = box.open(row.ciphertext);
    } catch {
      return { state: 'unreadable' };
    }
    const { value, account: savedFor } = openEnvelope(plain, () => legacyAccount(name));
    return savedFor === account ? { state: 'set', value } : { state: 'other_account', savedFor };
  }

  return {
    read,
    /** The secret for exactly this account, or null. */
    get(name: SecretName, account: string): string | null {
      const found = read(name, account);
      return found.state === 'set' ? found.value : null;
    },
    /** undefined keeps what is stored; '' removes it. */
    set(name: SecretName, value: string | undefined, account: string): void {
      if (value === undefined) return;
      if (value === '') q.delete.run(name);
      else q.put.run(name, box.scheme, box.seal(sealEnvelope(value, account)), Date.now());
    },
  };
}
