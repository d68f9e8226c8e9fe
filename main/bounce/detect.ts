// Is this message a machine's report at all? Structural signs only: who sent it, the
// empty envelope sender, the subject a mail system writes. A person's reply or forward
// ("Re:", "Fwd:") is never a report, whatever its body quotes.
import type { Mail } from './mail';

const REPLY_PREFIX = /^(?:re|fwd?|aw|wg|tr|rv|sv|vs|antw|r|i|enc|doorst)\s*(?:\[\d+\])?\s*:/i;

const DAEMON_FROM = /mailer-daemon|post_?master|mail delivery (?:system|subsystem)|mail administrator|mail system|mdaemon|\bdaemon@|bounces?@|nobody@|no-reply@sns\.amazonaws\.com/i;

const BOUNCE_SUBJECT = new RegExp(
  [
    'undeliver', 'undelivered', 'not delivered', 'non-?delivery', 'delivery (?:status|failure|failed|notification|report|problem|has failed|incomplete|error)',
    'returned mail', 'return(?:ed|ing) message', 'mail delivery failed', 'failure notice', 'could not (?:be )?deliver', 'delivery to .{0,80} failed',
    'mail system error', 'delayed mail', 'warning: could not send', 'message not delivered', 'failed delivery', 'rejected', 'bounce',
    'notification', 'unzustellbar', 'エラー', '返送', 'non remis', 'non recapitabile', 'no entregado', 'onbestelbaar', 'nicht zustellbar', '配信',
  ].join('|'),
  'i',
);

/** Sent by a mail system's daemon, never by a person. */
export function isFromDaemon(mail: Mail): boolean {
  return DAEMON_FROM.test(mail.from);
}

export function isReplyOrForward(mail: Mail): boolean {
  return REPLY_PREFIX.test(mail.subject);
}

/** The subject a mail system writes on a report ("Undelivered Mail Returned to Sender"). */
export function hasReportSubject(mail: Mail): boolean {
  return BOUNCE_SUBJECT.test(mail.subject);
}

export function looksLikeReport(mail: Mail): boolean {
  // Some mail systems answer with "Re:" subjects, but a person never sends as MAILER-DAEMON.
  if (isFromDaemon(mail)) return true;
  if (isReplyOrForward(mail)) return false;
  const returnPath = mail.headers.raw('return-path');
  return /^<?\s*>?$/.test(returnPath) && mail.headers.has('return-path')
    || BOUNCE_SUBJECT.test(mail.subject);
}
