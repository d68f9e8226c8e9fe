// Fuzzing: mutated reports (seeded, so failures reproduce) and generated hostile messages (long
// runs of address-like, space-heavy, bracket and repeated-token text; deep or broken MIME) must
// give a result, never a throw or a hang. Time per message is checked loosely (2 s, against
// minutes before the patterns were made linear); `npm run bench:classify` measures real speed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { classify } from './classify';
import type { BounceReport } from './types';
import { dsn, message } from './test-messages';
import { hostileRuns, hostileSet } from './hostile-messages';
import { SYSTEMS } from './lhost/index';
import { COMMON_END, scanRecipients, section } from './lhost/scan';
import { RULES } from './reasons/index';
import { firstRule } from './reasons/rule';
import { providerCode } from './reasons/provider-codes';
import { stageOf } from './reasons/command';
import { addressOf, parseFieldGroups } from './formats/fields';
import { htmlToText } from './mail';

const KINDS = new Set(['failure', 'delay', 'success', 'autoreply', 'complaint', 'not-report']);
const corpusDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'corpus', 'bounces', 'emails');

/** mulberry32: small, seeded, good enough to pick mutations. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seeds(): Buffer[] {
  const synthetic = [
    dsn({ recipient: 'a@example.org', action: 'failed', status: '5.1.1', diagnostic: '550 5.1.1 User unknown' }),
    message({ From: 'MAILER-DAEMON@x.example', Subject: 'failure notice' }, "Hi. This is the qmail-send program at x.\n<b@example.org>:\nSorry, no mailbox here by that name.\n--- Below this line is a copy of the message.\n\nMessage-ID: <q@x>\n"),
  ].map((s) => Buffer.from(s));
  if (!existsSync(corpusDir)) return synthetic;
  const files = readdirSync(corpusDir).filter((f) => f.endsWith('.eml')).sort();
  return [...synthetic, ...files.filter((_, i) => i % 4 === 0).map((f) => readFileSync(join(corpusDir, f)))];
}

function mutate(src: Buffer, rnd: () => number): Buffer {
  const pick = Math.floor(rnd() * 6);
  const at = Math.floor(rnd() * src.length);
  switch (pick) {
    case 0: return src.subarray(0, at); // truncated
    case 1: { // flipped bytes
      const b = Buffer.from(src);
      for (let i = 0; i < 1 + rnd() * 40; i++) b[Math.floor(rnd() * b.length)] = Math.floor(rnd() * 256);
      return b;
    }
    case 2: { // a boundary line duplicated many times
      const text = src.toString('latin1');
      const m = /^--[^\r\n]+/m.exec(text);
      const line = m ? m[0] : '--x';
      return Buffer.from(text.slice(0, at) + `\n${line}\n`.repeat(1 + Math.floor(rnd() * 500)) + text.slice(at), 'latin1');
    }
    case 3: return Buffer.from(src.toString('latin1').replace(/charset="?[\w-]+"?/gi, 'charset=x-bogus-' + Math.floor(rnd() * 9)), 'latin1');
    case 4: return Buffer.concat([src.subarray(0, at), Buffer.from('=?utf-8?B?' + '<'.repeat(2000) + ' ' + '-'.repeat(5000) + '\n' + ' '.repeat(9000)), src.subarray(at)]);
    default: return Buffer.concat([src, src.subarray(0, at)]);
  }
}

const BOUND_MS = 2000;

function checked(raw: Buffer | string, what = ''): BounceReport {
  const start = performance.now();
  const r = classify(raw);
  expect(performance.now() - start, what).toBeLessThan(BOUND_MS);
  expect(r.why ?? '', what).not.toMatch(/^error:/);
  expect(KINDS.has(r.kind)).toBe(true);
  expect(Array.isArray(r.recipients)).toBe(true);
  return r;
}

describe('fuzzing', () => {
  it('survives seeded mutations of real and synthetic reports', () => {
    const rnd = prng(20260302);
    for (const src of seeds()) for (let i = 0; i < 6; i++) checked(mutate(src, rnd));
  });

  it('survives 1,000 nested multipart levels', () => {
    let raw = 'Content-Type: text/plain\n\nUser unknown';
    for (let i = 0; i < 1000; i++) raw = `From: MAILER-DAEMON@x.example\nContent-Type: multipart/report; boundary="b${i}"\n\n--b${i}\n${raw}\n--b${i}--\n`;
    checked(raw);
  });

  it('survives a 20 MB attachment after the report', () => {
    const report = dsn({ recipient: 'a@example.org', action: 'failed', status: '5.2.2', diagnostic: '552 Mailbox full' });
    const big = report.replace(/--BOUNDARY\.1\/mx\.example\.net--\r\n$/, '') +
      '--BOUNDARY.1/mx.example.net\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n' +
      'QUJD'.repeat(5 * 1024 * 1024) + '\r\n--BOUNDARY.1/mx.example.net--\r\n';
    const r = checked(Buffer.from(big));
    expect(r.recipients[0]?.reason).toBe('mailboxfull');
  });

  it('survives pathological text: no headers, endless lines, stray markup', () => {
    for (const raw of ['', '\n\n\n', ':'.repeat(100_000), 'From: MAILER-DAEMON@x\n\n' + '<a@b> '.repeat(100_000),
      'From: MAILER-DAEMON@x\nContent-Type: multipart/report; boundary=""\n\n--\n--\n', 'Subject: =?' + '?='.repeat(50_000),
      // Long runs without spaces before an address: in headers and in report text.
      `From: ${'a'.repeat(8000)} x@y.example\nTo: ${'b'.repeat(8000)} y@z.example\n\n${'あ'.repeat(4000)} z@w.example\n`]) {
      checked(raw);
    }
  });

  it('classifies every hostile message at 64 KB in bounded time', () => {
    for (const h of hostileSet(64 * 1024)) checked(Buffer.from(h.raw), `${h.kind} in ${h.place}: ${JSON.stringify(h.raw.slice(0, 200))}`);
  });

  it('classifies hostile messages with 1 MB runs (one run of each kind, every placement)', () => {
    const seen = new Set<string>();
    for (const h of hostileSet(1024 * 1024)) {
      // One run per kind in each placement keeps the file fast; the bench times them all.
      const key = `${h.kind}|${h.place}`;
      if (seen.has(key)) continue;
      seen.add(key);
      checked(Buffer.from(h.raw), `${h.kind} in ${h.place}`);
    }
    checked('From: MAILER-DAEMON@x.example\nSubject: Undelivered\n\n' + 'user unknown '.repeat(50_000));
    checked('From: MAILER-DAEMON@x.example\nSubject: Undelivered\n\n' + '<<<<@@@@'.repeat(130_000));
  });

  // The readers of report text on their own, on whole runs (classify caps what reaches them):
  // every pattern must stay linear however much text a caller hands it.
  // At 1 MB a quadratic reader takes seconds where a linear one takes milliseconds. The phrase
  // tables (the heaviest constant, and fed at most 1,536 characters) are run on 64 KB.
  it('keeps every text reader linear on 1 MB runs', () => {
    const readers: Array<[string, (text: string, lower: string) => unknown]> = [
      ['section and scan', (text) => { for (const s of SYSTEMS) scanRecipients(section(text, s.start, s.end), new Set()); }],
      ['common end', (_, lower) => COMMON_END.test(lower)],
      ['phrase tables', (_, lower) => {
        const head = lower.slice(0, 64 * 1024);
        firstRule(RULES, head, 'phrase');
        firstRule(RULES, head, 'word');
        for (const s of SYSTEMS) if (s.rules) firstRule(s.rules, head, 'phrase');
      }],
      ['provider codes', (_, lower) => providerCode(lower)],
      ['smtp stage', (_, lower) => stageOf(lower)],
      ['address', (text) => addressOf(text)],
      ['field groups', (text) => parseFieldGroups(text)],
      ['html', (text) => htmlToText(text)],
    ];
    for (const [kind, run] of hostileRuns(1024 * 1024)) {
      const lower = run.toLowerCase();
      for (const [name, read] of readers) {
        const start = performance.now();
        read(run, lower);
        expect(performance.now() - start, `${name} on ${kind}: ${JSON.stringify(run.slice(0, 40))}`).toBeLessThan(BOUND_MS);
      }
    }
  });
});
