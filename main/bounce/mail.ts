// One parsed message with the views every reader needs, computed once and shared.
import { parseMessage, partText, walk, type Part } from './mime/parse';
import type { Headers } from './mime/headers';
import { squeeze } from './text';

export interface Mail {
  root: Part;
  headers: Headers;
  subject: string;
  /** From header, lower-cased, display name included. */
  from: string;
  /** Parts of the report itself (enclosed messages not entered). */
  parts: Part[];
  /** The human-readable text of the report: its first text part, or the whole body when not MIME. */
  text: string;
  /** The first 2 KB of `text`, lower-cased: where mail systems put their signatures. */
  headLower: string;
  /** The returned original (message/rfc822 or headers part), when the report carries one. */
  returned: Part | null;
}

const RETURNED_TYPES = new Set([
  'message/rfc822', 'message/global', 'text/rfc822-headers', 'message/rfc822-headers', 'message/global-headers',
]);

export function readMail(raw: Uint8Array | string): Mail {
  const root = parseMessage(raw);
  const parts = walk(root);
  const leaf = parts.find((p) => p.children.length === 0 && p.type === 'text/plain')
    ?? parts.find((p) => p.children.length === 0 && p.type === 'text/html');
  let text = leaf ? partText(leaf) : '';
  if (leaf && leaf.type === 'text/html') text = htmlToText(text);
  return {
    root,
    headers: root.headers,
    subject: squeeze(root.headers.get('subject')),
    from: root.headers.get('from').toLowerCase(),
    parts,
    text,
    headLower: text.slice(0, 2048).toLowerCase(),
    returned: parts.find((p) => RETURNED_TYPES.has(p.type) && p.message)?.message ?? null,
  };
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', quot: '"', nbsp: ' ', amp: '&' };

/** Just enough HTML-to-text for reading a report: tags out, breaks kept, entities of note decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)\b[^>]*>[^]*?<\/\1\s*>/gi, ' ')
    .replace(/<(?:br|\/p|\/div|\/tr|\/li|\/h\d)\b[^>]*>/gi, '\n')
    .replace(/<[^>]{0,2000}>/g, ' ')
    .replace(/&(lt|gt|quot|nbsp|amp);/g, (_, name: string) => ENTITIES[name] ?? '')
    // Runs only: rewriting every single space as well would double the cost.
    .replace(/[ \t]{2,}|\t/g, ' ');
}
