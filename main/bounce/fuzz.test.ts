// Fuzzing: mutated reports (seeded, so failures reproduce) must give a result, never a throw
// or a hang. Time per message is checked loosely; the benchmark measures real speed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { classify } from './classify';
import type { BounceReport } from './types';
import { dsn, message } from './test-messages';

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

function checked(raw: Buffer | string): BounceReport {
  const start = performance.now();
  const r = classify(raw);
  expect(performance.now() - start).toBeLessThan(1000);
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
});
