// The pieces of a MIME message, assembled as strings. Every encoding is nodemailer's own
// (its header encoder, quoted-printable, base64, RFC 2231 parameters): only the layout is ours,
// so a copy costs string joins instead of a stream pipeline per message.
import MimeNode from 'nodemailer/lib/mime-node';
import { buildHeaderValue, foldLines } from 'nodemailer/lib/mime-funcs';
import * as base64 from 'nodemailer/lib/base64';
import * as qp from 'nodemailer/lib/qp';

export interface Part {
  /** Header lines, folded, each without its line break. */
  headers: string[];
  /** The encoded body; multipart bodies hold their children. */
  body: string;
}

// MimeNode's public per-header encoder: addresses normalized (punycode) with names quoted or as
// encoded words, other text (the subject) as encoded words when it needs them.
const encoder = new MimeNode() as unknown as { encodeHeaderValue(key: string, value: unknown): string };

const LINE = 76;

/** One folded header line, its value encoded as nodemailer encodes it. */
export function headerLine(key: string, value: unknown): string {
  return foldLines(`${key}: ${encoder.encodeHeaderValue(key, value)}`, LINE);
}

// Names of letters, digits and inner spaces, and ASCII addresses with a lower-case domain: nodemailer
// writes these as they are, so they skip its address parser (most of a merge copy's headers).
const PLAIN_NAME = /^(?:[A-Za-z0-9]+(?: [A-Za-z0-9]+)*)?$/;
const PLAIN_ADDRESS = /^[A-Za-z0-9._+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+$/;

/** An address header (From, To, Cc, Bcc), byte for byte as headerLine() writes it. */
export function addressLine(key: string, people: readonly { name: string; address: string }[]): string {
  if (!people.every((p) => PLAIN_NAME.test(p.name) && PLAIN_ADDRESS.test(p.address))) return headerLine(key, people);
  return foldLines(`${key}: ${people.map((p) => (p.name ? `${p.name} <${p.address}>` : p.address)).join(', ')}`, LINE);
}

// The copies of a merge chunk share their second: formatting a Date is a few µs a copy.
let lastDate = { second: NaN, text: '' };

/** RFC 5322 date in UTC, as nodemailer writes it. */
export function dateHeader(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== lastDate.second) lastDate = { second, text: new Date(second * 1000).toUTCString().replace('GMT', '+0000') };
  return lastDate.text;
}

const crlf = (text: string) => text.replace(/\r?\n|\r/g, '\r\n');

/** A text/plain or text/html part, UTF-8, quoted-printable (safe for any text and line length). */
export function textPart(type: 'text/plain' | 'text/html', content: string): Part {
  return {
    headers: [`Content-Type: ${type}; charset=utf-8`, 'Content-Transfer-Encoding: quoted-printable'],
    body: qp.wrap(qp.encode(crlf(content)), LINE),
  };
}

/** An attachment, base64; the file name as RFC 2231 parameters (any script, any length). */
export function attachmentPart(a: { filename: string; contentType: string; content: Buffer }): Part {
  return {
    headers: [
      foldLines(`Content-Type: ${buildHeaderValue({ value: a.contentType, params: { name: a.filename } })}`, LINE),
      'Content-Transfer-Encoding: base64',
      foldLines(`Content-Disposition: ${buildHeaderValue({ value: 'attachment', params: { filename: a.filename } })}`, LINE),
    ],
    body: base64.wrap(base64.encode(a.content), LINE),
  };
}

const entity = (part: Part) => `${part.headers.join('\r\n')}\r\n\r\n${part.body}`;

/**
 * A multipart of `parts`. The boundary holds "=_", which quoted-printable always escapes and
 * base64 never contains, so no encoded body can hold a delimiter line (RFC 2045 6.7): fixed
 * per subtype, since a mixed part nests at most one alternative, and no random bytes per copy.
 */
export function multipart(subtype: 'alternative' | 'mixed', parts: Part[]): Part {
  const boundary = `=_outpost_${subtype}`;
  // The line break before each delimiter belongs to the delimiter, not to the part before it.
  const children = parts.map((p) => `--${boundary}\r\n${entity(p)}\r\n`).join('');
  return { headers: [`Content-Type: multipart/${subtype}; boundary="${boundary}"`], body: `${children}--${boundary}--` };
}

/**
 * The finished message: its header lines, then the part's. No line break after the body: in a
 * single part it would be content, and the SMTP client adds the one before "." itself.
 */
export function serialize(headers: string[], part: Part): Buffer {
  return Buffer.from(`${headers.join('\r\n')}\r\n${entity(part)}`);
}
