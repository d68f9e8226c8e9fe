// Header blocks: unfold, split into fields, look up by name (case-insensitive).
import { decodeWords } from './decode';

const MAX_FIELDS = 500;

export class Headers {
  /** Lower-cased name -> raw (binary-string) values in order of appearance. */
  private readonly fields = new Map<string, string[]>();

  constructor(block: string) {
    let count = 0;
    let name = '';
    let value = '';
    const flush = (): void => {
      if (!name) return;
      const key = name.toLowerCase();
      const list = this.fields.get(key);
      if (list) list.push(value.trim());
      else this.fields.set(key, [value.trim()]);
      count++;
    };
    for (const line of block.split('\n')) {
      if (count >= MAX_FIELDS) break;
      if ((line.startsWith(' ') || line.startsWith('\t')) && name) {
        if (value.length < 8192) value += ' ' + line.trim();
        continue;
      }
      flush();
      const colon = line.indexOf(':');
      // A field name is printable ASCII without spaces (RFC 5322 §2.2); anything else ends the name.
      if (colon > 0 && colon < 80 && /^[!-9;-~]+$/.test(line.slice(0, colon))) {
        name = line.slice(0, colon);
        value = line.slice(colon + 1);
      } else {
        name = '';
      }
    }
    flush();
  }

  has(name: string): boolean {
    return this.fields.has(name.toLowerCase());
  }

  /** First value, raw (binary string, encoded words left as they are). */
  raw(name: string): string {
    return this.fields.get(name.toLowerCase())?.[0] ?? '';
  }

  all(name: string): string[] {
    return this.fields.get(name.toLowerCase()) ?? [];
  }

  /** First value with RFC 2047 words and 8-bit bytes decoded. */
  get(name: string): string {
    const v = this.raw(name);
    return v ? decodeWords(v) : '';
  }

  get size(): number {
    return this.fields.size;
  }
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
