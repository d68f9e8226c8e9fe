// What the pool tests (in-thread and threaded) hand a pool: a plain account on a loopback server,
// and a small finished copy with its own envelope and delivery-report request; and the server.
import type { SmtpSettings } from '../settings';
import type { OutgoingCopy } from '../transport';
import { startSmtpSink, type SmtpSink } from './smtp-sink';

/** A sink that refuses, at RCPT, every recipient whose address starts with "gone". */
export const startRefusingSink = (): Promise<SmtpSink> =>
  startSmtpSink({ rcpt: (address) => (address.startsWith('gone') ? { code: 550, message: '5.1.1 no such user' } : null) });

export const loopbackAccount = (port: number, more: Partial<SmtpSettings> = {}): SmtpSettings => ({
  host: '127.0.0.1', port, security: 'none', username: '', password: '', fromName: '', fromAddress: 'studio@outpost.test',
  maxConnections: 2, messagesPerMinute: 60_000, ...more,
});

export const rawCopy = (to: string, onTransmitted?: () => void): OutgoingCopy => ({
  envelope: { from: 'studio@outpost.test', to: [to] },
  message: Buffer.from(`From: studio@outpost.test\r\nTo: ${to}\r\nSubject: hi\r\n\r\nHello.\r\n`),
  dsn: { id: `id-${to}`, return: 'headers', notify: ['success', 'failure'], recipient: to },
  onTransmitted,
});
