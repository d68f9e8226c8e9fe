// What links a report to the email we sent: fields of the returned message (or of a
// header block quoted in a non-standard report's text).
import type { Mail } from '../mail';
import type { Headers } from '../mime/headers';
import { decodeWords } from '../mime/decode';
import { partText } from '../mime/parse';
import type { OriginalMessage } from '../types';
import { squeeze } from '../text';

const FIELDS: Array<[Exclude<keyof OriginalMessage, 'replyTo'>, string]> = [
  ['messageId', 'message-id'], ['outpostCopy', 'x-outpost-copy'], ['subject', 'subject'], ['date', 'date'], ['from', 'from'], ['to', 'to'],
];

export function emptyOriginal(): OriginalMessage {
  return { messageId: '', outpostCopy: '', recipient: '', envelopeId: '', subject: '', date: '', from: '', to: '', replyTo: [] };
}

// Case-sensitive patterns run on a lower-cased copy (much faster than /i); values are cut
// from the original text at the same offsets.
const QUOTED = new Map(FIELDS.map(([, name]) => [name, new RegExp(`^[ \\t>]*${name}[ \\t]*:[ \\t]*([^\\n]{1,500})`, 'm')]));
const QUOTED_START = /^[ \t>]*(?:received|return-path|message-id|x-outpost-copy)[ \t]*:/m;
const MAX_QUOTED = 64 * 1024;

/** A quoted header field in report text, e.g. "   Message-ID: <x@y>"; '' when absent. */
function quotedField(text: string, lower: string, name: string): string {
  const m = QUOTED.get(name)?.exec(lower);
  if (!m || m[1] === undefined) return '';
  const end = m.index + m[0].length;
  return text.slice(end - m[1].length, end).trim();
}

export function readOriginal(mail: Mail): OriginalMessage {
  const out = emptyOriginal();
  const headers: Headers | undefined = mail.returned?.headers;
  if (headers) for (const [key, name] of FIELDS) out[key] = squeeze(headers.get(name));
  if (!headers || !out.messageId) {
    // Non-MIME reports quote the original after a separator; headers-only parts are sometimes text/plain.
    const texts = mail.parts.filter((p) => p.children.length === 0 && p.type.startsWith('text/') && p !== mail.parts[0]).map(partText);
    const body = [mail.text, ...texts].join('\n').slice(0, MAX_QUOTED);
    const lowerBody = body.toLowerCase();
    const bodyStart = lowerBody.length === body.length ? lowerBody.search(QUOTED_START) : -1;
    if (bodyStart >= 0) {
      const quoted = body.slice(bodyStart);
      const lower = lowerBody.slice(bodyStart);
      for (const [key, name] of FIELDS) if (!out[key]) {
        const v = quotedField(quoted, lower, name);
        out[key] = v.includes('=?') ? decodeWords(v) : v; // the text is already Unicode
      }
    }
  }
  const id = /<[^<>\s]{1,300}>/.exec(out.messageId)?.[0];
  if (id) out.messageId = id;
  out.replyTo = replyIds(mail.headers);
  return out;
}

const MAX_REPLY_IDS = 20;

/** The message ids a message answers: its In-Reply-To, then References. */
export const replyIds = (headers: Headers) => idsIn(`${headers.get('in-reply-to')} ${headers.get('references')}`);

/** The message ids in a header value, in order, at most 20 (a long References thread names its newest last). */
function idsIn(value: string): string[] {
  const ids = value.slice(0, 20_000).match(/<[^<>\s]{1,300}>/g) ?? [];
  return [...new Set(ids)].slice(-MAX_REPLY_IDS);
}
