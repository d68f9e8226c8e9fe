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

export type MatchKind = 'phrase' | 'word';

export interface RuleHit {
  /** Position of the rule in the list it was found in. */
  index: number;
  rule: ReasonRule;
  /** The phrase, pattern match or word as it appears in the text. */
  hit: string;
}

// A list of rules compiles into one regular expression per kind: one alternation of all the
// rules' phrases and patterns, in list order. One scan of the text replaces one scan per rule
// (the list has some thirty rules), and stays linear. No capture groups (V8 would build a match
// array of every group at every hit): the rule is found from the matched text instead.
interface Table {
  re: RegExp | null;
  /** Literal phrase or word -> position of the first rule that lists it. */
  literal: Map<string, number>;
  /** Patterns as sticky copies, with their rule's position, to place a hit no literal explains. */
  patterns: Array<[RegExp, number]>;
}

const tables = new WeakMap<readonly ReasonRule[], Record<MatchKind, Table>>();

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function compile(rules: readonly ReasonRule[], kind: MatchKind): Table {
  const literal = new Map<string, number>();
  const patterns: Array<[RegExp, number]> = [];
  const sources: string[] = [];
  rules.forEach((rule, i) => {
    for (const p of (kind === 'word' ? rule.words : rule.phrases) ?? []) {
      if (!p || literal.has(p)) continue;
      literal.set(p, i);
      sources.push(escape(p));
    }
    if (kind === 'phrase') for (const re of rule.patterns ?? []) {
      patterns.push([new RegExp(re.source, 'y'), i]);
      sources.push(re.source);
    }
  });
  return { re: sources.length ? new RegExp(sources.join('|'), 'g') : null, literal, patterns };
}

function tableOf(rules: readonly ReasonRule[], kind: MatchKind): Table {
  let t = tables.get(rules);
  if (!t) tables.set(rules, (t = { phrase: compile(rules, 'phrase'), word: compile(rules, 'word') }));
  return t[kind];
}

/** Position of the first rule whose alternative matches `text` at `at` (the regex found `hit` there). */
function ruleAt(table: Table, text: string, at: number, hit: string): number {
  let best = table.literal.get(hit) ?? Infinity;
  for (const [re, i] of table.patterns) {
    if (i >= best) break;
    re.lastIndex = at;
    if (re.test(text)) best = i;
  }
  return best;
}

/**
 * The first rule of the list (in list order, not text order) whose phrases or patterns
 * (`kind` 'phrase') or broad words ('word') appear in `text` (already lower-cased).
 */
export function firstRule(rules: readonly ReasonRule[], text: string, kind: MatchKind): RuleHit | null {
  const table = tableOf(rules, kind);
  const re = table.re;
  if (!re) return null;
  let best = Infinity;
  let hit = '';
  re.lastIndex = 0;
  // Where several alternatives match at one position the regex reports the one listed first,
  // i.e. of the earliest rule; every position where anything matches is visited (lastIndex + 1).
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const i = ruleAt(table, text, m.index, m[0]);
    if (i < best) {
      best = i;
      hit = m[0];
      if (i === 0) break;
    }
    re.lastIndex = m.index + 1;
  }
  const rule = rules[best];
  return rule ? { index: best, rule, hit } : null;
}
