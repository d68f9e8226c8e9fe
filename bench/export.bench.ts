// npm run bench:export [-- --emails 100000 --recipients 1000000 --runs 3]
// The year's CSV tracking report on the seeded database of bench:outbox (one row per recipient
// copy), against the bare SELECT of the same rows iterated without CSV, side by side: each run of
// each side in a fresh process (alternating), so its peak memory is its own. Rows per second and
// peak RSS as medians with their spread (min–max over the runs). The export of a tenth of the data
// beside it shows that memory does not grow with the number of rows.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { median, printTable } from './lib/measure';
import { seededOutboxDir } from './lib/seeded-outbox';
import type { ExportSideResult } from './lib/export-side';

const { values } = parseArgs({ options: { emails: { type: 'string', default: '100000' }, recipients: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '3' } } });
const dataDir = seededOutboxDir(Number(values.emails), Number(values.recipients));
const tenthDir = seededOutboxDir(Math.round(Number(values.emails) / 10), Math.round(Number(values.recipients) / 10));
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-bench-export-'));
const runs = Number(values.runs);

const sides = {
  select: { label: 'bare SELECT iterated (baseline)', args: ['select', dataDir] },
  export: { label: 'CSV export to a file', args: ['export', dataDir] },
  tenth: { label: 'CSV export, a tenth of the data', args: ['export', tenthDir] },
} as const;
type Side = keyof typeof sides;
const results: Record<Side, ExportSideResult[]> = { select: [], export: [], tenth: [] };
for (let i = 0; i < runs; i++) {
  for (const side of Object.keys(sides) as Side[]) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/lib/export-side.ts', ...sides[side].args, outDir], { encoding: 'utf8' });
    results[side].push(JSON.parse(out.trim().split('\n').pop()!) as ExportSideResult);
  }
}
fs.rmSync(outDir, { recursive: true, force: true });

const spread = (values: number[], digits: number) => `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;
const rate = (r: ExportSideResult) => r.rows / r.seconds;
const rows = results.export[0]!.rows;
console.log(`\nThe year's tracking report: ${rows.toLocaleString()} rows (recipient copies), ${results.export[0]!.fileMb.toFixed(0)} MB of CSV, ${runs} runs per side`);
printTable(['side', 'rows', 'median s', 'spread s', 'median rows/s', 'spread rows/s', 'median peak RSS MB', 'spread MB'], (Object.keys(sides) as Side[]).map((side) => {
  const r = results[side];
  return [sides[side].label, r[0]!.rows.toLocaleString(), median(r.map((x) => x.seconds)).toFixed(2), spread(r.map((x) => x.seconds), 2),
    Math.round(median(r.map(rate))).toLocaleString(), spread(r.map(rate), 0), median(r.map((x) => x.peakRssMb)).toFixed(0), spread(r.map((x) => x.peakRssMb), 0)];
}));
const ratio = median(results.export.map((x) => x.seconds)) / median(results.select.map((x) => x.seconds));
const extra = median(results.export.map((x) => x.peakRssMb)) - median(results.select.map((x) => x.peakRssMb));
console.log(`\nexport / bare SELECT time: ${ratio.toFixed(1)}×; peak memory above the baseline: ${extra.toFixed(0)} MB (streamed: it does not grow with the row count)`);
