import type { z } from 'zod';
import type { Db } from '../db/open-database';
import type { Preferences, SecretProblem } from '../api/contract';
import { preferencesInput } from '../api/schemas';
import type { SecretBox } from '../secrets/secret-box';
import { prepareAll } from './prepare';
import { secretsStore, type SecretName } from './secrets';
import { mailAccount } from '../secrets/envelope';
import { endpointsOf, grantAccount } from '../oauth/providers';
import type { Grant } from '../oauth/access-tokens';

type PreferencesInput = z.output<typeof preferencesInput>;
type Stored = Omit<PreferencesInput, 'smtp' | 'imap' | 'tracking' | 'oauth'> & {
  smtp: Omit<PreferencesInput['smtp'], 'password'>;
  imap: Omit<PreferencesInput['imap'], 'password'>;
  tracking: Omit<PreferencesInput['tracking'], 'relaySecret'>;
  oauth: Omit<PreferencesInput['oauth'], 'clientSecret'>;
};

const SQL = {
  get: `SELECT value FROM settings WHERE key = 'preferences'`,
  put: `INSERT INTO settings (key, value) VALUES ('preferences', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
} as const;

// What a fresh install shows: every field at its schema default.
const DEFAULTS: PreferencesInput = preferencesInput.parse({ smtp: { host: '' }, imap: { host: '' }, tracking: {} });

/** The relay secret is not sent to the relay (it signs links), so it is bound to no account. */
const RELAY_ACCOUNT = 'relay';

const LABELS: Record<SecretName, string> = {
  'smtp.password': 'SMTP password', 'imap.password': 'IMAP password', 'tracking.relaySecret': 'relay secret',
  'oauth.clientSecret': 'client secret', 'oauth.refreshToken': 'sign-in',
};
/** What brings a secret back: typing it, or (the sign-in) signing in. */
const AGAIN: Partial<Record<SecretName, string>> = { 'oauth.refreshToken': 'sign in again' };

export function preferencesStore(db: Db, box: SecretBox) {
  const q = prepareAll(db, SQL);

  function stored(): Stored {
    const row = q.get.get() as { value: string } | undefined;
    if (!row) return DEFAULTS;
    // Re-parsing fills fields added by later versions with their defaults.
    const parsed = preferencesInput.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : DEFAULTS;
  }

  const accounts = (p: Stored): Record<SecretName, string> => ({
    'smtp.password': mailAccount('smtp', p.smtp),
    'imap.password': mailAccount('imap', p.imap),
    'tracking.relaySecret': RELAY_ACCOUNT,
    // Sent only to the token endpoint of the app (client id) they were issued for.
    'oauth.clientSecret': grantAccount(p.oauth),
    'oauth.refreshToken': grantAccount(p.oauth),
  });
  // A secret saved before binding existed belongs to the account saved beside it.
  const secrets = secretsStore(db, box, (name) => accounts(stored())[name]);

  /** Stored secrets that cannot be used for the saved accounts, each worded for the user. */
  function problems(p: Stored): SecretProblem[] {
    const bound = accounts(p);
    const out: SecretProblem[] = [];
    for (const secret of Object.keys(bound) as SecretName[]) {
      const found = secrets.read(secret, bound[secret]);
      if (found.state === 'unreadable') {
        out.push({ secret, problem: 'unreadable', message: `the stored ${LABELS[secret]} can no longer be read: ${AGAIN[secret] ?? 'enter it again'}` });
      } else if (found.state === 'other_account') {
        out.push({ secret, problem: 'other_account', message: `the stored ${LABELS[secret]} was saved for another server or user name, and is only ever sent there: ${AGAIN[secret] ?? 'enter it again for this one'}` });
      }
    }
    return out;
  }

  function view(): Preferences {
    const p = stored();
    const bound = accounts(p);
    const has = (name: SecretName) => secrets.get(name, bound[name]) !== null;
    return {
      smtp: { ...p.smtp, hasPassword: has('smtp.password') },
      imap: { ...p.imap, hasPassword: has('imap.password') },
      tracking: { ...p.tracking, hasRelaySecret: has('tracking.relaySecret') },
      oauth: { ...p.oauth, hasClientSecret: has('oauth.clientSecret'), signedIn: has('oauth.refreshToken') },
      bccMyself: p.bccMyself,
      notifications: p.notifications,
      secretProblems: problems(p),
    };
  }

  return {
    get: view,
    /** Desktop notification settings alone: read at every notification, so no secret is opened for it. */
    notifications: () => stored().notifications,
    /**
     * The full settings with secrets opened, for the sender, IMAP poller and relay sync only. A
     * secret that is unreadable or saved for another account is '' (none), never sent elsewhere.
     */
    withSecrets() {
      const p = stored();
      const bound = accounts(p);
      return {
        ...p,
        smtp: { ...p.smtp, password: secrets.get('smtp.password', bound['smtp.password']) ?? '' },
        imap: { ...p.imap, password: secrets.get('imap.password', bound['imap.password']) ?? '' },
        tracking: { ...p.tracking, relaySecret: secrets.get('tracking.relaySecret', RELAY_ACCOUNT) ?? '' },
      };
    },
    /** The stored sign-in for the saved app registration, or null (none, unreadable, or of another app). */
    grant(): Grant | null {
      const p = stored();
      const account = grantAccount(p.oauth);
      const refreshToken = secrets.get('oauth.refreshToken', account);
      if (!refreshToken || !p.oauth.clientId) return null;
      return {
        endpoints: endpointsOf(p.oauth),
        client: { clientId: p.oauth.clientId, clientSecret: secrets.get('oauth.clientSecret', account) ?? '' },
        refreshToken,
        key: `${account} ${refreshToken}`,
      };
    },
    /** The app registration a sign-in starts from, with its secret. */
    oauthApp() {
      const p = stored();
      return { ...p.oauth, clientSecret: secrets.get('oauth.clientSecret', grantAccount(p.oauth)) ?? '', loginHint: p.smtp.username || p.imap.username };
    },
    /** A new sign-in's refresh token ('' signs out). */
    setRefreshToken(token: string): void {
      secrets.set('oauth.refreshToken', token, grantAccount(stored().oauth));
    },
    /** The stored password for exactly this account ("test connection" of a form not saved yet), or ''. */
    storedPassword(kind: 'smtp' | 'imap', account: { host: string; port: number; username: string }): string {
      return secrets.get(`${kind}.password`, mailAccount(kind, account)) ?? '';
    },
    save: db.transaction((input: PreferencesInput): Preferences => {
      const { password: smtpPassword, ...smtp } = input.smtp;
      const { password: imapPassword, ...imap } = input.imap;
      const { relaySecret, ...tracking } = input.tracking;
      const { clientSecret, ...oauth } = input.oauth;
      const value: Stored = { smtp, imap, tracking, oauth, bccMyself: input.bccMyself, notifications: input.notifications };
      // A secret from before binding belongs to the account saved with it: seal that in before it changes.
      const before = accounts(stored());
      for (const name of ['smtp.password', 'imap.password'] as const) {
        const found = secrets.read(name, before[name]);
        if (found.state === 'set') secrets.set(name, found.value, before[name]);
      }
      q.put.run(JSON.stringify(value));
      const bound = accounts(value);
      secrets.set('smtp.password', smtpPassword, bound['smtp.password']);
      secrets.set('imap.password', imapPassword, bound['imap.password']);
      secrets.set('tracking.relaySecret', relaySecret, RELAY_ACCOUNT);
      secrets.set('oauth.clientSecret', clientSecret, bound['oauth.clientSecret']);
      return view();
    }),
  };
}
