// What one SMTP answer means for one recipient's copy. Pure: the reply's reason comes from the
// bounce classifier's rules (main/bounce/reasons), so a refusal at send time and the same words
// in a bounce report get the same verdict.
import { classOf } from '../bounce/reasons/classes';
import { decideReason } from '../bounce/reasons';
import type { BounceClass } from '../bounce/types';
import { reasonWords } from '../domain/reason-words';

export type Outcome =
  /** 2xx: the user's server took it. */
  | { kind: 'accepted'; reply: string }
  /** 4xx about this recipient: try again later. */
  | { kind: 'deferred'; reply: string; reason: string; bounceClass: BounceClass }
  /** 5xx about this recipient: it will not go. `blocked` for policy, spam, reputation refusals. */
  | { kind: 'rejected'; reply: string; reason: string; bounceClass: BounceClass; blocked: boolean }
  /** The connection, the login or the account failed: nothing is known about this recipient. */
  | { kind: 'connection'; message: string }
  /** This message cannot be sent as it is (too large, unreadable content): no server was asked. */
  | { kind: 'failed'; message: string };

/** The fields of a nodemailer error this module reads. */
export interface SmtpError {
  message?: string;
  code?: string;
  originalCode?: string;
  errno?: string | number;
  response?: string;
  responseCode?: number;
  command?: string;
}

// Codes that say the conversation itself failed, whatever the server last said.
const CONNECTION_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EAUTH', 'ENOAUTH', 'EOAUTH2', 'EPROTOCOL', 'EPROXY', 'ECONFIG', 'EREQUIRETLS', 'EMAXLIMIT']);

// Errors nodemailer raises about the message itself, before any server answered.
const PER_MESSAGE_CODES = new Set(['EMESSAGE', 'ESTREAM', 'EENVELOPE', 'EMAXRECIPIENTS', 'EFILEACCESS', 'EURLACCESS', 'EFETCH']);

// Refusals that are about the sending account, not the recipient: the whole queue waits.
const ACCOUNT_LIMIT = /\b[45]\.4\.5\b|sending (?:quota|limit)|quota exceeded|too many (?:messages|emails|recipients)|rate limit|try again later, closing/i;



function replyOf(err: SmtpError): string {
  return (err.response ?? err.message ?? '').replace(/\s+/g, ' ').trim();
}

/** Reads an SMTP reply: its reason, class, and whether it is a policy refusal. */
export function readReply(reply: string, temporary: boolean): { reason: string; bounceClass: BounceClass; blocked: boolean } {
  const codes = /^(\d{3})[ -](?:([245]\.\d{1,3}\.\d{1,3})\b)?/.exec(reply);
  const status = codes?.[2] ?? '';
  const { reason } = decideReason({ texts: [reply], status, replycode: codes?.[1] ?? '', action: 'failed' });
  let bounceClass = classOf(reason, temporary);
  // x.7.x is the security/policy subject (RFC 3463): with no telling words, still a policy refusal.
  if (bounceClass === 'other' && /^[45]\.7\./.test(status)) bounceClass = 'blocked';
  return { reason, bounceClass, blocked: bounceClass === 'blocked' };
}

/** The outcome of a send that threw. */
export function outcomeOfError(err: SmtpError): Outcome {
  const code = err.responseCode;
  const reply = replyOf(err);
  if (CONNECTION_CODES.has(err.code ?? '')) return { kind: 'connection', message: describeSmtpError(err) };
  if (!code) {
    return PER_MESSAGE_CODES.has(err.code ?? '') ? { kind: 'failed', message: err.message ?? err.code ?? 'unknown error' } : { kind: 'connection', message: describeSmtpError(err) };
  }
  // 421 closes the session; MAIL FROM refusals and sending quotas are about the account.
  if (code === 421 || err.command === 'MAIL FROM' || ACCOUNT_LIMIT.test(reply)) {
    return { kind: 'connection', message: `The SMTP server refused to send for this account: ${reply}` };
  }
  const temporary = code < 500;
  const read = readReply(reply, temporary);
  if (temporary) return { kind: 'deferred', reply, reason: reasonWords(read.reason, true), bounceClass: read.bounceClass };
  return { kind: 'rejected', reply, reason: reasonWords(read.reason), bounceClass: read.bounceClass, blocked: read.blocked };
}

const CERT_ERRORS = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/;
const TLS_MISMATCH = /wrong version number|unknown protocol|packet length too long|ssl3_get_record|EPROTO|tls_validate_record_header|greeting never received/i;

/** A connection or login failure in words a user can act on. */
export function describeSmtpError(err: SmtpError, where = ''): string {
  const at = where ? ` at ${where}` : '';
  const system = String(err.originalCode ?? err.errno ?? '');
  const detail = (err.response ?? err.message ?? '').replace(/\s+/g, ' ').trim();
  // No access token to log in with (main/oauth: not signed in, grant revoked, token endpoint down): its own words say what to do.
  if (system === 'EOAUTHSIGNIN' || system === 'EOAUTH') return detail;
  if (err.code === 'EAUTH' || err.code === 'ENOAUTH') {
    return `The SMTP server refused the login${at}: check the username and password (many providers need an app password). Server said: ${detail}`;
  }
  if (CERT_ERRORS.test(system) || CERT_ERRORS.test(err.message ?? '')) return `The SMTP server's TLS certificate is not trusted${at}: ${detail}`;
  if (err.code === 'ETLS' || TLS_MISMATCH.test(detail) || system === 'EPROTO') {
    return `TLS mismatch${at}: the server does not speak TLS the way the settings say. Port 465 is usually "TLS", port 587 "STARTTLS". (${detail})`;
  }
  if (system === 'ECONNREFUSED') return `Nothing answers${at} (connection refused): check the server name and port.`;
  if (err.code === 'EDNS' || system === 'ENOTFOUND' || system === 'EAI_AGAIN') return `The SMTP server name cannot be found${at}: check the host name.`;
  if (err.code === 'ETIMEDOUT' || system === 'ETIMEDOUT') return `No answer in time${at}: check the server name, the port and any firewall.`;
  if (system === 'ECONNRESET' || err.code === 'ECONNECTION') return `The SMTP server closed the connection${at}: ${detail}`;
  return `SMTP error${at}: ${detail || err.code || 'unknown'}`;
}
