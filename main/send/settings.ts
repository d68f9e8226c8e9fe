// The parts of the user's preferences (store/preferences.ts withSecrets()) the sending engine reads.
import type { Security } from './providers';

export interface SmtpSettings {
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

export interface ImapSettings {
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
