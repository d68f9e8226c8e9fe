// Accuracy against the shared labeled corpus: class of the first recipient and its reason.
// Floors are the achieved rates rounded down; raise them as the classifier improves.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { classify } from './classify';

const CLASS_FLOOR = 0.975;
const REASON_FLOOR = 0.93;

const corpus = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'corpus');
const bounces = join(corpus, 'bounces');
const present = existsSync(join(bounces, 'labels.jsonl'));
if (!present) console.warn(`accuracy: corpus not found at ${corpus}; skipping`);

interface Label { file: string; class: string; reason: string }

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
    const labels = readFileSync(join(bounces, 'labels.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Label);
    const pairs: Array<[string, string]> = [];
    let reasons = 0;
    const misses: string[] = [];
    for (const l of labels) {
      const got = firstOf(readFileSync(join(bounces, l.file)));
      pairs.push([l.class, got.cls]);
      if (got.reason === l.reason) reasons++;
      else misses.push(`${l.file}: ${l.class}/${l.reason} -> ${got.cls}/${got.reason}`);
    }
    const classRate = pairs.filter(([a, b]) => a === b).length / labels.length;
    const reasonRate = reasons / labels.length;
    console.log(`class agreement ${(classRate * 100).toFixed(1)}%, reason agreement ${(reasonRate * 100).toFixed(1)}% (${labels.length} samples)\n${matrix(pairs)}`);
    if (process.env.BOUNCE_MISSES) console.log(misses.join('\n'));
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
