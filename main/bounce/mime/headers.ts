// Header blocks: unfold, split into fields, look up by name (case-insensitive).
import { decodeWords } from './decode';

const MAX_FIELDS = 500;
const MAX_VALUE = 8192;
const SEARCHES = 8;

/** Where a field's values sit in the block; the strings are cut on first use. */
interface Field {
  /** [start, end) of each value (folded lines included), in order of appearance. */
  spans: number[];
  values?: string[];
}

export class Headers {
  /** Lower-cased name -> where its values are; indexed on first use. */
  private index: Map<string, Field> | null = null;
  private searches = 0;

  constructor(private readonly block: string) {}

  private get fields(): Map<string, Field> {
    return (this.index ??= indexBlock(this.block));
  }

  has(name: string): boolean {
    return this.fields.has(name.toLowerCase());
  }

  /** First value, raw (binary string, encoded words left as they are). */
  raw(name: string): string {
    // Searching a line's name costs a few comparisons, parsing a field a few allocations: a block
    // asked for a handful of fields (a part's type, the returned message's identity) is searched;
    // one asked for many is indexed once.
    if (!this.index && this.searches++ < SEARCHES) return this.find(name.toLowerCase());
    return this.all(name)[0] ?? '';
  }

  /**
   * One field without parsing the whole block: most parts are asked only for their type. Walks
   * the line starts comparing the name case-insensitively, so the block is never lower-cased.
   */
  private find(key: string): string {
    const block = this.block;
    let at = 0;
    while (at < block.length) {
      let end = block.indexOf('\n', at);
      if (block.charCodeAt(at + key.length) === 58 /* : */ && sameName(block, at, key)) {
        while (end >= 0 && (block.charCodeAt(end + 1) === 32 || block.charCodeAt(end + 1) === 9)) end = block.indexOf('\n', end + 1);
        return unfold(block, at + key.length + 1, end < 0 ? block.length : end);
      }
      if (end < 0) break;
      at = end + 1;
    }
    return '';
  }

  all(name: string): readonly string[] {
    const field = this.fields.get(name.toLowerCase());
    if (!field) return [];
    if (!field.values) {
      field.values = [];
      for (let i = 0; i < field.spans.length; i += 2) field.values.push(unfold(this.block, field.spans[i]!, field.spans[i + 1]!));
    }
    return field.values;
  }

  /** First value with RFC 2047 words and 8-bit bytes decoded. */
  get(name: string): string {
    const v = this.raw(name);
    return v ? decodeWords(v) : '';
  }
}

/** `block` at `at` spells the lower-case field name `key`, in any case. */
function sameName(block: string, at: number, key: string): boolean {
  for (let i = 0; i < key.length; i++) {
    const c = block.charCodeAt(at + i);
    // ASCII upper case folds to lower case by setting bit 0x20; names are ASCII letters, digits and '-'.
    if ((c >= 65 && c <= 90 ? c | 32 : c) !== key.charCodeAt(i)) return false;
  }
  return true;
}

/** A value as one line: folded lines joined, trimmed, capped. */
function unfold(block: string, start: number, end: number): string {
  return block.slice(start, Math.min(end, start + MAX_VALUE)).replace(/\n[ \t]+/g, ' ').trim();
}

/**
 * Where the colon after a field name starting at `from` is, or -1: a name is printable ASCII
 * without spaces (RFC 5322 §2.2), under 80 characters (`to` bounds the search).
 */
function nameEnd(block: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = block.charCodeAt(i);
    if (c === 58 /* : */) return i;
    if (c < 33 || c > 126) return -1;
  }
  return -1;
}

/**
 * One pass over the lines recording where each field's value starts and ends: no strings are
 * cut for the many fields (Received, DKIM, ...) nobody asks about.
 */
function indexBlock(block: string): Map<string, Field> {
  const fields = new Map<string, Field>();
  let current: Field | null = null;
  let pos = 0;
  while (pos < block.length && fields.size < MAX_FIELDS) {
    let eol = block.indexOf('\n', pos);
    if (eol < 0) eol = block.length;
    const first = block.charCodeAt(pos);
    if ((first === 32 || first === 9) && current) {
      current.spans[current.spans.length - 1] = eol; // a folded line continues the value
    } else {
      // The colon is looked for within the name's 80 characters only: an indexOf to the next
      // colon anywhere was quadratic on a block of many short lines without one.
      const colon = nameEnd(block, pos, Math.min(eol, pos + 80));
      if (colon > pos) {
        const key = block.slice(pos, colon).toLowerCase();
        current = fields.get(key) ?? null;
        if (!current) fields.set(key, (current = { spans: [] }));
        current.spans.push(colon + 1, eol);
      } else {
        current = null;
      }
    }
    pos = eol + 1;
  }
  return fields;
}

/** Split "type/sub; a=b; c="d"" into a lower-cased value and its parameters. */
export function parseParams(value: string): { value: string; params: Record<string, string> } {
  const semi = value.indexOf(';');
  const main = (semi < 0 ? value : value.slice(0, semi)).trim().toLowerCase();
  const params: Record<string, string> = {};
  if (semi >= 0) {
    const re = /;\s*([^=;\s]+)\s*=\s*(?:"([^"]*)"|([^;\s]*))/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(value)) !== null) {
      const key = (m[1] ?? '').toLowerCase().replace(/\*\d*\*?$/, '');
      if (!(key in params)) params[key] = m[2] ?? m[3] ?? '';
    }
  }
  return { value: main, params };
}
