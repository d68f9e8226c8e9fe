// SMTP (and IMAP) settings of common providers, offered in Preferences. Limits stay under each
// provider's published sending caps so a dispatch is paced rather than cut off halfway.
export type Security = 'tls' | 'starttls' | 'none';

export interface ProviderPreset {
  id: string;
  name: string;
  host: string;
  port: number;
  security: Security;
  maxConnections: number;
  messagesPerMinute: number;
  note?: string;
  imap?: { host: string; port: number; security: Security };
  /** The provider's "Sign in with …" (main/oauth): chosen as the login of SMTP and IMAP with this preset. */
  signIn?: 'google' | 'microsoft';
}

export const PROVIDERS: readonly ProviderPreset[] = [
  {
    id: 'gmail', name: 'Gmail', host: 'smtp.gmail.com', port: 465, security: 'tls', maxConnections: 2, messagesPerMinute: 20,
    note: 'Sign in with Google, or use an app password (Google Account → Security → App passwords). Gmail allows about 500 recipients a day.',
    imap: { host: 'imap.gmail.com', port: 993, security: 'tls' }, signIn: 'google',
  },
  {
    id: 'google-workspace', name: 'Google Workspace', host: 'smtp.gmail.com', port: 465, security: 'tls', maxConnections: 3, messagesPerMinute: 30,
    note: 'Sign in with Google, or use an app password. Workspace allows about 2,000 recipients a day.',
    imap: { host: 'imap.gmail.com', port: 993, security: 'tls' }, signIn: 'google',
  },
  {
    id: 'microsoft-365', name: 'Microsoft 365', host: 'smtp.office365.com', port: 587, security: 'starttls', maxConnections: 3, messagesPerMinute: 30,
    note: 'Sign in with Microsoft (passwords end for SMTP in December 2026); SMTP AUTH must be enabled for the mailbox. Microsoft allows 30 messages a minute and 10,000 recipients a day.',
    imap: { host: 'outlook.office365.com', port: 993, security: 'tls' }, signIn: 'microsoft',
  },
  {
    id: 'outlook-com', name: 'Outlook.com / Hotmail', host: 'smtp-mail.outlook.com', port: 587, security: 'starttls', maxConnections: 1, messagesPerMinute: 10,
    note: 'Sign in with Microsoft: Outlook.com takes no passwords for SMTP and IMAP since September 2024. Personal accounts allow about 300 recipients a day.',
    imap: { host: 'outlook.office365.com', port: 993, security: 'tls' }, signIn: 'microsoft',
  },
  {
    id: 'icloud', name: 'iCloud Mail', host: 'smtp.mail.me.com', port: 587, security: 'starttls', maxConnections: 1, messagesPerMinute: 20,
    note: 'Use an app-specific password (appleid.apple.com). iCloud allows about 1,000 recipients a day.',
    imap: { host: 'imap.mail.me.com', port: 993, security: 'tls' },
  },
  {
    id: 'fastmail', name: 'Fastmail', host: 'smtp.fastmail.com', port: 465, security: 'tls', maxConnections: 2, messagesPerMinute: 60,
    note: 'Use an app password (Settings → Privacy & Security).',
    imap: { host: 'imap.fastmail.com', port: 993, security: 'tls' },
  },
  {
    id: 'yahoo', name: 'Yahoo Mail', host: 'smtp.mail.yahoo.com', port: 465, security: 'tls', maxConnections: 1, messagesPerMinute: 10,
    note: 'Use an app password (Account security → Generate app password).',
    imap: { host: 'imap.mail.yahoo.com', port: 993, security: 'tls' },
  },
  {
    id: 'zoho', name: 'Zoho Mail', host: 'smtp.zoho.com', port: 465, security: 'tls', maxConnections: 2, messagesPerMinute: 30,
    note: 'Paid plans with a custom domain use smtppro.zoho.com. Use an app password when two-factor sign-in is on.',
    imap: { host: 'imap.zoho.com', port: 993, security: 'tls' },
  },
  {
    id: 'smtp2go', name: 'SMTP2GO', host: 'mail.smtp2go.com', port: 587, security: 'starttls', maxConnections: 5, messagesPerMinute: 300,
    note: 'A sending service: verify your domain there first. Port 2525 works where 587 is blocked.',
  },
  {
    id: 'other', name: 'Other SMTP server', host: '', port: 587, security: 'starttls', maxConnections: 2, messagesPerMinute: 60,
    note: 'Port 587 with STARTTLS is the usual submission port; 465 is TLS from the start.',
  },
];
