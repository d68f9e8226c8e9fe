// "Name: value" field groups as used by RFC 3464 delivery-status and RFC 5965 feedback
// bodies; groups are separated by blank lines. Lenient: folded lines are joined.

export type FieldGroup = Map<string, string>;

export function parseFieldGroups(text: string, maxGroups = 200): FieldGroup[] {
  const groups: FieldGroup[] = [];
  let cur: FieldGroup = new Map();
  let last = '';
  for (const line of text.split('\n')) {
    if (groups.length >= maxGroups) break;
    if (line.trim() === '') {
      if (cur.size) groups.push(cur);
      cur = new Map();
      last = '';
      continue;
    }
    if ((line.startsWith(' ') || line.startsWith('\t')) && last) {
      const prev = cur.get(last) ?? '';
      if (prev.length < 4096) cur.set(last, prev + ' ' + line.trim());
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0 || colon > 40) {
      last = '';
      continue;
    }
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!/^[a-z0-9-]+$/.test(name)) {
      last = '';
      continue;
    }
    if (!cur.has(name)) cur.set(name, line.slice(colon + 1).trim());
    last = name;
  }
  if (cur.size) groups.push(cur);
  return groups;
}

// A local part is at most 64 characters (RFC 5321): bounding it keeps the search linear on long
// runs of text that never reach an "@".
const ADDRESS = /<?\s*([^\s<>"(),;:]{1,64}@[^\s<>"(),;:]+?)\s*>?(?:\s|$|[,;)])/;

/** "rfc822; <a@b>" -> "a@b" (lower-cased). */
export function addressOf(value: string): string {
  if (!value.includes('@')) return '';
  const v = value.includes(';') ? value.slice(value.indexOf(';') + 1) : value;
  const m = ADDRESS.exec(v.trim() + ' ');
  return m?.[1]?.toLowerCase().replace(/\.$/, '') ?? '';
}

/** "dns; mx.example.com" -> "mx.example.com". */
export function typedValue(value: string): string {
  const semi = value.indexOf(';');
  return (semi >= 0 ? value.slice(semi + 1) : value).trim();
}
