// `npm run bench:relay`: the relay against a bare node:http server that serves the same bytes
// from memory, side by side, same load generator, several alternating rounds.
// Prints req/s and p99 for pixel and click, the ratio relay / bare, and checks that every
// event the relay answered for is in its database after a kill -9.
// Both servers run the same way (node --import tsx), send byte-identical responses with the
// same keep-alive behaviour, and are driven by the same generator, never pinned to a CPU: the
// machine is shared, so pinning would not isolate them, only make them fight other work on one
// core. The load average is printed before and after so a busy machine shows in the output.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { clickUrl, generateSecret, pixelUrl } from '../relay/token';

const CONNECTIONS = 50;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const KINDS = ['pixel', 'click'] as const;
const SERVERS = ['bare', 'relay'] as const;
type Kind = (typeof KINDS)[number];
type ServerName = (typeof SERVERS)[number];
interface Run {
  requests: number;
  failures: number;
  reqPerSec: number;
  p99Ms: number;
}

function haveWrk(): boolean {
  const found = () => spawnSync('wrk', ['--version']).error === undefined;
  if (found()) return true;
  // Debian's wrk is a fairer generator than anything in Node; install it once if apt works.
  console.log('installing wrk with apt-get (once)...');
  spawnSync('apt-get', ['install', '-y', '-qq', 'wrk'], { stdio: 'ignore', timeout: 120_000 });
  return found();
}

/** Starts a TypeScript entry in its own process and waits for its "listening on <url>" line. */
function startServer(entry: string, args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${entry} did not start`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]! });
      }
    });
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code}`)));
  });
}

function toMs(value: string, unit: string): number {
  return Number(value) * ({ us: 0.001, ms: 1, s: 1000 } as Record<string, number>)[unit]!;
}

function runWrk(url: string, seconds: number): Run {
  const out = execFileSync('wrk', ['-t1', `-c${CONNECTIONS}`, `-d${seconds}s`, '--latency', url], { encoding: 'utf8' });
  const p99 = /^\s+99%\s+([\d.]+)(us|ms|s)\s*$/m.exec(out);
  const requests = /(\d+) requests in/.exec(out);
  const rate = /Requests\/sec:\s+([\d.]+)/.exec(out);
  if (!p99 || !requests || !rate) throw new Error(`unexpected wrk output:\n${out}`);
  const failures = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const socketErrors = errors ? errors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0;
  return { requests: Number(requests[1]), failures: failures + socketErrors, reqPerSec: Number(rate[1]), p99Ms: toMs(p99[1]!, p99[2]!) };
}

function runNodeGenerator(url: string, seconds: number): Run {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', 'bench/lib/relay-load-generator.ts', url, String(CONNECTIONS), String(seconds)],
    { encoding: 'utf8' },
  );
  const result = JSON.parse(out) as { requests: number; errors: number; seconds: number; p99Ms: number };
  return { requests: result.requests, failures: result.errors, reqPerSec: result.requests / result.seconds, p99Ms: result.p99Ms };
}

function load(): string {
  return loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function main(): Promise<void> {
  const useWrk = haveWrk();
  const generate = useWrk ? runWrk : runNodeGenerator;
  const dir = mkdtempSync(join(tmpdir(), 'outpost-relay-bench-'));
  const db = join(dir, 'relay.db');
  const secret = generateSecret();
  const bare = await startServer('bench/lib/relay-bare-server.ts', []);
  // All load comes from 127.0.0.1, so the per-IP cap is lifted for the benchmark.
  const relay = await startServer('relay/cli.ts', [
    '--port', '0', '--db', db, '--secret', secret, '--max-events-per-ip-per-minute', '0',
  ]);
  const target = 'https://example.com/pricing?ref=newsletter';
  const paths = (base: string): Record<Kind, string> => ({
    pixel: pixelUrl(base, secret, { emailId: 1234, recipientId: 5678 }),
    click: clickUrl(base, secret, { emailId: 1234, recipientId: 5678, linkIndex: 2 }, target),
  });
  const urls: Record<ServerName, Record<Kind, string>> = { bare: paths(bare.url), relay: paths(relay.url) };

  console.log(`load average before: ${load()} (${process.env.BENCH_NOTE ?? '2 cores, shared'})`);
  console.log(`load: ${useWrk ? 'wrk -t1' : 'node generator (wrk unavailable)'}, ${CONNECTIONS} connections, ${SECONDS}s per run, ${ROUNDS} rounds alternating`);
  let relayAnswered = 0;
  const measure = (name: ServerName, kind: Kind, seconds: number): Run => {
    const run = generate(urls[name][kind], seconds);
    if (name === 'relay') relayAnswered += run.requests - run.failures;
    return run;
  };
  for (const name of SERVERS) for (const kind of KINDS) measure(name, kind, 1); // warm-up, not reported

  const runs: Record<ServerName, Record<Kind, Run[]>> = { bare: { pixel: [], click: [] }, relay: { pixel: [], click: [] } };
  for (let round = 1; round <= ROUNDS; round++) {
    const order = round % 2 ? SERVERS : ([...SERVERS].reverse() as ServerName[]);
    for (const kind of KINDS) {
      for (const name of order) {
        const run = measure(name, kind, SECONDS);
        runs[name][kind].push(run);
        console.log(
          `round ${round} ${kind.padEnd(5)} ${name.padEnd(5)} ${run.reqPerSec.toFixed(0).padStart(7)} req/s  p99 ${run.p99Ms.toFixed(2)} ms  failures ${run.failures}`,
        );
      }
    }
  }

  // kill -9: whatever the relay answered for must already be committed.
  relay.child.kill('SIGKILL');
  bare.child.kill('SIGTERM');
  await new Promise((resolve) => relay.child.once('exit', resolve));
  const store = new Database(db, { readonly: true });
  const stored = (store.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  store.close();
  rmSync(dir, { recursive: true, force: true });

  console.log(`load average after: ${load()}`);
  console.log('\nmedian of rounds (min-max in brackets):');
  const spread = (values: number[], digits: number) =>
    `[${Math.min(...values).toFixed(digits)}-${Math.max(...values).toFixed(digits)}]`;
  for (const kind of KINDS) {
    const rates = (name: ServerName) => runs[name][kind].map((r) => r.reqPerSec);
    const p99s = (name: ServerName) => runs[name][kind].map((r) => r.p99Ms);
    // Ratio per round (relay against the bare run next to it), then the median of those.
    const ratios = runs.relay[kind].map((r, i) => r.reqPerSec / runs.bare[kind][i]!.reqPerSec);
    const side = (name: ServerName) =>
      `${name} ${median(rates(name)).toFixed(0)} req/s ${spread(rates(name), 0)} p99 ${median(p99s(name)).toFixed(2)} ms ${spread(p99s(name), 2)}`;
    console.log(
      `${kind.padEnd(5)} ${side('bare')} | ${side('relay')} | ratio of medians ${(median(rates('relay')) / median(rates('bare'))).toFixed(2)}, median of round ratios ${median(ratios).toFixed(2)} ${spread(ratios, 2)}`,
    );
  }
  // The database may hold a few more: requests committed but cut off by the end of a run.
  const ok = stored >= relayAnswered;
  console.log(`relay events answered: ${relayAnswered}; in the database after kill -9: ${stored} -> ${ok ? 'none lost' : 'LOST EVENTS'}`);
  if (!ok) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
