// An in-process SMTP server on loopback (npm smtp-server) that records what it receives and
// answers each recipient as a test says. For fast tests and the send benchmark.
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

export interface Received {
  from: string;
  /** MAIL FROM parameters (RET, ENVID) as the server parsed them; {} when none. */
  mailDsn: { ret?: string; envid?: string };
  to: { address: string; notify?: string[]; orcpt?: string }[];
  raw: string;
}

/** A refusal of one recipient: e.g. { code: 550, message: '5.1.1 no such user' }. */
export interface Refusal {
  code: number;
  message: string;
}

export interface SinkOptions {
  /** Answers RCPT TO: null accepts. */
  rcpt?: (address: string) => Refusal | null;
  /** Accepted username/password; unset means no login needed. With `accessToken`, XOAUTH2 with that token is accepted too. */
  login?: { user: string; pass: string; accessToken?: string };
  /** Advertise DSN in EHLO (default true). */
  dsn?: boolean;
  /** Keep received messages (default true; the benchmark only counts). */
  keep?: boolean;
  /** Wait this long before answering a received message (it counts as received at once). */
  answerDelayMs?: number;
}

export interface SmtpSink {
  port: number;
  received: Received[];
  count(): number;
  close(): Promise<void>;
}

const refusal = (r: Refusal) => Object.assign(new Error(r.message), { responseCode: r.code });

export async function startSmtpSink(options: SinkOptions = {}): Promise<SmtpSink> {
  const received: Received[] = [];
  const keep = options.keep ?? true;
  let count = 0;
  const server = new SMTPServer({
    secure: false,
    disabledCommands: options.login ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    allowInsecureAuth: true,
    authOptional: !options.login,
    hideDSN: options.dsn === false,
    logger: false,
    size: 50 * 1024 * 1024,
    ...(options.login?.accessToken ? { authMethods: ['PLAIN', 'LOGIN', 'XOAUTH2'] } : {}),
    onAuth(auth, _session, cb) {
      // A refused token gets Gmail's error challenge (334 + JSON), after which clients may retry with a new one.
      if (auth.method === 'XOAUTH2') {
        const ok = auth.username === options.login?.user && auth.accessToken === options.login?.accessToken;
        return cb(null, ok ? { user: auth.username } : { user: undefined, data: { status: '401', schemes: 'bearer', scope: '' } });
      }
      const ok = options.login && auth.username === options.login.user && auth.password === options.login.pass;
      cb(ok ? null : Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 }), ok ? { user: auth.username } : undefined);
    },
    onRcptTo(address: SMTPServerAddress, _session, cb) {
      const r = options.rcpt?.(address.address) ?? null;
      cb(r ? refusal(r) : undefined);
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => keep && chunks.push(c));
      stream.on('end', () => {
        count++;
        if (keep) {
          const envelope = session.envelope as typeof session.envelope & { dsn?: { ret?: string; envid?: string } };
          received.push({
            from: envelope.mailFrom ? envelope.mailFrom.address : '',
            mailDsn: { ...envelope.dsn },
            to: envelope.rcptTo.map((r) => {
              const dsn = (r as SMTPServerAddress & { dsn?: { notify?: string[]; orcpt?: string } }).dsn;
              return { address: r.address, notify: dsn?.notify, orcpt: dsn?.orcpt };
            }),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
        }
        if (options.answerDelayMs) setTimeout(() => cb(null), options.answerDelayMs);
        else cb(null);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, count: () => count, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
