// The parts of the user's preferences (store/preferences.ts withSecrets()) the sending engine reads.
import type { Security } from './providers';

export interface SmtpSettings {
  host: string;
  port: number;
  security: Security;
  username: string;
  password: string;
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
  sentFolder: string;
}

export interface SendSettings {
  smtp: SmtpSettings;
  imap: ImapSettings;
  tracking: { relayUrl: string; relaySecret: string };
}
