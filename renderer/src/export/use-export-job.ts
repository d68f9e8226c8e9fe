import { useEffect, useRef, useState } from 'react';
import type { CallInput, ExportJob } from '../../../main/api/contract';
import { call, CallError } from '../api/client';
import { asCallError } from '../api/use-call';

/** How often a running export's progress is read. */
const POLL_MS = 250;

/**
 * One export at a time: start, its progress read until it ends, Cancel. `job` stays after the end
 * to say what happened (saved where, cancelled, failed).
 */
export function useExportJob() {
  const [job, setJob] = useState<ExportJob>();
  const [error, setError] = useState<CallError>();
  const running = job?.state === 'running';
  const current = useRef(job);
  current.current = job;

  useEffect(() => {
    if (!running || !job) return;
    const t = setInterval(() => {
      call('export.progress', { id: job.id }).then((next) => {
        // A Cancel answered meanwhile has the last word.
        if (current.current?.id === next.id && current.current.state === 'running') setJob(next);
      }, (e: unknown) => setError(asCallError(e)));
    }, POLL_MS);
    return () => clearInterval(t);
  }, [running, job?.id]);

  return {
    job,
    error,
    running,
    async start(input: CallInput<'export.start'>) {
      setError(undefined);
      try {
        setJob((await call('export.start', input)) ?? undefined); // null: the save dialog was dismissed
      } catch (e) {
        setError(asCallError(e));
      }
    },
    async cancel() {
      if (!job) return;
      try {
        setJob(await call('export.cancel', { id: job.id }));
      } catch (e) {
        setError(asCallError(e));
      }
    },
  };
}
