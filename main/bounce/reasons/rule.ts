// A reason rule is data: lower-case phrases found in a server's diagnostic text, plus a few
// regular expressions where word order varies. Patterns must stay linear (no nested quantifiers).

export interface ReasonRule {
  reason: string;
  /** Phrases that name the reason on their own. */
  phrases: readonly string[];
  patterns?: readonly RegExp[];
  /** Broad words ("spam", "policy", "denied") tried only when no rule's phrases matched. */
  words?: readonly string[];
}

// Phrases compile into one alternation of literals per rule: one scan of the text instead of
// one per phrase (about twice as fast), and still linear.
const compiled = new WeakMap<readonly string[], RegExp | null>();

function literalsOf(list: readonly string[]): RegExp | null {
  let re = compiled.get(list);
  if (re === undefined) {
    re = list.length ? new RegExp(list.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')) : null;
    compiled.set(list, re);
  }
  return re;
}

/** A phrase or pattern of the rule found in `text` (already lower-cased), or ''. */
export function findIn(rule: ReasonRule, text: string): string {
  const hit = literalsOf(rule.phrases)?.exec(text);
  if (hit) return hit[0];
  for (const re of rule.patterns ?? []) {
    const m = re.exec(text);
    if (m) return m[0];
  }
  return '';
}

/** A broad word of the rule found in `text`, or ''. */
export function findWordIn(rule: ReasonRule, text: string): string {
  return rule.words ? literalsOf(rule.words)?.exec(text)?.[0] ?? '' : '';
}
