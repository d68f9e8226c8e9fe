// Is this message a machine's report at all? Structural signs only: who sent it, the
// empty envelope sender, the subject a mail system writes. A person's reply or forward
// ("Re:", "Fwd:") is never a report, whatever its body quotes.
import type { Mail } from './mail';
import { firstRule, type ReasonRule } from './reasons/rule';
import { squeeze } from './text';

const REPLY_PREFIX = /^(?:re|fwd?|aw|wg|tr|rv|sv|vs|antw|r|i|enc|doorst)\s*(?:\[\d+\])?\s*:/i;

const DAEMON_FROM = /mailer[-_ ]?daemon|post_?master|mail delivery (?:system|subsystem|service|agent)|delivery subsystem|internet mail delivery|mail administrator|mail system|mail router|mdaemon|\bdaemon@|bounces?@|double-bounce|nobody@|no-reply@sns\.amazonaws\.com/i;

const BOUNCE_SUBJECT = new RegExp(
  [
    'undeliver', 'undelivered', 'not delivered', 'non-?delivery', 'delivery (?:status|failure|failed|notification|report|problem|has failed|incomplete|error)',
    'returned mail', 'return(?:ed|ing) message', 'mail delivery failed', 'failure notice', 'could not (?:be )?deliver', 'delivery to .{0,80} failed',
    'mail system error', 'delayed mail', 'warning: could not send', 'message not delivered', 'failed delivery', 'rejected', 'bounce',
    'notification', 'unzustellbar', 'エラー', '返送', 'non remis', 'non recapitabile', 'no entregado', 'onbestelbaar', 'nicht zustellbar', '配信',
    // More wordings of the same, as data: one line per language.
    'non-?deliver', 'failed mail', 'mail not delivered', 'unable to deliver', "can(?:not|'t) deliver", "couldn't deliver", 'delivery delayed',
    'message delayed', 'delivery warning', 'warning: message', 'returned to sender', 'returned e-?mail', 'permanent error', 'message status',
    'mail error', 'error sending', 'could not be sent', 'not be delivered', "couldn'?t be delivered", "wasn'?t delivered", 'was not delivered',
    'nicht zugestellt', 'zustellung fehlgeschlagen', 'unzustellbare', // de
    '[ée]chec de (?:la )?(?:remise|distribution|livraison)', 'non distribuable', 'non délivré', // fr
    'no se pudo entregar', 'devuelto', 'error de entrega', // es
    'non consegnat', 'non recapitat', 'mancata consegna', // it
    'n[ãa]o entregue', 'n[ãa]o foi poss[íi]vel entregar', 'falha na entrega', // pt
    'niet afgeleverd', 'kon niet worden bezorgd', 'niet bezorgd', // nl
    'niedostarczon', 'nie można dostarczyć', 'nie mo[żz]na dostarczy[ćc]', // pl
    'не доставлено', 'недоставлен', 'не удалось доставить', 'ошибка доставки', // ru
    '未達', '送信エラー', '配送エラー', // ja
  ].join('|'),
  'i',
);

// Opening words every kind of mail system writes at the head of a report, lower case. They count
// in a message that is not a person's reply or forward (where they would be quoted).
const REPORT_OPENINGS = [
  'could not be delivered to one or more recipients', 'could not be delivered to the following', 'i\'m sorry to have to inform you',
  'delivery to the following recipient', 'was undeliverable', 'delivery status notification',
  'delivery has failed to these recipients', 'your message did not reach', 'permanent fatal errors',
  'the following addresses had', 'unable to deliver your message', 'your message could not be delivered',
  'your message was not delivered', "your message wasn't delivered", 'this is a delivery failure notification',
  'the original message was received at', 'undeliverable to the following',
  'die nachricht konnte nicht zugestellt werden', 'konnte nicht zugestellt werden', // de
  "votre message n'a pas pu être remis", "n'a pas pu être distribué", // fr
  'no se pudo entregar', 'no ha podido ser entregado', // es
  'non è stato possibile recapitare', 'non è stato possibile consegnare', // it
  'não foi possível entregar', 'não pôde ser entregue', // pt
  'kon niet worden afgeleverd', 'kon niet worden bezorgd', // nl
  'nie można dostarczyć', 'nie została dostarczona', // pl
  'не может быть доставлено', 'не удалось доставить', 'не было доставлено', // ru
  '配信できませんでした', '送信できませんでした', '届きませんでした', // ja
];

const OPENING_RULES: readonly ReasonRule[] = [{ reason: 'report', phrases: REPORT_OPENINGS }];

/** One prefix-tree scan of the head of the text (see reasons/rule.ts). */
function hasReportOpening(mail: Mail): boolean {
  return firstRule(OPENING_RULES, squeeze(mail.headLower).replace(/\u2019/g, "'"), 'phrase') !== null;
}

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
  // Only mail systems name the recipients they failed in a header of their own (Exim and kin).
  if (mail.headers.has('x-failed-recipients')) return true;
  const returnPath = mail.headers.raw('return-path');
  return /^<?\s*>?$/.test(returnPath) && mail.headers.has('return-path')
    || BOUNCE_SUBJECT.test(mail.subject) || hasReportOpening(mail);
}
