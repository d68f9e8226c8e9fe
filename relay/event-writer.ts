// The main thread's handle on the writer thread: inserts and prunes as promises.
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { NewEvent } from './event-store';
import { WRITER_ROLE, type WriterCommand, type WriterData, type WriterReply } from './writer-thread';

type Call = { resolve: (reply: WriterReply) => void; reject: (error: Error) => void };

export class EventWriter {
  private readonly worker: Worker;
  private readonly calls = new Map<number, Call>();
  private seq = 0;
  private failure: Error | null = null;
  private closing = false;

  /** `onFailure` hears once if the thread dies: nothing can be recorded after that. */
  constructor(db: string, onFailure: (error: Error) => void) {
    this.worker = spawnWriter({ role: WRITER_ROLE, db });
    this.worker.on('message', (reply: WriterReply) => {
      const call = this.calls.get(reply.seq);
      this.calls.delete(reply.seq);
      if (reply.error === null) call?.resolve(reply);
      else call?.reject(new Error(reply.error));
    });
    const fail = (error: Error) => {
      if (this.failure !== null) return;
      this.failure = error;
      for (const call of this.calls.values()) call.reject(error);
      this.calls.clear();
      onFailure(error);
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => {
      const error = new Error(`relay writer thread exited (code ${code})`);
      if (this.closing) this.failure = error;
      else fail(error);
    });
  }

  async insert(events: NewEvent[]): Promise<void> {
    await this.call({ type: 'insert', events });
  }

  async prune(cutoff: number): Promise<number> {
    return (await this.call({ type: 'prune', cutoff })).count;
  }

  /** Closes the database and ends the thread; call after the last insert has settled. */
  async close(): Promise<void> {
    if (this.failure !== null) return;
    const exited = new Promise((done) => this.worker.once('exit', done));
    const closed = this.call({ type: 'close' });
    this.closing = true;
    await closed;
    await exited;
  }

  private call(command: WriterCommand): Promise<WriterReply> {
    if (this.failure !== null) return Promise.reject(this.failure);
    const seq = ++this.seq;
    return new Promise((resolve, reject) => {
      this.calls.set(seq, { resolve, reject });
      this.worker.postMessage({ ...command, seq });
    });
  }
}

function spawnWriter(workerData: WriterData): Worker {
  // Bundled into one CommonJS file (dist/relay/relay.cjs), the bundle is its own worker entry
  // (cli.ts dispatches on isWriterThread()).
  if (typeof __filename === 'string' && __filename.endsWith('.cjs')) return new Worker(__filename, { workerData });
  // From the TypeScript sources (npm scripts, vitest: run from the repository root), workers do
  // not inherit tsx's loader, so the writer is loaded through tsx's require hook.
  const source = JSON.stringify(resolve('relay/writer-thread.ts'));
  const code = `require('tsx/cjs/api').register(); require(${source}).runWriterThread();`;
  return new Worker(code, { eval: true, workerData });
}
