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

// A list of rules compiles, per kind, into a finder and a table. The finder is one regular
// expression that says where any phrase (or pattern) starts: the phrases as a prefix tree, so
// at each position of the text it tries only the branches of that position's character, not
// each of the several hundred phrases in turn. The table then names the earliest rule (in list
// order) with a phrase at that position. Linear: the tree has no quantifiers.
interface Table {
  find: RegExp | null;
  /** First character -> [phrase, rule position], in rule order. */
  literals: Map<number, Array<[string, number]>>;
  /** Patterns as sticky copies with their rule's position. */
  patterns: Array<[RegExp, number]>;
}

const tables = new WeakMap<readonly ReasonRule[], Record<MatchKind, Table>>();

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

interface TrieNode { end: boolean; next: Map<string, TrieNode> }

/** A regex source matching where any of the phrases starts; the shortest phrase suffices. */
function trieSource(phrases: readonly string[]): string {
  const root: TrieNode = { end: false, next: new Map() };
  for (const p of phrases) {
    let node = root;
    for (const ch of p) {
      if (node.end) break; // a shorter phrase already marks this position
      let child = node.next.get(ch);
      if (!child) node.next.set(ch, (child = { end: false, next: new Map() }));
      node = child;
    }
    node.end = true;
    node.next.clear();
  }
  const source = (node: TrieNode): string => {
    const branches = [...node.next].map(([ch, child]) => escape(ch) + (child.end ? '' : source(child)));
    return branches.length === 1 ? branches[0]! : `(?:${branches.join('|')})`;
  };
  return root.next.size ? source(root) : '';
}

function compile(rules: readonly ReasonRule[], kind: MatchKind): Table {
  const literals = new Map<number, Array<[string, number]>>();
  const patterns: Array<[RegExp, number]> = [];
  const phrases: string[] = [];
  rules.forEach((rule, i) => {
    for (const p of (kind === 'word' ? rule.words : rule.phrases) ?? []) {
      if (!p) continue;
      const list = literals.get(p.charCodeAt(0)) ?? [];
      literals.set(p.charCodeAt(0), list);
      list.push([p, i]);
      phrases.push(p);
    }
    if (kind === 'phrase') for (const re of rule.patterns ?? []) patterns.push([new RegExp(re.source, 'y'), i]);
  });
  const sources = [trieSource(phrases), ...patterns.map(([re]) => re.source)].filter(Boolean);
  return { find: sources.length ? new RegExp(sources.join('|'), 'g') : null, literals, patterns };
}

function tableOf(rules: readonly ReasonRule[], kind: MatchKind): Table {
  let t = tables.get(rules);
  if (!t) tables.set(rules, (t = { phrase: compile(rules, 'phrase'), word: compile(rules, 'word') }));
  return t[kind];
}

/** The earliest rule with a phrase or pattern matching `text` at `at` (below `below`), with its hit. */
function ruleAt(table: Table, text: string, at: number, below: number): [number, string] | null {
  let found: [number, string] | null = null;
  for (const [phrase, i] of table.literals.get(text.charCodeAt(at)) ?? []) {
    if (i >= below) break;
    if (text.startsWith(phrase, at)) {
      found = [i, phrase];
      break;
    }
  }
  for (const [re, i] of table.patterns) {
    if (i >= (found?.[0] ?? below)) break;
    re.lastIndex = at;
    const m = re.exec(text);
    if (m) return [i, m[0]];
  }
  return found;
}

/**
 * The first rule of the list (in list order, not text order) whose phrases or patterns
 * (`kind` 'phrase') or broad words ('word') appear in `text` (already lower-cased), and the
 * first place it does.
 */
export function firstRule(rules: readonly ReasonRule[], text: string, kind: MatchKind): RuleHit | null {
  const table = tableOf(rules, kind);
  const find = table.find;
  if (!find) return null;
  let best = rules.length;
  let hit = '';
  find.lastIndex = 0;
  // Every position where anything starts is visited (lastIndex + 1), so no rule is missed.
  for (let m = find.exec(text); m && best > 0; m = find.exec(text)) {
    const here = ruleAt(table, text, m.index, best);
    if (here) [best, hit] = here;
    find.lastIndex = m.index + 1;
  }
  const rule = rules[best];
  return rule ? { index: best, rule, hit } : null;
}
