// "Name: value" field groups as used by RFC 3464 delivery-status and RFC 5965 feedback
// bodies; groups are separated by blank lines. Lenient: folded lines are joined.

export type FieldGroup = Map<string, string>;

export function parseFieldGroups(text: string, maxGroups = 200): FieldGroup[] {
  const groups: FieldGroup[] = [];
  let cur: FieldGroup = new Map();
  let last = '';
  // Lines are walked by index, not split: a part of many (blank) lines costs no string per line.
  for (let pos = 0; pos < text.length && groups.length < maxGroups;) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = text.length;
    const from = pos;
    pos = eol + 1;
    const first = text.charCodeAt(from);
    if (eol === from || isBlank(text, from, eol)) {
      if (cur.size) {
        groups.push(cur);
        cur = new Map();
      }
      last = '';
      continue;
    }
    if ((first === 32 || first === 9) && last) {
      const prev = cur.get(last) ?? '';
      if (prev.length < 4096) cur.set(last, prev + ' ' + text.slice(from, Math.min(eol, from + 4096)).trim());
      continue;
    }
    // The colon within the name's 40 characters: an indexOf to the next colon anywhere would
    // scan the rest of the text from every line without one (quadratic).
    const colon = colonWithin(text, from + 1, Math.min(eol, from + 41));
    if (colon < 0) {
      last = '';
      continue;
    }
    const name = text.slice(from, colon).trim().toLowerCase();
    if (!/^[a-z0-9-]+$/.test(name)) {
      last = '';
      continue;
    }
    if (!cur.has(name)) cur.set(name, text.slice(colon + 1, eol).trim());
    last = name;
  }
  if (cur.size && groups.length < maxGroups) groups.push(cur);
  return groups;
}

/** The first ":" in [from, to), or -1. */
function colonWithin(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 58) return i;
  return -1;
}

/** Only white space between `from` and `to`. */
function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 11 && c !== 12 && c !== 0xa0) return c > 0x7f && text.slice(i, to).trim() === '';
  }
  return true;
}

// An address is read by hand, outward from its "@", in one pass: a pattern with a lazily
// extended domain tried at every offset was quadratic on long address-like runs (a 32 KB
// "a@a@a@..." line took minutes). The rules are those of the pattern it replaces: a run of
// characters other than white space and <>"(),;: holding an "@" with something on both sides;
// at most 64 characters (RFC 5321) of local part before the run's first such "@"; the run ends
// the string, or is followed by white space, one of ,;) or a ">" that is.
const STOP = new Uint8Array(128);
for (const c of ' \t\n\r\f\v<>"(),;:') STOP[c.charCodeAt(0)] = 1;

function isStop(c: number): boolean {
  return c < 128 ? STOP[c] === 1 : c === 0xa0 || c === 0xfeff || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c >= 128 && isStop(c));
}

/** The first address-like run of `v` (see above), or ''. */
function firstAddress(v: string): string {
  const n = v.length;
  let i = 0;
  while (i < n) {
    while (i < n && isStop(v.charCodeAt(i))) i++;
    const start = i;
    let at = -1;
    while (i < n && !isStop(v.charCodeAt(i))) {
      // The first "@" with a local part before it and a domain character after it.
      if (at < 0 && i > start && v.charCodeAt(i) === 64 && i + 1 < n && !isStop(v.charCodeAt(i + 1))) at = i;
      i++;
    }
    if (at < 0) continue;
    // What follows the run: white space, the end, ",;)" or a ">" followed by one of those.
    const next = i < n ? v.charCodeAt(i) : -1;
    let ok = next < 0 || isSpace(next) || next === 44 || next === 59 || next === 41;
    if (next === 62) {
      const after = i + 1 < n ? v.charCodeAt(i + 1) : -1;
      ok = after < 0 || isSpace(after) || after === 44 || after === 59 || after === 41;
    }
    if (ok) return v.slice(Math.max(start, at - 64), i);
  }
  return '';
}

/** "rfc822; <a@b>" -> "a@b" (lower-cased). */
export function addressOf(value: string): string {
  if (!value.includes('@')) return '';
  const v = value.includes(';') ? value.slice(value.indexOf(';') + 1) : value;
  return firstAddress(v.trim()).toLowerCase().replace(/\.$/, '');
}

/** "dns; mx.example.com" -> "mx.example.com". */
export function typedValue(value: string): string {
  const semi = value.indexOf(';');
  return (semi >= 0 ? value.slice(semi + 1) : value).trim();
}
