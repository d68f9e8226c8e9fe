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
  return withoutScripts(html)
    .replace(/<(?:br|\/p|\/div|\/tr|\/li|\/h\d)\b[^>]*>/gi, '\n')
    // A tag holds no "<": a bound of 2,000 characters that may cross other "<" made each of a
    // long run of them scan 2,000 characters (0.6 s on 64 KB of "<").
    .replace(/<[^<>]{0,2000}>/g, ' ')
    .replace(/&(lt|gt|quot|nbsp|amp);/g, (_, name: string) => ENTITIES[name] ?? '')
    // Runs only: rewriting every single space as well would double the cost.
    .replace(/[ \t]{2,}|\t/g, ' ');
}

/**
 * Script and style elements out, each with what it holds, by plain searches: a lazy
 * `<script>[^]*?</script>` tried at each of many unclosed openings scanned to the end each time.
 */
function withoutScripts(html: string): string {
  if (!html.includes('<s') && !html.includes('<S')) return html;
  const lower = html.toLowerCase();
  if (lower.length !== html.length) return html; // never for a tag-bearing HTML text in practice
  let out = '';
  let from = 0;
  let search = 0;
  for (;;) {
    const script = lower.indexOf('<script', search);
    const style = lower.indexOf('<style', search);
    const open = script < 0 ? style : style < 0 ? script : Math.min(script, style);
    if (open < 0) break;
    const name = open === script ? 'script' : 'style';
    const next = lower.charCodeAt(open + 1 + name.length);
    // "<scripts" is not a script element; "<script>", "<script " and "<script/" are.
    if (next >= 97 && next <= 122 || next >= 48 && next <= 57 || next === 95) {
      search = open + 1;
      continue;
    }
    const close = lower.indexOf('</' + name, open);
    const end = close < 0 ? -1 : lower.indexOf('>', close);
    if (end < 0) break; // never closed: kept as text, as before, and nothing later closes either
    out += html.slice(from, open) + ' ';
    from = search = end + 1;
  }
  return from ? out + html.slice(from) : html;
}
