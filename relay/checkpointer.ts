// The checkpoint thread: copies committed WAL frames into the database file, with the fsyncs
// that takes, away from the HTTP thread. The HTTP thread's own connection commits (a write()
// to the WAL, no fsync) and never checkpoints, so a commit never waits for a checkpoint.
// Both halves live here: `Checkpointer` (HTTP thread) and `runCheckpointerThread` (the worker).
import { resolve } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { QUERIES } from './queries';

export const CHECKPOINTER_ROLE = 'outpost-relay-checkpointer';
/** How often committed WAL frames are copied into the database. */
export const CHECKPOINT_EVERY_MS = 200;

interface CheckpointerData {
  role: typeof CHECKPOINTER_ROLE;
  db: string;
}

/** True inside a worker started as the relay's checkpointer. */
export function isCheckpointerThread(): boolean {
  return !isMainThread && (workerData as Partial<CheckpointerData> | null)?.role === CHECKPOINTER_ROLE;
}

/** Restarts of a thread that died before it opened the database, before the relay gives up. */
const MAX_FAILED_STARTS = 8;
const FIRST_RESTART_MS = 100;
const LONGEST_RESTART_MS = 5_000;

/**
 * The HTTP thread's handle on the checkpoint thread. A thread that dies is started again, after
 * a pause that doubles: it may have died only because the process was out of file descriptors
 * (loading its code or opening the database), which passes. Only a thread that keeps failing
 * to start is reported.
 */
export class Checkpointer {
  private worker: Worker;
  private closing = false;
  private failed = false;
  private failedStarts = 0;
  private restart: NodeJS.Timeout | undefined;

  /** `onFailure` hears once if the thread cannot be kept running: the WAL would grow without bound after that. */
  constructor(
    private readonly db: string,
    private readonly onFailure: (error: Error) => void,
  ) {
    this.worker = this.start();
  }

  private start(): Worker {
    const worker = spawn({ role: CHECKPOINTER_ROLE, db: this.db });
    let ready = false;
    let lastError: Error | undefined;
    worker.on('message', (message) => {
      if (message !== 'ready') return;
      ready = true;
      this.failedStarts = 0;
    });
    worker.on('error', (error) => (lastError = error));
    worker.on('exit', (code) => {
      if (this.closing || this.failed) return;
      const error = lastError ?? new Error(`relay checkpoint thread exited (code ${code})`);
      if (!ready) this.failedStarts++;
      if (this.failedStarts >= MAX_FAILED_STARTS) {
        this.failed = true;
        this.onFailure(error);
        return;
      }
      const pause = Math.min(FIRST_RESTART_MS * 2 ** this.failedStarts, LONGEST_RESTART_MS);
      console.error(`relay: checkpoint thread stopped (${error.message}); starting it again in ${pause} ms`);
      this.restart = setTimeout(() => {
        this.restart = undefined;
        if (!this.closing) this.worker = this.start();
      }, pause);
    });
    return worker;
  }

  /** Runs a last checkpoint and ends the thread. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    clearTimeout(this.restart);
    if (this.worker.threadId === -1) return;
    const exited = new Promise((done) => this.worker.once('exit', done));
    this.worker.postMessage('close');
    await exited;
  }
}

export function runCheckpointerThread(): void {
  const port = parentPort;
  if (port === null) throw new Error('the relay checkpointer must run in a worker thread');
  // The HTTP thread has opened (and migrated) the database already; this connection only checkpoints.
  const db = new Database((workerData as CheckpointerData).db);
  db.pragma('busy_timeout = 5000');
  const checkpoint = db.prepare(QUERIES.checkpoint);
  const timer = setInterval(() => checkpoint.run(), CHECKPOINT_EVERY_MS);
  port.postMessage('ready');
  port.on('message', () => {
    clearInterval(timer);
    checkpoint.run();
    db.close();
    port.close();
  });
}

function spawn(data: CheckpointerData): Worker {
  // Bundled into one CommonJS file (dist/relay/relay.cjs), the bundle is its own worker entry
  // (cli.ts dispatches on isCheckpointerThread()).
  if (typeof __filename === 'string' && __filename.endsWith('.cjs')) return new Worker(__filename, { workerData: data });
  // From the TypeScript sources (npm scripts, vitest: run from the repository root), workers do
  // not inherit tsx's loader, so the thread is loaded through tsx's require hook.
  const source = JSON.stringify(resolve('relay/checkpointer.ts'));
  const code = `require('tsx/cjs/api').register(); require(${source}).runCheckpointerThread();`;
  return new Worker(code, { eval: true, workerData: data });
}
