// The SMTP connection pool the sender hands copies to, built from the user's settings.
import type { Readable } from 'node:stream';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { SmtpSettings } from './settings';

/** One copy as the sender hands it over: its finished bytes and its own envelope. */
export interface OutgoingCopy {
  envelope: { from: string; to: string[] };
  message: Buffer;
  /** Delivery reports asked for when the server offers DSN (nodemailer leaves them out otherwise). */
  dsn?: { id: string; return: 'headers'; notify: ('success' | 'failure' | 'delay')[]; recipient: string };
  /**
   * Called once the whole message has been read into the connection. A connection lost after
   * that may have delivered it; before that, it certainly did not.
   */
  onTransmitted?: () => void;
}

export interface Accepted {
  /** The server's final reply, e.g. "250 2.0.0 Ok: queued as 4Xy". */
  response: string;
}

export interface SendTransport {
  send(copy: OutgoingCopy): Promise<Accepted>;
  close(): void;
}

export type TransportFactory = (smtp: SmtpSettings) => SendTransport;

const CONNECT_TIMEOUT_MS = 30_000;
const TRANSMITTED = 'outpostOnTransmitted';

/**
 * nodemailer's rate limit lets `rateLimit` messages through per `rateDelta` window. A whole
 * minute's budget at once would be a burst the provider may punish; spread it over seconds.
 */
export function paceOf(messagesPerMinute: number): { rateLimit: number; rateDelta: number } {
  if (messagesPerMinute >= 60) return { rateLimit: Math.round(messagesPerMinute / 60), rateDelta: 1000 };
  return { rateLimit: 1, rateDelta: Math.round(60_000 / messagesPerMinute) };
}

/** Connection options shared by the pool and "test connection". */
export function connectionOptions(smtp: SmtpSettings) {
  return {
    host: smtp.host,
    port: smtp.port,
    secure: smtp.security === 'tls',
    requireTLS: smtp.security === 'starttls',
    ignoreTLS: smtp.security === 'none',
    auth: smtp.username ? { user: smtp.username, pass: smtp.password } : undefined,
    connectionTimeout: CONNECT_TIMEOUT_MS,
    greetingTimeout: CONNECT_TIMEOUT_MS,
    socketTimeout: 2 * CONNECT_TIMEOUT_MS,
  };
}

/**
 * A nodemailer pool: `maxConnections` connections, paced to `messagesPerMinute`, each connection
 * replaced after `maxMessages` (nodemailer's 100 by default: providers cap messages per session).
 */
export function createSmtpPool(smtp: SmtpSettings, tuning: { maxMessages?: number } = {}): SendTransport {
  const transporter = nodemailer.createTransport({
    pool: true,
    ...connectionOptions(smtp),
    maxConnections: smtp.maxConnections,
    maxMessages: tuning.maxMessages,
    ...paceOf(smtp.messagesPerMinute),
    // Never resend a message on another connection by itself: a connection that closed after the
    // final "." may have delivered it. The sender decides, from what it knows was transmitted.
    maxRequeues: 0,
  });
  // A 'stream' plugin sees each composed message: watch its output, with no extra stream hop.
  // nodemailer copies the message data, so the callback travels as a field of it.
  transporter.use('stream', (mail, done) => {
    const notify = (mail.data as { [TRANSMITTED]?: () => void })[TRANSMITTED];
    if (notify) {
      mail.message.processFunc((output: Readable) => {
        output.once('end', notify);
        return output;
      });
    }
    done();
  });
  return {
    async send(copy) {
      const data: SendMailOptions = { raw: copy.message, envelope: copy.envelope, dsn: copy.dsn };
      (data as Record<string, unknown>)[TRANSMITTED] = copy.onTransmitted;
      const info = await transporter.sendMail(data);
      return { response: String(info.response ?? '') };
    },
    close: () => transporter.close(),
  };
}
