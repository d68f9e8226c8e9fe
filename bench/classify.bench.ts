// npm run bench:classify — classifies the bounce corpus ten times over and prints
// messages per second and peak memory; runs Debian's Sisimai on the same files when installed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classify } from '../main/bounce/classify';

const PASSES = 10;
const here = dirname(fileURLToPath(import.meta.url));
const corpus = join(here, '..', '..', 'shared', 'corpus');

function emlIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.eml')).sort().map((f) => join(dir, f)) : [];
}

const files = [...emlIn(join(corpus, 'bounces', 'emails')), ...emlIn(join(corpus, 'postfix-local'))];
if (!files.length) {
  console.error(`no .eml files under ${corpus}`);
  process.exit(1);
}
const messages = files.map((f) => readFileSync(f));
const bytes = messages.reduce((n, m) => n + m.length, 0);

// Warm up (three untimed passes) so the JIT state matches a long-running poller.
for (let pass = 0; pass < 3; pass++) for (const m of messages) classify(m);

let peakRss = process.memoryUsage().rss;
let fastestPass = Infinity;
const start = process.hrtime.bigint();
for (let pass = 0; pass < PASSES; pass++) {
  const passStart = process.hrtime.bigint();
  for (const m of messages) classify(m);
  fastestPass = Math.min(fastestPass, Number(process.hrtime.bigint() - passStart) / 1e9);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const count = messages.length * PASSES;
const ours = count / seconds;
peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);

const rows: Array<[string, string, string, string]> = [
  ['classifier', 'messages/s', 'time (s)', 'peak RSS (MB)'],
  ['outpost (TypeScript)', ours.toFixed(0), seconds.toFixed(3), (peakRss / 1048576).toFixed(1)],
];

const hasSisimai = spawnSync('perl', ['-MSisimai', '-e1']).status === 0;
let ratio = '';
if (hasSisimai) {
  const run = spawnSync('/usr/bin/time', ['-f', '%M', 'perl', join(here, 'lib', 'classify-sisimai.pl'), String(PASSES)], {
    input: files.join('\n') + '\n', encoding: 'utf8', maxBuffer: 1 << 24,
  });
  const [n, secs] = (run.stdout.trim().split('\n').pop() ?? '').split(' ').map(Number);
  const maxKb = Number(run.stderr.trim().split('\n').pop());
  if (run.status === 0 && n && secs) {
    rows.push(['sisimai (Perl)', (n / secs).toFixed(0), secs.toFixed(3), Number.isFinite(maxKb) ? (maxKb / 1024).toFixed(1) : '?']);
    ratio = `outpost/sisimai speed ratio: ${(ours / (n / secs)).toFixed(1)}x`;
  } else {
    ratio = `sisimai run failed: ${run.stderr.slice(0, 300)}`;
  }
}

console.log(`${files.length} files (${(bytes / 1024).toFixed(0)} KB), ${PASSES} passes, ${count} messages`);
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
console.log(`fastest single pass: ${(messages.length / fastestPass).toFixed(0)} messages/s (the machine is shared; passes vary)`);
console.log(ratio || 'sisimai not installed (apt-get install -y libsisimai-perl) — ours only');
