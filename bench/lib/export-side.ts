// One side of bench/export.bench.ts in a fresh process, so each side's peak memory is its own:
//   export: the app's export of the year's tracking report (export-jobs: rows from SQLite through
//           csv-stringify to a file in outDir), removed afterwards
//   select: the same SELECT iterated on the same kind of connection, each row read, nothing written
// Usage: export-side.ts <export|select> <dataDir> <outDir>; prints one JSON line.
import fs from 'node:fs';
import { openDatabase } from '../../main/db/open-database';
import { exportJobs } from '../../main/export/export-jobs';
import { COPIES_SQL, yearBefore } from '../../main/export/reports';
import { until } from '../../main/test/until';

export interface ExportSideResult { rows: number; seconds: number; peakRssMb: number; fileMb: number }

const [side, dataDir, outDir] = process.argv.slice(2) as [string, string, string];

async function main(): Promise<ExportSideResult> {
  const open = () => openDatabase(dataDir, { readonly: true });
  const start = performance.now();
  if (side === 'select') {
    const db = open();
    let rows = 0;
    for (const row of db.prepare(COPIES_SQL).iterate({ since: yearBefore(Date.now()), untracked: 0 })) if (row) rows++;
    db.close();
    return { rows, seconds: (performance.now() - start) / 1000, peakRssMb: process.resourceUsage().maxRSS / 1024, fileMb: 0 };
  }
  const jobs = exportJobs({ open });
  const job = (await jobs.start({ report: { kind: 'tracking-year' }, folder: outDir }))!;
  await until(() => jobs.progress(job.id).state !== 'running', 'the export', 600_000, 10);
  const seconds = (performance.now() - start) / 1000;
  const done = jobs.progress(job.id);
  if (done.state !== 'done') throw new Error(done.error ?? done.state);
  const fileMb = fs.statSync(done.file).size / 1e6;
  fs.rmSync(done.file);
  return { rows: done.written, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024, fileMb };
}

main().then((r) => console.log(JSON.stringify(r)), (err) => {
  console.error(err);
  process.exit(1);
});
