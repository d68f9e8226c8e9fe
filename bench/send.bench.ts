// `npm run bench:send`: a 10,000-recipient mail merge through the whole sending pipeline
// (dispatches().create(): merge fields, recipient checks, one queued email per contact in
// SQLite; then a personalized tracked copy per recipient built and signed, handed to the SMTP
// pool's thread, results, activities and aggregates recorded) against nodemailer alone sending
// the same number of pre-built messages over the same pool settings, side by side, alternating, to
// the same real SMTP server on loopback. A third side, the app's own pool alone with those
// pre-built messages, shows what the pipeline's work costs on top of its own sending. Each side runs in a fresh process (bench/lib/send-side.ts)
// so its peak memory is its own, bundled as the app ships its code (no TypeScript loader).
//
// The server is Postfix's smtp-sink: a real SMTP server that only counts, written in C, so it
// takes almost none of the two sides' CPU, as a provider's server on another machine takes none.
// BENCH_SINK=smtp-server runs npm smtp-server in a Node child process instead (its CPU then
// competes with both sides). Postfix proper would measure Postfix's disk queue.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { bundleNode } from '../scripts/node-bundle.mjs';
import { freePort } from '../main/send/test-servers/free-port';
import type { SideResult } from './lib/send-side';
import { median, printTable } from './lib/measure';

const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 10_000);
// Single rounds on this shared machine spread by ±25% and six-round medians still by ±15%: eight
// rounds give a median worth reading.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4);
const SIDE_TIMEOUT_MS = 5 * 60_000;
const SIDES = ['baseline', 'pipeline', 'transport'] as const;
type Side = (typeof SIDES)[number];

const SINK = process.env.BENCH_SINK === 'smtp-server' ? 'smtp-server' : 'smtp-sink';
const SMTP_SINK = ['/usr/sbin/smtp-sink', '/usr/local/sbin/smtp-sink'].find((p) => fs.existsSync(p));
const execFileAsync = promisify(execFile);
const BUNDLE_DIR = path.join(import.meta.dirname, '..', 'dist', 'bench');

interface Sink {
  child: ChildProcess;
  port: number;
  /** Messages the server has received so far. */
  count(): Promise<number>;
  stop(): void;
}

/** Postfix's smtp-sink; -c prints running counters ("... mesg=N") after every message. */
async function startPostfixSink(): Promise<Sink> {
  if (!SMTP_SINK) throw new Error("Postfix's smtp-sink is missing: apt-get install postfix (.ci/run installs it)");
  const port = await freePort();
  const asRoot = process.getuid?.() === 0 ? ['-u', 'nobody'] : [];
  const child = spawn(SMTP_SINK, ['-c', ...asRoot, `127.0.0.1:${port}`, '256'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let received = 0;
  child.stdout!.on('data', (chunk: Buffer) => {
    const all = [...chunk.toString().matchAll(/mesg=(\d+)/g)];
    if (all.length) received = Number(all.at(-1)![1]);
  });
  // Ready once it accepts a connection.
  for (let tries = 0; ; tries++) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => (socket.end(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (ok) break;
    if (tries > 50 || child.exitCode !== null) throw new Error('smtp-sink did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  // Counters are printed on each "." before the reply, so a finished side's last ones are at most
  // one pipe read behind.
  const count = async () => {
    await new Promise((r) => setTimeout(r, 200));
    return received;
  };
  return { child, port, count, stop: () => child.kill() };
}

function startNodeSink(): Promise<Sink> {
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
      if (match) resolve({ child, port: Number(match[1]), count, stop: () => child.disconnect() });
    });
    child.once('exit', (code) => reject(new Error(`smtp sink exited with ${code}`)));
  });
}

// Async, so this process keeps reading the sink's counters while a side runs.
async function runSide(side: Side, port: number): Promise<SideResult> {
  const { stdout: out } = await execFileAsync(process.execPath, [path.join(BUNDLE_DIR, 'send-side.cjs'), side, String(port), String(RECIPIENTS), String(CONNECTIONS)],
    { encoding: 'utf8', timeout: SIDE_TIMEOUT_MS });
  return JSON.parse(out.trim().split('\n').at(-1)!) as SideResult;
}

// Both sides and the pool's worker, bundled beside each other as dist/main holds the app.
await bundleNode({ 'send-side': 'bench/lib/send-side.ts', 'smtp-worker': 'main/send/smtp-worker.ts' }, BUNDLE_DIR);
const sink = SINK === 'smtp-sink' ? await startPostfixSink() : await startNodeSink();
const rows: string[][] = [];
const runs: Record<Side, SideResult[]> = { baseline: [], pipeline: [], transport: [] };
try {
  for (let round = 1; round <= ROUNDS; round++) {
    // Alternate which side goes first so warm-up and server state favour neither.
    for (const side of round % 2 ? SIDES : [...SIDES].reverse()) {
      const before = await sink.count();
      const run = await runSide(side, sink.port);
      const received = (await sink.count()) - before;
      if (received !== RECIPIENTS) throw new Error(`${side}: the server received ${received} of ${RECIPIENTS}`);
      runs[side].push(run);
      rows.push([String(round), side, String(RECIPIENTS), run.seconds.toFixed(2), side === 'pipeline' ? run.composeMs.toFixed(0) : '', (RECIPIENTS / run.seconds).toFixed(0), (run.cpuSeconds * 1e6 / RECIPIENTS).toFixed(0), run.peakRssMb.toFixed(0)]);
    }
  }
} finally {
  sink.stop();
}

const rate = (side: Side) => median(runs[side].map((r) => RECIPIENTS / r.seconds));
const ratio = rate('pipeline') / rate('baseline');
const peak = (side: Side) => Math.max(...runs[side].map((r) => r.peakRssMb));
const perRound = runs.pipeline.map((p, i) => runs.baseline[i]!.seconds / p.seconds);
const ownRatio = rate('pipeline') / rate('transport');
const composeMs = median(runs.pipeline.map((r) => r.composeMs));
const sendMs = median(runs.pipeline.map((r) => r.seconds * 1000 - r.composeMs));
console.log(`\n${RECIPIENTS} recipients, ${CONNECTIONS} pooled connections, ${SINK === 'smtp-sink' ? "Postfix's smtp-sink" : 'npm smtp-server (Node child process)'} on 127.0.0.1, ${os.cpus().length} cores\n`);
printTable(['round', 'side', 'messages', 'seconds', 'of which create() ms', 'messages/s', 'CPU µs/message', 'peak RSS MB'], rows);
console.log('');
printTable(['measure', 'value', 'target'], [
  ['nodemailer alone (its pooled transport), median messages/s', rate('baseline').toFixed(0), ''],
  ["the app's pool alone, pre-built messages, median messages/s", rate('transport').toFixed(0), ''],
  ['pipeline, median messages/s', rate('pipeline').toFixed(0), ''],
  ['ratio pipeline / nodemailer alone', ratio.toFixed(2), '>= 0.85'],
  ['ratio in single rounds, lowest - highest', `${Math.min(...perRound).toFixed(2)} - ${Math.max(...perRound).toFixed(2)}`, ''],
  ["ratio pipeline / the app's pool alone (the pipeline's own overhead)", ownRatio.toFixed(2), ''],
  ['pipeline: create() of the merge (checks, first chunk), median ms (in the rate)', composeMs.toFixed(0), ''],
  ['pipeline: then until all are queued and every answer is recorded, median ms', sendMs.toFixed(0), ''],
  ['nodemailer alone peak RSS (MB)', peak('baseline').toFixed(0), ''],
  ['pipeline peak RSS (MB)', peak('pipeline').toFixed(0), '< 250'],
]);
console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
process.exitCode = ratio >= 0.85 && peak('pipeline') < 250 ? 0 : 1;
