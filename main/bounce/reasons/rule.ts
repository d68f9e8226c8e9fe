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

/** The first phrase or pattern of the rule found in `text` (already lower-cased), or ''. */
export function findIn(rule: ReasonRule, text: string): string {
  for (const p of rule.phrases) if (text.includes(p)) return p;
  for (const re of rule.patterns ?? []) {
    const m = re.exec(text);
    if (m) return m[0];
  }
  return '';
}

/** The first broad word of the rule found in `text`, or ''. */
export function findWordIn(rule: ReasonRule, text: string): string {
  for (const w of rule.words ?? []) if (text.includes(w)) return w;
  return '';
}
