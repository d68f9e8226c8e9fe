// Header blocks: unfold, split into fields, look up by name (case-insensitive).
import { decodeWords } from './decode';

const MAX_FIELDS = 500;
const SEARCHES = 8;

export class Headers {
  /** Lower-cased name -> raw (binary-string) values in order of appearance; parsed on first use. */
  private parsed: Map<string, string[]> | null = null;
  private searches = 0;

  constructor(private readonly block: string) {}

  private get fields(): Map<string, string[]> {
    return (this.parsed ??= parseBlock(this.block));
  }

  has(name: string): boolean {
    return this.fields.has(name.toLowerCase());
  }

  /** First value, raw (binary string, encoded words left as they are). */
  raw(name: string): string {
    // Searching a line's name costs a few comparisons, parsing a field a few allocations: a block
    // asked for a handful of fields (a part's type, the returned message's identity) is searched;
    // one asked for many is parsed once.
    if (!this.parsed && this.searches++ < SEARCHES) return this.find(name.toLowerCase());
    return this.fields.get(name.toLowerCase())?.[0] ?? '';
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
        const value = block.slice(at + key.length + 1, end < 0 ? block.length : end);
        return value.replace(/\n[ \t]+/g, ' ').trim().slice(0, 8192);
      }
      if (end < 0) break;
      at = end + 1;
    }
    return '';
  }

  all(name: string): string[] {
    return this.fields.get(name.toLowerCase()) ?? [];
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

function parseBlock(block: string): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  let name = '';
  let value = '';
  let pos = 0;
  // One pass over the lines, no closures: this runs for every header block of every message.
  while (pos <= block.length && fields.size < MAX_FIELDS) {
    let eol = block.indexOf('\n', pos);
    if (eol < 0) eol = block.length;
    const first = block.charCodeAt(pos);
    if ((first === 32 || first === 9) && name) {
      if (value.length < 8192) value += ' ' + block.slice(pos, eol).trim();
    } else {
      if (name) addField(fields, name, value);
      const colon = block.indexOf(':', pos);
      // A field name is printable ASCII without spaces (RFC 5322 §2.2); anything else is not a field.
      if (colon > pos && colon < eol && colon - pos < 80 && FIELD_NAME.test(block.slice(pos, colon))) {
        name = block.slice(pos, colon);
        value = block.slice(colon + 1, eol);
      } else {
        name = '';
      }
    }
    pos = eol + 1;
  }
  if (name) addField(fields, name, value);
  return fields;
}

const FIELD_NAME = /^[!-9;-~]+$/;

function addField(fields: Map<string, string[]>, name: string, value: string): void {
  const key = name.toLowerCase();
  const list = fields.get(key);
  if (list) list.push(value.trim());
  else fields.set(key, [value.trim()]);
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
