// Hostile messages for the fuzz test and the bench: long runs of the text regular expressions
// choke on, placed where each reader looks (report text, DSN fields, headers, HTML, the
// returned message), plus broken MIME. Generated, deterministic, never copies of real mail.

export interface Hostile {
  /** The kind of input, e.g. "address-like"; one row of the bench's hostile table. */
  kind: string;
  /** Where in the message it sits. */
  place: string;
  raw: string;
}

/** `unit` repeated to `size` characters. */
function fill(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/** Runs of text, each `size` characters long, by kind. */
export function hostileRuns(size: number): Array<[kind: string, run: string]> {
  return [
    ['address-like', fill('a@b.', size)],
    ['address-like', fill('user.name+tag@sub.example.org', size)],
    ['address-like', fill('x', size - 12) + '@example.org'],
    ['address-like', fill('a@', size)],
    ['space-heavy', fill(' ', size)],
    ['space-heavy', fill('\n', size)],
    ['space-heavy', fill(' \t\n \n', size)],
    ['space-heavy', fill('a ', size)],
    ['brackets', fill('<', size)],
    ['brackets', fill('<<<<@@@@', size)],
    ['brackets', fill('<', size / 2) + fill('>', size / 2)],
    ['brackets', fill('([{<', size)],
    ['brackets', fill('<script>', size)],
    ['repeated-token', fill('user unknown ', size)],
    ['repeated-token', fill('550 5.1.1 ', size)],
    ['repeated-token', fill('550-', size)],
    ['repeated-token', fill('>>> RCPT TO:<a@b> <<< ', size)],
    ['repeated-token', fill('--', size)],
    ['repeated-token', fill('\n--', size)],
    ['repeated-token', fill('final-recipient: ', size)],
    ['repeated-token', fill('=?utf-8?q?', size)],
    ['repeated-token', fill('delivery error: dd sorry your message to ', size)],
    ['repeated-token', fill('host a not found ', size)],
    ['repeated-token', fill('domain ', size)],
    ['repeated-token', fill('while talking to a: ', size)],
    ['repeated-token', fill('aup#', size)],
    ['repeated-token', fill('\n   ---', size)],
    ['repeated-token', fill('received: ', size)],
    ['repeated-token', fill('\n>', size)],
  ];
}

const CT_REPORT = 'multipart/report; report-type=delivery-status; boundary="HB"';

function daemonHead(extra = ''): string {
  return `From: MAILER-DAEMON@mx.example.net (Mail Delivery System)\nTo: owner@example.net\nSubject: Undelivered Mail Returned to Sender\nReturn-Path: <>\nMIME-Version: 1.0\n${extra}`;
}

/** The run placed in each part of a report a reader looks at. */
function placements(run: string): Array<[place: string, raw: string]> {
  return [
    ['plain text', `${daemonHead()}\nThis is the mail system at host mx.example.net.\n\n${run}\n\n--- Below this line is a copy of the message.\n\nMessage-ID: <q@x>\n`],
    ['text, sendmail-like', `${daemonHead()}\n   ----- The following addresses had permanent fatal errors -----\n${run}\n   ----- Transcript of session follows -----\n${run}\n`],
    ['text, after an address', `${daemonHead()}\n<rcpt@example.org>: ${run}\n`],
    ['dsn fields', `${daemonHead(`Content-Type: ${CT_REPORT}\n`)}\n--HB\nContent-Type: text/plain\n\n${run}\n--HB\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; ${run}\n\nFinal-Recipient: rfc822; ${run}\nAction: failed ${run}\nStatus: 5.1.1 ${run}\nDiagnostic-Code: smtp; ${run}\n\n--HB\nContent-Type: message/rfc822\n\nMessage-ID: ${run}\nSubject: ${run}\n\n${run}\n--HB--\n`],
    ['headers', `From: ${run}\nTo: ${run}\nSubject: ${run}\nMessage-ID: ${run}\nIn-Reply-To: ${run}\nReferences: ${run}\nContent-Type: text/plain; charset=${run}; ${run}\n\n${run}\n`],
    ['html', `${daemonHead('Content-Type: text/html\n')}\n<html><body>${run}</body></html>\n`],
    ['complaint', `From: staff@isp.example\nSubject: complaint\nContent-Type: multipart/report; report-type=feedback-report; boundary="HB"\n\n--HB\nContent-Type: message/feedback-report\n\nFeedback-Type: abuse\nOriginal-Rcpt-To: ${run}\n${run}\n--HB--\n`],
    ['auto-reply', `From: person@example.org\nSubject: Out of office ${run}\nAuto-Submitted: auto-replied\n\n${run}\n`],
  ];
}

/** Broken MIME around a body of about `size` bytes. */
function brokenMime(size: number): Array<[kind: string, place: string, raw: string]> {
  let deep = 'Content-Type: text/plain\n\nuser unknown';
  for (let i = 0; i < 2000; i++) deep = `Content-Type: multipart/mixed; boundary="n${i}"\n\n--n${i}\n${deep}\n--n${i}--\n`;
  const parts = Array.from({ length: Math.max(1, Math.floor(size / 40)) }, (_, i) => `--HB\nContent-Type: text/plain\n\npart ${i}\n`).join('');
  return [
    ['mime', 'deep nesting (2,000 levels)', daemonHead() + deep],
    ['mime', 'many parts', `${daemonHead(`Content-Type: ${CT_REPORT}\n`)}\n${parts}--HB--\n`],
    ['mime', 'broken base64', `${daemonHead('Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n')}\n${fill('QUJD!@#$====\n', size)}`],
    ['mime', 'broken quoted-printable', `${daemonHead('Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n')}\n${fill('=\n=Z=4=\t', size)}`],
    ['mime', 'bogus charset, 8-bit', `${daemonHead('Content-Type: text/plain; charset=x-bogus\n')}\n${fill('\xff\xfe\x80 user unknown ', size)}`],
    ['mime', 'iso-2022-jp escapes', `${daemonHead('Content-Type: text/plain; charset=iso-2022-jp\n')}\n${fill('\x1b$B\x1b(B\x1b$@', size)}`],
    ['mime', 'encoded words', `${daemonHead()}Subject: ${fill('=?utf-8?B?' + '<'.repeat(50) + '?= ', size)}\n\nuser unknown\n`],
    ['mime', 'boundary lines', `${daemonHead(`Content-Type: multipart/report; boundary="${fill('-', 200)}"\n`)}\n${fill('--' + '-'.repeat(200) + '\n', size)}`],
    ['mime', 'no header end', fill('X-Long: value\n', size)],
    ['mime', 'folded header', `Subject: x${fill('\n x', size)}\n\nbody\n`],
  ];
}

/**
 * The whole hostile set at one run size (64 KB and 1 MB in the bench), one message at a time:
 * at 1 MB the set would take gigabytes if built at once.
 */
export function* hostileSet(size: number): Generator<Hostile> {
  for (const [kind, run] of hostileRuns(size)) {
    for (const [place, raw] of placements(run)) yield { kind, place, raw };
  }
  for (const [kind, place, raw] of brokenMime(size)) yield { kind, place, raw };
}
