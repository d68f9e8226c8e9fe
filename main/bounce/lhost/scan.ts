// Reading recipients out of report text: find the section, then split it into blocks that
// each start with a line beginning with an address. Bounded: the section is capped.
import type { TextRecipient } from './system';

const MAX_SECTION = 16 * 1024;
const MAX_LINES = 2000;

/** Returned-message separators most mail systems use (lower case); a system's own `end` is tried first. */
export const COMMON_END =
  /^[ \t]*-{2,}[^\n]{0,30}(?:original message|copy of the message|returned message|unsent message|undelivered message|message headers? follow|header of the original|original headers)|^[ \t]*(?:original message headers|message headers follow|original message follows|the original message headers)[.:]?\s*$|^content-type: message\/(?:rfc822|delivery-status)/m;
// An address is read outward from each "@": a pattern tried at every position of the text would
// first consume up to 64 characters before failing to find the "@" (slow on text without spaces).
const LOCAL_PART_END = /[^\s<>"'()[\],;:@]{1,64}$/;
const DOMAIN_START = /^[a-z0-9][a-z0-9.-]{0,252}[a-z0-9]/i;

/** Addresses in the text, in order of appearance, lower-cased. */
function* addressesIn(text: string): Generator<string> {
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    const local = LOCAL_PART_END.exec(text.slice(Math.max(0, at - 64), at))?.[0];
    const domain = local ? DOMAIN_START.exec(text.slice(at + 1, at + 255))?.[0] : undefined;
    if (local && domain) yield `${local}@${domain}`.toLowerCase();
  }
}

const ADDRESS_LINE = /^[\s>*•-]*(?:(?:recipient|to|address|rcpt to|original-recipient|final-recipient)\s*:\s*(?:rfc822;\s*)?)?["<]{0,2}([^\s<>"'()[\],;:@]{1,64}@[a-z0-9][a-z0-9.-]{0,252}[a-z0-9])[">]{0,2}/i;

export function section(text: string, start?: RegExp, end?: RegExp): string {
  let from = 0;
  const s = start ? start.exec(text) : null;
  if (s) from = s.index + s[0].length;
  let body = text.slice(from, from + MAX_SECTION);
  const own = end?.exec(body);
  const cut = own ? own.index : firstLower(COMMON_END, body);
  return cut >= 0 ? body.slice(0, cut) : body;
}

/** Where a lower-case pattern first matches, run case-sensitively on a lower-cased copy (faster than /i). */
function firstLower(re: RegExp, text: string): number {
  const lower = text.toLowerCase();
  return lower.length === text.length ? lower.search(re) : text.search(new RegExp(re.source, re.flags + 'i'));
}

/** Blocks of text per recipient. Addresses in `exclude` (the report's own From/To) never start a block. */
export function scanRecipients(body: string, exclude: ReadonlySet<string>): TextRecipient[] {
  const found: TextRecipient[] = [];
  let cur: TextRecipient | null = null;
  let preamble = '';
  const lines = body.split('\n', MAX_LINES);
  for (const line of lines) {
    const m = line.includes('@') ? ADDRESS_LINE.exec(line) : null;
    const addr = m?.[1]?.toLowerCase().replace(/\.$/, '') ?? '';
    if (addr && !exclude.has(addr) && addr !== cur?.address) {
      const seen: TextRecipient | undefined = found.find((r) => r.address === addr);
      const next: TextRecipient = seen ?? { address: addr, text: '' };
      if (!seen) found.push(next);
      cur = next;
      next.text += line.slice((m?.index ?? 0) + (m?.[0].length ?? 0)) + '\n';
      continue;
    }
    if (cur) {
      if (cur.text.length < 4096) cur.text += line + '\n';
    } else if (preamble.length < 4096) preamble += line + '\n';
  }
  // Reports that state the reason before naming the recipient (Exchange, Domino) keep it.
  if (found.length === 1 && found[0] && preamble.trim()) found[0].text += '\n' + preamble;
  // No line starts with an address ("There was an error delivering your mail to <a@b>."):
  // the first address the text names is the recipient, and the whole text is about it.
  if (!found.length) {
    for (const addr of addressesIn(body.slice(0, 4096))) {
      if (!exclude.has(addr)) return [{ address: addr, text: body }];
    }
  }
  return found;
}
