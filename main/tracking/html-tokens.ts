// A small forward-only HTML tokenizer: enough to find tags and their attribute values with
// exact offsets, so a transform can rewrite one attribute and leave every other byte as written.
// Each step advances by at least one character and uses indexOf or sticky scans, never a
// backtracking regular expression, so odd or hostile markup costs linear time.

export interface Attribute {
  /** Lower-cased name. */
  name: string;
  /** The value with character references decoded. */
  value: string;
  /** Offsets of the value as written (inside the quotes); start === end when absent. */
  start: number;
  end: number;
}

export interface Tag {
  kind: 'start' | 'end';
  /** Lower-cased tag name. */
  name: string;
  /** Offset of '<' and just after '>'. */
  start: number;
  end: number;
  attributes: Attribute[];
}

// Elements whose content is text up to their own end tag: a '<' inside is not markup.
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);

const isSpace = (c: string) => c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\f';
const isLetter = (c: string | undefined) => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));

/** Every start and end tag of `html`, in document order (comments, doctypes and raw text skipped). */
export function* tags(html: string): Generator<Tag> {
  let i = 0;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) return;
    if (html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4);
      i = close < 0 ? n : close + 3;
      continue;
    }
    const next = html[lt + 1];
    if (next === '!' || next === '?') {
      const close = html.indexOf('>', lt + 2);
      i = close < 0 ? n : close + 1;
      continue;
    }
    const isEnd = next === '/';
    const nameStart = lt + (isEnd ? 2 : 1);
    if (!isLetter(html[nameStart])) {
      i = lt + 1; // a lone '<' is text
      continue;
    }
    let j = nameStart;
    while (j < n && !isSpace(html[j]!) && html[j] !== '/' && html[j] !== '>') j++;
    const name = html.slice(nameStart, j).toLowerCase();
    const parsed = readAttributes(html, j);
    const tag: Tag = { kind: isEnd ? 'end' : 'start', name, start: lt, end: parsed.end, attributes: isEnd ? [] : parsed.attributes };
    yield tag;
    i = parsed.end;
    if (!isEnd && RAW_TEXT.has(name)) i = skipRawText(html, name, i);
  }
}

function readAttributes(html: string, from: number): { attributes: Attribute[]; end: number } {
  const attributes: Attribute[] = [];
  const n = html.length;
  let i = from;
  while (i < n) {
    const c = html[i]!;
    if (c === '>') return { attributes, end: i + 1 };
    if (isSpace(c) || c === '/') {
      i++;
      continue;
    }
    let j = i;
    // An attribute name runs to a space, '/', '>' or '=' (a leading '=' belongs to the name).
    do j++;
    while (j < n && !isSpace(html[j]!) && html[j] !== '/' && html[j] !== '>' && html[j] !== '=');
    const name = html.slice(i, j).toLowerCase();
    while (j < n && isSpace(html[j]!)) j++;
    if (html[j] !== '=') {
      attributes.push({ name, value: '', start: j, end: j });
      i = j;
      continue;
    }
    j++;
    while (j < n && isSpace(html[j]!)) j++;
    const quote = html[j];
    let start: number;
    let end: number;
    if (quote === '"' || quote === "'") {
      start = j + 1;
      const close = html.indexOf(quote, start);
      end = close < 0 ? n : close;
      i = close < 0 ? n : close + 1;
    } else {
      start = j;
      while (j < n && !isSpace(html[j]!) && html[j] !== '>') j++;
      end = j;
      i = j;
    }
    attributes.push({ name, value: decodeEntities(html.slice(start, end)), start, end });
  }
  return { attributes, end: n };
}

function skipRawText(html: string, name: string, from: number): number {
  const closer = new RegExp(`</${name}[\\s/>]`, 'giy');
  // indexOf on '</' then a sticky, literal check: linear, and case-insensitive without lower-casing
  // the whole document (lower-casing can change string length and break offsets).
  for (let i = html.indexOf('</', from); i >= 0; i = html.indexOf('</', i + 2)) {
    closer.lastIndex = i;
    if (closer.test(html)) return i;
  }
  return html.length;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the character references that occur in URLs: the common named ones and numeric ones. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  // Named references only with their ';': in an attribute, "&lt=5" is literal text (HTML spec).
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6};?|#[0-9]{1,7};?|[a-zA-Z]{2,6};)/g, (whole, ref: string) => {
    if (ref[0] !== '#') return NAMED[ref.slice(0, -1)] ?? whole;
    const hex = ref[1] === 'x' || ref[1] === 'X';
    const code = parseInt(ref.slice(hex ? 2 : 1), hex ? 16 : 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** Escapes text for a double-quoted attribute value or element content. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
