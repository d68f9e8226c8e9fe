// Accuracy against the shared labeled corpus (Sisimai's verdicts) and the local corpus of genuine
// reports written here by Postfix, Exim, OpenSMTPD and Dovecot Sieve (main/bounce/corpus, whose
// labels are ground truth: the cause was induced). Class of the first recipient and its reason,
// with a per-source breakdown (shared: the label's `mta`; local: `source`) so a regression in one
// mail system shows. Floors are the achieved rates rounded down; raise them as the classifier improves.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { classify } from './classify';

const CLASS_FLOOR = 0.975;
const REASON_FLOOR = 0.93;
/** The local corpus as a whole, and per source. */
const LOCAL_CLASS_FLOOR = 1;
const LOCAL_REASON_FLOOR = 0.83;
const LOCAL_SOURCE_FLOORS: Record<string, { class: number; reason: number }> = {
  postfix: { class: 1, reason: 0.75 },
  exim: { class: 1, reason: 0.81 },
  opensmtpd: { class: 1, reason: 0.85 },
  sieve: { class: 1, reason: 1 },
};

const corpus = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'corpus');
const bounces = join(corpus, 'bounces');
const present = existsSync(join(bounces, 'labels.jsonl'));
if (!present) console.warn(`accuracy: corpus not found at ${corpus}; skipping`);

interface Label { file: string; class: string; reason: string; mta?: string; source?: string }

const local = join(dirname(fileURLToPath(import.meta.url)), 'corpus');
const localPresent = existsSync(join(local, 'labels.jsonl'));

const readLabels = (dir: string) => readFileSync(join(dir, 'labels.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Label);

interface Scored { group: string; label: Label; cls: string; reason: string }

function score(dir: string, labels: Label[], group: (l: Label) => string): Scored[] {
  return labels.map((label) => ({ group: group(label), label, ...firstOf(readFileSync(join(dir, label.file))) }));
}

/** Class and reason agreement per group, largest group first, with the total. */
function breakdown(scored: Scored[], title: string): { rates: Map<string, { n: number; cls: number; reason: number }>; text: string } {
  const rates = new Map<string, { n: number; cls: number; reason: number }>();
  for (const s of scored) {
    const r = rates.get(s.group) ?? { n: 0, cls: 0, reason: 0 };
    r.n++;
    if (s.cls === s.label.class) r.cls++;
    if (s.reason === s.label.reason) r.reason++;
    rates.set(s.group, r);
  }
  const pct = (a: number, n: number) => `${((a / n) * 100).toFixed(1)}%`.padStart(7);
  const rows = [...rates].sort((a, b) => b[1].n - a[1].n || a[0].localeCompare(b[0]));
  const width = Math.max(title.length, ...rows.map(([g]) => g.length));
  const line = (g: string, r: { n: number; cls: number; reason: number }) => `${g.padEnd(width)} ${String(r.n).padStart(4)} ${pct(r.cls, r.n)} ${pct(r.reason, r.n)}`;
  const total = { n: scored.length, cls: scored.filter((s) => s.cls === s.label.class).length, reason: scored.filter((s) => s.reason === s.label.reason).length };
  const text = [`${title.padEnd(width)}    n   class  reason`, ...rows.map(([g, r]) => line(g, r)), line('all', total)].join('\n');
  return { rates, text };
}

const missLines = (scored: Scored[]) =>
  scored.filter((s) => s.cls !== s.label.class || s.reason !== s.label.reason).map((s) => `${s.group} ${s.label.file}: ${s.label.class}/${s.label.reason} -> ${s.cls}/${s.reason}`);

function firstOf(raw: Buffer): { cls: string; reason: string } {
  const r = classify(raw);
  const first = r.recipients[0];
  if (!first) return { cls: 'other', reason: r.kind === 'not-report' ? 'not-a-bounce' : 'undefined' };
  return { cls: first.class, reason: first.reason };
}

function matrix(pairs: Array<[string, string]>): string {
  const names = [...new Set(pairs.flat())].sort();
  const width = Math.max(...names.map((n) => n.length), 9);
  const head = 'label\\got'.padEnd(width) + names.map((n) => n.slice(0, 9).padStart(10)).join('');
  const rows = names.map((a) => a.padEnd(width) + names.map((b) => String(pairs.filter(([x, y]) => x === a && y === b).length || '.').padStart(10)).join(''));
  return [head, ...rows].join('\n');
}

describe.skipIf(!present)('accuracy on the labeled corpus', () => {
  it('agrees with the labels on class and reason above the floors', () => {
    const labels = readLabels(bounces);
    const scored = score(bounces, labels, (l) => l.mta || '(none)');
    const pairs = scored.map((s): [string, string] => [s.label.class, s.cls]);
    const classRate = scored.filter((s) => s.cls === s.label.class).length / labels.length;
    const reasonRate = scored.filter((s) => s.reason === s.label.reason).length / labels.length;
    console.log(`class agreement ${(classRate * 100).toFixed(1)}%, reason agreement ${(reasonRate * 100).toFixed(1)}% (${labels.length} samples)\n${matrix(pairs)}`);
    console.log(`shared corpus by mail system (label mta):\n${breakdown(scored, 'mta').text}`);
    if (process.env.BOUNCE_MISSES) console.log(scored.filter((s) => s.reason !== s.label.reason).map((s) => `${s.label.file}: ${s.label.class}/${s.label.reason} -> ${s.cls}/${s.reason}`).join('\n'));
    expect(classRate).toBeGreaterThanOrEqual(CLASS_FLOOR);
    expect(reasonRate).toBeGreaterThanOrEqual(REASON_FLOOR);
  });

  it('reads every real Postfix report right, and the delivered message as not a report', () => {
    const expected: Record<string, [string, string, string]> = {
      'bounce-unknown-user.eml': ['failure', 'hard', 'userunknown'],
      'bounce-simulated-remote-5.1.1.eml': ['failure', 'hard', 'userunknown'],
      'bounce-outbound-disabled.eml': ['failure', 'blocked', 'policyviolation'],
      'dsn-delayed-4.4.1.eml': ['delay', 'transient', 'expired'],
      'bounce-after-retries-4.4.1.eml': ['failure', 'transient', 'expired'],
      'dsn-success-delivered.eml': ['success', 'delivered', 'delivered'],
    };
    for (const [file, [kind, cls, reason]] of Object.entries(expected)) {
      const r = classify(readFileSync(join(corpus, 'postfix-local', file)));
      expect([file, r.kind, r.recipients[0]?.class, r.recipients[0]?.reason]).toEqual([file, kind, cls, reason]);
      expect(r.original.messageId).toMatch(/^<.+@.+>$/);
    }
    const delivered = classify(readFileSync(join(corpus, 'postfix-local', 'delivered-to-rcpt.eml')));
    expect(delivered.kind).toBe('not-report');
    expect(delivered.recipients).toEqual([]);
  });
});

describe.skipIf(!localPresent)('accuracy on the local corpus of genuine reports (main/bounce/corpus)', () => {
  it('agrees with the induced causes above the floors, overall and per mail system', () => {
    const labels = readLabels(local);
    const scored = score(local, labels, (l) => l.source ?? '?');
    const { rates, text } = breakdown(scored, 'source');
    const pairs = scored.map((s): [string, string] => [s.label.class, s.cls]);
    console.log(`local corpus by source (${labels.length} genuine reports):\n${text}\n${matrix(pairs)}`);
    if (process.env.BOUNCE_MISSES) console.log(missLines(scored).join('\n'));
    const classRate = scored.filter((s) => s.cls === s.label.class).length / labels.length;
    const reasonRate = scored.filter((s) => s.reason === s.label.reason).length / labels.length;
    expect(classRate).toBeGreaterThanOrEqual(LOCAL_CLASS_FLOOR);
    expect(reasonRate).toBeGreaterThanOrEqual(LOCAL_REASON_FLOOR);
    for (const [source, floor] of Object.entries(LOCAL_SOURCE_FLOORS)) {
      const r = rates.get(source);
      expect(r, `no ${source} reports in the local corpus`).toBeDefined();
      expect(r!.cls / r!.n, `${source}: class agreement`).toBeGreaterThanOrEqual(floor.class);
      expect(r!.reason / r!.n, `${source}: reason agreement`).toBeGreaterThanOrEqual(floor.reason);
    }
  });
});
