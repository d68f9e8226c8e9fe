// The bounce classifier: raw bytes of one message in, what happened to whom out.
// Pure and synchronous. Order of reading: complaint (ARF), delivery-status part (RFC 3464),
// a recognized mail system's text, any machine report's text, automatic reply, else not a report.
import { detectSystem, GENERIC } from './lhost/index';
import { scanRecipients, section } from './lhost/scan';
import type { MailSystem, TextRecipient } from './lhost/system';
import { readComplaint } from './formats/arf';
import { hasAutoReplyHeaders, isAutoReply, isAutoSubmitted } from './formats/autoreply';
import { addressOf } from './formats/fields';
import { emptyOriginal, readOriginal, replyIds } from './formats/original';
import { looksLikeDeliveryStatus, parseDeliveryStatus, type DsnReport } from './formats/rfc3464';
import { hasReportSubject, isFromDaemon, isReplyOrForward, looksLikeReport } from './detect';
import { readMail, type Mail } from './mail';
import { partText } from './mime/parse';
import { classOf } from './reasons/classes';
import { decideReason } from './reasons/index';
import type { BounceReport, RecipientVerdict, ReportKind } from './types';
import { squeeze } from './text';

const MAX_RECIPIENTS = 200;
// Codes read from free text: only failure codes count (a transcript is full of 250 2.0.0 Ok).
const STATUS_RE = /\b([45])\.(\d{1,3})\.(\d{1,3})\b/;
const REPLY_RE = /(?:^|[\s:;(\[])([45][0-5]\d)(?=[\s-]|$)/;

export function classify(raw: Uint8Array | string): BounceReport {
  // The one catch-all: a bug in any reader must not take the mailbox poller down with it.
  try {
    const mail = readMail(raw);
    const found = classifyMail(mail, true);
    // Ordinary mail is linked to ours only as a reply: its In-Reply-To and References.
    const report = found.kind === 'not-report' ? { ...found, original: { ...found.original, replyTo: replyIds(mail.headers) } } : found;
    const messageId = /<[^<>\s]{1,300}>/.exec(mail.headers.get('message-id'))?.[0] ?? '';
    return { ...report, headers: { messageId, subject: mail.subject.slice(0, 500), from: squeeze(mail.headers.get('from')).slice(0, 500) } };
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    return { ...notReport(), why: `error:${e.name}: ${e.message}`.slice(0, 300) };
  }
}

function classifyMail(mail: Mail, outer: boolean): BounceReport {
  // A known system's report first; auto-replies before guessing at unknown machine mail,
  // because vacation programs also send with an empty envelope sender.
  const found = recognize(mail);
  const report = complaint(mail) ?? (found.dsn || found.system ? delivery(mail, found) : null)
    ?? autoreply(mail, found.dsn !== null || hasReportSubject(mail) || isMultipartReport(mail)) ?? (found.isReport ? delivery(mail, found) : null);
  if (outer && looksLikeReport(mail) && (!report || report.recipients.every((r) => r.reason === 'undefined'))) {
    // A mail system that wraps another system's report in a message/rfc822 part: read the inner one.
    const wrapped = mail.parts.find((p) => p.type === 'message/rfc822' && p.message);
    const inner = wrapped ? classifyMail(readMail(Buffer.from(wrapped.body, 'latin1')), false) : null;
    const isFailure = inner?.kind === 'failure' || inner?.kind === 'delay';
    if (inner && isFailure && !inner.recipients.every((r) => r.reason === 'undefined')) return inner;
  }
  return report ?? notReport();
}

// Filled once by classify() for whichever reading won.
const NO_HEADERS = { messageId: '', subject: '', from: '' } as const;

function notReport(): BounceReport {
  return { kind: 'not-report', headers: NO_HEADERS, format: '', recipients: [], original: emptyOriginal() };
}

function verdict(address: string, reason: string, why: string, fields: Partial<RecipientVerdict> = {}): RecipientVerdict {
  const status = fields.status ?? '';
  const replycode = fields.replycode ?? '';
  const temporary = status.startsWith('4') || (!status && replycode.startsWith('4'));
  return {
    address, class: classOf(reason, temporary), reason, status, replycode,
    diagnostic: fields.diagnostic ?? '', host: fields.host ?? '', action: fields.action ?? '', why,
  };
}

function complaint(mail: Mail): BounceReport | null {
  const c = readComplaint(mail);
  if (!c) return null;
  const recipients = c.recipients.slice(0, MAX_RECIPIENTS)
    .map((a) => verdict(a, 'feedback', `arf:${c.feedbackType || 'unknown'}`, { host: c.host }));
  return { kind: 'complaint', headers: NO_HEADERS, format: 'arf', recipients, original: readOriginal(mail) };
}

function autoreply(mail: Mail, isReport: boolean): BounceReport | null {
  // A "Re:" subject is a person's reply unless the headers say a program sent it (RFC 3834).
  // A program's "Re:" marked auto-generated counts when its own words say it is an automatic reply.
  const program = hasAutoReplyHeaders(mail) || (isAutoSubmitted(mail) && isAutoReply(mail, isReport));
  if (isFromDaemon(mail) || (isReplyOrForward(mail) ? !program : !isAutoReply(mail, isReport))) return null;
  const from = addressOf(mail.headers.get('from'));
  // The person's (or their program's) own words are the diagnostic: "back on the 12th".
  const words = verdict(from, 'vacation', 'rfc3834', { diagnostic: oneLine(mail.text) });
  return { kind: 'autoreply', headers: NO_HEADERS, format: 'rfc3834', recipients: [words], original: readOriginal(mail) };
}

/** DSN recipients, when the report has a delivery-status part (or DSN fields in its text). */
function dsnOf(mail: Mail, isReport: boolean): DsnReport | null {
  const part = mail.parts.find((p) => p.type === 'message/delivery-status' || p.type === 'message/global-delivery-status');
  const text = part ? partText(part) : isReport && looksLikeDeliveryStatus(mail.text) ? mail.text : '';
  if (!text) return null;
  const dsn = parseDeliveryStatus(text);
  return dsn.recipients.length ? dsn : null;
}

/** The enhanced status code stated in free text, or ''. */
function statusIn(text: string): string {
  const s = STATUS_RE.exec(text);
  return s ? `${s[1]}.${s[2]}.${s[3]}` : '';
}

/** A generic DSN status (x.0.0) yields to a more precise code in the server's words. */
function bestStatus(dsnStatus: string, texts: readonly string[]): string {
  if (dsnStatus && !dsnStatus.endsWith('.0.0')) return dsnStatus;
  const said = statusIn(texts.join('\n'));
  if (!dsnStatus) return said;
  if (said && said[0] === dsnStatus[0] && !said.endsWith('.0.0')) return said;
  return dsnStatus;
}

/**
 * The report's own words in its subject, without the returned message's subject it repeats
 * ("Undeliverable: <subject>"): where that subject is unknown, only the words before the colon.
 */
function subjectWords(subject: string, originalSubject: string): string {
  const own = originalSubject.trim();
  if (own && subject.includes(own)) return subject.replace(own, ' ');
  const colon = subject.indexOf(':');
  return colon >= 0 ? subject.slice(0, colon) : subject;
}

function oneLine(s: string): string {
  return squeeze(s.slice(0, 2000)).slice(0, 1000);
}

interface Recognized {
  isReport: boolean;
  dsn: DsnReport | null;
  system: MailSystem | null;
}

function isMultipartReport(mail: Mail): boolean {
  return mail.headers.raw('content-type').toLowerCase().includes('multipart/report');
}

/** What kind of report this is: read once, used by both readings of a delivery report. */
function recognize(mail: Mail): Recognized {
  const isReport = looksLikeReport(mail) || isMultipartReport(mail);
  const dsn = dsnOf(mail, isReport);
  // Mail-system phrases in a person's message (a pasted or quoted bounce) prove nothing.
  return { isReport, dsn, system: detectSystem(mail, isReport || dsn !== null) };
}

/** The recipients of a delivery report: DSN fields, a known system's text, or any report's text. */
function delivery(mail: Mail, { isReport, dsn, system }: Recognized): BounceReport | null {
  const sys: MailSystem = system ?? GENERIC;

  const exclude = new Set([addressOf(mail.headers.get('to')), addressOf(mail.headers.get('from'))]);
  const body = section(mail.text, sys.start, sys.end);
  const texts: TextRecipient[] = sys.read?.(mail) ?? scanRecipients(body, exclude);
  const named = sys.named?.(mail) || undefined;

  const rows: Array<{ address: string; texts: string[]; diagnostic: string; status: string; action: string; host: string; original: string; named?: string }> = [];
  if (dsn) {
    for (const r of dsn.recipients.slice(0, MAX_RECIPIENTS)) {
      const block = texts.find((t) => t.address === r.address) ?? (texts.length === 1 ? texts[0] : undefined)
        ?? (dsn.recipients.length === 1 ? { address: r.address, text: body } : undefined);
      // A local delivery program's exit code ("X-Unix; 75") says only that the mailer failed.
      const mailer = r.diagnosticType === 'x-unix' && /^\d*$/.test(r.diagnostic) ? 'mailer error' : '';
      rows.push({
        address: r.address || block?.address || '', texts: [r.diagnostic, mailer, block?.text ?? ''],
        diagnostic: r.diagnostic || (block?.text ?? ''), status: r.status, action: r.action,
        host: r.remoteMta || dsn.reportingMta, original: r.originalRecipient, named: r.category || named,
      });
    }
  } else {
    const failed = mail.headers.all('x-failed-recipients').flatMap((v) => v.split(',')).map(addressOf).filter(Boolean);
    const list: TextRecipient[] = texts.length ? texts : failed.map((a) => ({ address: a, text: body }));
    for (const t of list.slice(0, MAX_RECIPIENTS)) {
      rows.push({ address: t.address, texts: [t.text], diagnostic: t.text, status: t.status ?? '', action: t.action ?? '', host: t.host ?? '', original: '', named });
    }
    // A report that names nobody still says something happened; keep its words.
    if (!rows.length && (system || isReport)) {
      if (!body.trim()) return null;
      rows.push({ address: '', texts: [body], diagnostic: body, status: '', action: '', host: '', original: '', named });
    }
  }
  if (!rows.length) return null;

  const delayed = !dsn && /\b(?:delayed|delay|will (?:be retried|retry|keep trying)|not yet been delivered|still trying)\b/i.test(mail.subject);
  const original = readOriginal(mail);
  const recipients = rows.map((row) => {
    const status = bestStatus(row.status, row.texts);
    const diagnostic = oneLine(row.diagnostic);
    const replycode = REPLY_RE.exec(diagnostic || row.texts.join('\n'))?.[1] ?? '';
    const action = row.action || (delayed ? 'delayed' : '');
    let { reason, why } = decideReason({ texts: row.texts, status, replycode, action, own: sys.rules, named: row.named });
    // The subject is the weakest evidence: read only when nothing else spoke, and without the
    // returned message's own subject, which the report's subject often repeats.
    if (reason === 'undefined') {
      const said = subjectWords(mail.subject, original.subject);
      const bySubject = said ? decideReason({ texts: [said], status, replycode, action }) : null;
      if (bySubject && bySubject.why.startsWith('phrase:')) ({ reason, why } = { reason: bySubject.reason, why: `subject:${bySubject.why}` });
    }
    return verdict(row.address, reason, why, { status, replycode, diagnostic, host: row.host, action });
  });

  if (dsn) {
    original.envelopeId = dsn.envelopeId;
    original.recipient = rows[0]?.original || rows[0]?.address || '';
  } else {
    original.recipient = rows[0]?.address ?? '';
  }
  return { kind: kindOf(recipients), headers: NO_HEADERS, format: dsn && !system ? 'rfc3464' : sys.name, recipients, original };
}

function kindOf(recipients: RecipientVerdict[]): ReportKind {
  if (recipients.every((r) => r.class === 'delivered')) return 'success';
  if (recipients.every((r) => r.action === 'delayed' || r.class === 'delivered')) return 'delay';
  return 'failure';
}
