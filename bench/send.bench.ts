// `npm run bench:send`: a 10,000-recipient mail merge through the whole sending pipeline
// (dispatches().create(): merge fields, recipient checks, one queued email per contact in
// SQLite; then a personalized tracked copy per recipient built and signed, results, activities
// and aggregates recorded) against nodemailer alone sending the same number
// of pre-built messages over the same pool, side by side, alternating, to the same real SMTP
// server on loopback. Each side runs in a fresh process (bench/lib/send-side.ts) so its peak
// memory is its own.
//
// The server is npm smtp-server in a child process. Postfix would measure Postfix: it writes
// every message to its queue and delivers it, so both sides would wait on the server's disk.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import type { SideResult } from './lib/send-side';
import { median, printTable } from './lib/measure';

const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4);
const SIDE_TIMEOUT_MS = 5 * 60_000;
const SIDES = ['baseline', 'pipeline'] as const;
type Side = (typeof SIDES)[number];

function startSink(): Promise<{ child: ChildProcess; port: number; count(): Promise<number> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'lib/send-smtp-sink.ts')], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const count = () => new Promise<number>((resolve) => {
    child.once('message', (n) => resolve(Number(n)));
    child.send('count');
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (\d+)/.exec(out);
      if (match) resolve({ child, port: Number(match[1]), count });
    });
    child.once('exit', (code) => reject(new Error(`smtp sink exited with ${code}`)));
  });
}

function runSide(side: Side, port: number): SideResult {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'lib/send-side.ts'), side, String(port), String(RECIPIENTS), String(CONNECTIONS)],
    { encoding: 'utf8', timeout: SIDE_TIMEOUT_MS, stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out.trim().split('\n').at(-1)!) as SideResult;
}

const sink = await startSink();
const rows: string[][] = [];
const runs: Record<Side, SideResult[]> = { baseline: [], pipeline: [] };
try {
  for (let round = 1; round <= ROUNDS; round++) {
    // Alternate which side goes first so warm-up and server state favour neither.
    for (const side of round % 2 ? SIDES : [...SIDES].reverse()) {
      const before = await sink.count();
      const run = runSide(side, sink.port);
      const received = (await sink.count()) - before;
      if (received !== RECIPIENTS) throw new Error(`${side}: the server received ${received} of ${RECIPIENTS}`);
      runs[side].push(run);
      rows.push([String(round), side, String(RECIPIENTS), run.seconds.toFixed(2), side === 'pipeline' ? run.composeMs.toFixed(0) : '', (RECIPIENTS / run.seconds).toFixed(0), (run.cpuSeconds * 1e6 / RECIPIENTS).toFixed(0), run.peakRssMb.toFixed(0)]);
    }
  }
} finally {
  sink.child.disconnect();
}

const rate = (side: Side) => median(runs[side].map((r) => RECIPIENTS / r.seconds));
const ratio = rate('pipeline') / rate('baseline');
const peak = (side: Side) => Math.max(...runs[side].map((r) => r.peakRssMb));
const composeMs = median(runs.pipeline.map((r) => r.composeMs));
const sendMs = median(runs.pipeline.map((r) => r.seconds * 1000 - r.composeMs));
console.log(`\n${RECIPIENTS} recipients, ${CONNECTIONS} pooled connections, smtp-server on 127.0.0.1 (child process), ${os.cpus().length} cores\n`);
printTable(['round', 'side', 'messages', 'seconds', 'of which compose ms', 'messages/s', 'CPU µs/message', 'peak RSS MB'], rows);
console.log('');
printTable(['measure', 'value', 'target'], [
  ['nodemailer alone, median messages/s', rate('baseline').toFixed(0), ''],
  ['pipeline, median messages/s', rate('pipeline').toFixed(0), ''],
  ['ratio pipeline / nodemailer', ratio.toFixed(2), '>= 0.85'],
  ['pipeline: compose of the merge, median ms (in the rate)', composeMs.toFixed(0), ''],
  ['pipeline: sending until every answer is recorded, median ms', sendMs.toFixed(0), ''],
  ['nodemailer alone peak RSS (MB)', peak('baseline').toFixed(0), ''],
  ['pipeline peak RSS (MB)', peak('pipeline').toFixed(0), '< 250'],
]);
console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
process.exitCode = ratio >= 0.85 && peak('pipeline') < 250 ? 0 : 1;
