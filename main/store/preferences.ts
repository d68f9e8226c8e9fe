import type { z } from 'zod';
import type { Db } from '../db/open-database';
import type { Preferences } from '../api/contract';
import { preferencesInput } from '../api/schemas';
import type { SecretBox } from '../secrets/secret-box';
import { prepareAll } from './prepare';
import { secretsStore } from './secrets';

type PreferencesInput = z.output<typeof preferencesInput>;
type Stored = Omit<PreferencesInput, 'smtp' | 'imap' | 'tracking'> & {
  smtp: Omit<PreferencesInput['smtp'], 'password'>;
  imap: Omit<PreferencesInput['imap'], 'password'>;
  tracking: Omit<PreferencesInput['tracking'], 'relaySecret'>;
};

const SQL = {
  get: `SELECT value FROM settings WHERE key = 'preferences'`,
  put: `INSERT INTO settings (key, value) VALUES ('preferences', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
} as const;

// What a fresh install shows: every field at its schema default.
const DEFAULTS: PreferencesInput = preferencesInput.parse({ smtp: { host: '' }, imap: { host: '' }, tracking: {} });

export function preferencesStore(db: Db, box: SecretBox) {
  const q = prepareAll(db, SQL);
  const secrets = secretsStore(db, box);

  function stored(): Stored {
    const row = q.get.get() as { value: string } | undefined;
    if (!row) return DEFAULTS;
    // Re-parsing fills fields added by later versions with their defaults.
    const parsed = preferencesInput.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : DEFAULTS;
  }

  function view(): Preferences {
    const p = stored();
    return {
      smtp: { ...p.smtp, hasPassword: secrets.has('smtp.password') },
      imap: { ...p.imap, hasPassword: secrets.has('imap.password') },
      tracking: { ...p.tracking, hasRelaySecret: secrets.has('tracking.relaySecret') },
      bccMyself: p.bccMyself,
    };
  }

  return {
    get: view,
    /** The full settings with secrets opened, for the sender, IMAP poller and relay sync only. */
    withSecrets() {
      const p = stored();
      return {
        ...p,
        smtp: { ...p.smtp, password: secrets.get('smtp.password') ?? '' },
        imap: { ...p.imap, password: secrets.get('imap.password') ?? '' },
        tracking: { ...p.tracking, relaySecret: secrets.get('tracking.relaySecret') ?? '' },
      };
    },
    save: db.transaction((input: PreferencesInput): Preferences => {
      const { password: smtpPassword, ...smtp } = input.smtp;
      const { password: imapPassword, ...imap } = input.imap;
      const { relaySecret, ...tracking } = input.tracking;
      const value: Stored = { smtp, imap, tracking, bccMyself: input.bccMyself };
      q.put.run(JSON.stringify(value));
      secrets.set('smtp.password', smtpPassword);
      secrets.set('imap.password', imapPassword);
      secrets.set('tracking.relaySecret', relaySecret);
      return view();
    }),
  };
}
