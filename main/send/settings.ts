// The parts of the user's preferences (store/preferences.ts withSecrets()) the sending engine reads.
import type { Security } from './providers';
import type { TokenSource } from '../oauth/access-tokens';

/** How an account logs in; without it, the password (settings saved before sign-in existed). */
interface Login {
  auth?: 'password' | 'oauth2';
  /** The access tokens of "Sign in with …" (main/oauth), for `auth: 'oauth2'`; in the app's thread only. */
  tokens?: TokenSource;
}

export interface SmtpSettings extends Login {
  host: string;
  port: number;
  security: Security;
  username: string;
  password: string;
  /** See secrets/plaintext-rule.ts: the host a password may go to without TLS. */
  plaintextPasswordHost?: string;
  fromName: string;
  fromAddress: string;
  maxConnections: number;
  messagesPerMinute: number;
}

export interface ImapSettings extends Login {
  host: string;
  port: number;
  security: Security;
  username: string;
  password: string;
  /** See secrets/plaintext-rule.ts: the host a password may go to without TLS. */
  plaintextPasswordHost?: string;
  sentFolder: string;
}

export interface SendSettings {
  smtp: SmtpSettings;
  imap: ImapSettings;
  tracking: { relayUrl: string; relaySecret: string };
}

/** One account's name, the same wherever it is compared: a checkpoint's, a connection test's. */
export const accountOf = (s: { host: string; port: number; username: string }) => `${s.username.toLowerCase()}@${s.host.toLowerCase()}:${s.port}`;
