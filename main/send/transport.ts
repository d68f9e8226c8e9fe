// What the sender hands an SMTP pool, and the connection settings made from the user's account.
import { Socket } from 'node:net';
import XOAuth2 from 'nodemailer/lib/xoauth2';
import type { TokenSource } from '../oauth/access-tokens';
import { plaintextRefusal } from '../secrets/plaintext-rule';
import type { CopyRecipe } from './copy-recipe';
import type { SmtpSettings } from './settings';

/** One copy as the sender hands it over: its own envelope, and its finished bytes or how to build them. */
export interface OutgoingCopy {
  envelope: { from: string; to: string[] };
  message: Buffer | CopyRecipe;
  /** Delivery reports asked for when the server offers DSN (nodemailer leaves them out otherwise). */
  dsn?: { id: string; return: 'headers'; notify: ('success' | 'failure' | 'delay')[]; recipient: string };
  /**
   * Called once the whole message has been read into the connection. A connection lost after
   * that may have delivered it; before that, it certainly did not.
   */
  onTransmitted?: () => void;
  /** The copy's own id (its copy_id): what `withdraw` names it by. */
  key?: string;
}

/** The error code of a copy taken back by `withdraw`: no server saw it, so it certainly did not leave. */
export const WITHDRAWN = 'EWITHDRAWN';

export interface Accepted {
  /** The server's final reply, e.g. "250 2.0.0 Ok: queued as 4Xy". */
  response: string;
}

export interface SendTransport {
  send(copy: OutgoingCopy): Promise<Accepted>;
  /**
   * Takes back the copies of these keys that no connection has started yet (a paused or
   * cancelled dispatch): each one's send() rejects with code WITHDRAWN. Copies already in a
   * server conversation finish.
   */
  withdraw(keys: readonly string[]): void;
  close(): void;
}

/** `journal`: where the pool writes what began to leave and the answers (transmit-journal.ts); none in tests that do not ask. */
export type TransportFactory = (smtp: SmtpSettings, journal?: string | null) => SendTransport;

const CONNECT_TIMEOUT_MS = 30_000;

/**
 * The pace as nodemailer's pool options: `rateLimit` messages per `rateDelta` window. A whole
 * minute's budget at once would be a burst the provider may punish; spread it over seconds.
 */
export function paceOf(messagesPerMinute: number): { rateLimit: number; rateDelta: number } {
  if (messagesPerMinute >= 60) return { rateLimit: Math.round(messagesPerMinute / 60), rateDelta: 1000 };
  return { rateLimit: 1, rateDelta: Math.round(60_000 / messagesPerMinute) };
}

/** Connection options shared by the pool and "test connection". */
export function connectionOptions(smtp: SmtpSettings) {
  const refusal = smtp.username ? plaintextRefusal(smtp, 'SMTP') : null;
  return {
    host: smtp.host,
    port: smtp.port,
    secure: smtp.security === 'tls',
    requireTLS: smtp.security === 'starttls',
    ignoreTLS: smtp.security === 'none',
    // A password refused by the plaintext rule is never put in the options at all.
    auth: !smtp.username ? undefined : smtp.auth === 'oauth2' ? xoauth2(smtp.username, smtp.tokens) : { user: smtp.username, pass: refusal ? '' : smtp.password },
    // ...and every connection fails before it opens, with the reason (nodemailer reports a socket
    // whose connect throws as a connection error: the sender holds the queue and shows it).
    ...(refusal ? { get socket() { return refusingSocket(refusal); } } : {}),
    connectionTimeout: CONNECT_TIMEOUT_MS,
    greetingTimeout: CONNECT_TIMEOUT_MS,
    socketTimeout: 2 * CONNECT_TIMEOUT_MS,
  };
}

/**
 * XOAUTH2 through nodemailer's own XOAuth2, asking our token source each login: nodemailer asks
 * again with `renew` once when the server refuses the token (its 334 error challenge).
 */
function xoauth2(user: string, tokens: TokenSource | undefined): { user: string; method: 'XOAUTH2'; oauth2: XOAuth2 } {
  const oauth2 = new XOAuth2({
    user,
    provisionCallback(_user, renew, callback) {
      if (!tokens) return callback(Object.assign(new Error('Not signed in: press "Sign in" under Preferences.'), { code: 'EOAUTHSIGNIN' }), '', 0);
      // Expiry 1 (the past): nodemailer keeps no copy, every login asks the source, which caches.
      tokens.get(renew).then((token) => callback(null, token, 1), (err: Error) => callback(err, '', 0));
    },
  });
  return { user, method: 'XOAUTH2', oauth2 };
}

function refusingSocket(message: string): Socket {
  const socket = new Socket();
  socket.connect = () => {
    throw Object.assign(new Error(message), { code: 'ECONFIG' }); // a settings problem: the queue waits, nothing fails
  };
  return socket;
}
