// Exports run in the background while the app stays usable: start returns at once with the job,
// the UI polls its progress, and Cancel stops the stream and removes the partial file.
import type { Db } from '../db/open-database';
import type { ExportJob } from '../api/contract';
import { notFound } from '../api/errors';
import { reportRows, reportStem, type ExportReport } from './reports';
import { defaultFolder, freeFileIn } from './target-file';
import { writeCsv } from './write-csv';

export interface ExportJobsOptions {
  /** A read-only connection of its own: an export iterates for seconds, which would keep the app's connection busy. */
  open: () => Db;
  /** Electron: the save dialog (null when dismissed). Without it the file goes into the folder given. */
  chooseFile?: (suggestedName: string) => Promise<string | null>;
  now?: () => number;
}

/** Finished jobs kept for their last progress call; older ones are forgotten. */
const KEPT = 20;

export function exportJobs(options: ExportJobsOptions) {
  const jobs = new Map<number, { job: ExportJob; abort: AbortController; done: Promise<void> }>();
  let nextId = 1;

  const get = (id: number) => {
    const entry = jobs.get(id);
    if (!entry) throw notFound('Export', id);
    return entry;
  };
  const forgetOld = () => {
    const finished = [...jobs.values()].filter((e) => e.job.state !== 'running');
    for (const e of finished.slice(0, Math.max(0, finished.length - KEPT))) jobs.delete(e.job.id);
  };

  return {
    async start({ report, folder }: { report: ExportReport; folder: string }): Promise<ExportJob | null> {
      const now = options.now?.() ?? Date.now();
      const stem = reportStem(report, now);
      const file = options.chooseFile ? await options.chooseFile(`${stem}.csv`) : await freeFileIn(folder || defaultFolder(), stem);
      if (file === null) return null;
      const db = options.open();
      // One read transaction: the total and the rows come from the same snapshot.
      db.exec('BEGIN');
      let source;
      try {
        source = reportRows(db, report, now);
      } catch (err) {
        db.close();
        throw err;
      }
      const job: ExportJob = { id: nextId++, state: 'running', written: 0, total: source.total, file, error: null };
      const abort = new AbortController();
      const done = writeCsv(file, source.header, source.rows, job, abort.signal).then(
        () => void (job.state = 'done'),
        (err: unknown) => {
          job.state = abort.signal.aborted ? 'cancelled' : 'failed';
          if (job.state === 'failed') job.error = `Could not write ${file}: ${err instanceof Error ? err.message : String(err)}`;
        },
      ).finally(() => {
        db.close();
        forgetOld();
      });
      jobs.set(job.id, { job, abort, done });
      return { ...job };
    },

    progress: (id: number): ExportJob => ({ ...get(id).job }),

    /** Stops a running export and removes its partial file; a finished one is left as it is. */
    async cancel(id: number): Promise<ExportJob> {
      const entry = get(id);
      entry.abort.abort();
      await entry.done;
      return { ...entry.job };
    },

    /** Cancels whatever runs (the app is closing). */
    async stop(): Promise<void> {
      for (const e of jobs.values()) e.abort.abort();
      await Promise.all([...jobs.values()].map((e) => e.done));
    },
  };
}
