// What links a report to the email we sent: fields of the returned message (or of a
// header block quoted in a non-standard report's text).
import type { Mail } from '../mail';
import type { Headers } from '../mime/headers';
import { decodeWords } from '../mime/decode';
import { partText } from '../mime/parse';
import type { OriginalMessage } from '../types';

const FIELDS: Array<[keyof OriginalMessage, string]> = [
  ['messageId', 'message-id'], ['outpostCopy', 'x-outpost-copy'], ['subject', 'subject'], ['date', 'date'], ['from', 'from'], ['to', 'to'],
];

export function emptyOriginal(): OriginalMessage {
  return { messageId: '', outpostCopy: '', recipient: '', envelopeId: '', subject: '', date: '', from: '', to: '' };
}

/** A quoted header field in report text, e.g. "   Message-ID: <x@y>"; '' when absent. */
function quotedField(text: string, name: string): string {
  const re = new RegExp(`^[ \\t>]*${name}[ \\t]*:[ \\t]*([^\\n]{1,500})`, 'im');
  return re.exec(text)?.[1]?.trim() ?? '';
}

export function readOriginal(mail: Mail): OriginalMessage {
  const out = emptyOriginal();
  const headers: Headers | undefined = mail.returned?.headers;
  if (headers) for (const [key, name] of FIELDS) out[key] = headers.get(name).replace(/\s+/g, ' ').trim();
  if (!out.messageId || !out.outpostCopy) {
    // Non-MIME reports quote the original after a separator; headers-only parts are sometimes text/plain.
    const texts = mail.parts.filter((p) => p.children.length === 0 && p.type.startsWith('text/') && p !== mail.parts[0]).map(partText);
    const body = [mail.text, ...texts].join('\n').slice(0, 512 * 1024);
    const bodyStart = body.search(/^[ \t>]*(?:received|return-path|message-id|x-outpost-copy)[ \t]*:/im);
    if (bodyStart >= 0) {
      const quoted = body.slice(bodyStart);
      for (const [key, name] of FIELDS) if (!out[key]) {
        const v = quotedField(quoted, name);
        out[key] = v.includes('=?') ? decodeWords(v) : v; // the text is already Unicode
      }
    }
  }
  const id = /<[^<>\s]{1,300}>/.exec(out.messageId)?.[0];
  if (id) out.messageId = id;
  return out;
}
