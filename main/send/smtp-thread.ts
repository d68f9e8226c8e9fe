// The production SMTP pool: nodemailer in a worker thread (smtp-worker.ts), behind the same
// SendTransport the sender uses for an in-thread pool. A merge of thousands of copies then uses
// a second core, and the app's own thread stays free for the database and the UI's requests.
import { Worker } from 'node:worker_threads';
import type { SmtpSettings } from './settings';
import type { OutgoingCopy, SendTransport, TransportFactory } from './transport';
import type { WireAnswer, WireCopy, WireRequest, WorkerSetup } from './smtp-worker';

interface Pending {
  copy: OutgoingCopy;
  resolve: (accepted: { response: string }) => void;
  reject: (err: Error) => void;
}

/**
 * Bundled (dist/main/*.cjs), the worker is the smtp-worker.cjs built beside it; from source
 * (tsx, vitest) it is the .ts file, loaded through tsx's loader, which a worker does not inherit.
 */
function startWorker(setup: WorkerSetup): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./smtp-worker.cjs', here), { workerData: setup });
  const entry = JSON.stringify(new URL('./smtp-worker.ts', here).href);
  return new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${entry}); })`, { eval: true, workerData: setup });
}

export function createThreadPool(smtp: SmtpSettings, tuning: { maxMessages?: number } = {}): SendTransport {
  const setup: WorkerSetup = { smtp, maxMessages: tuning.maxMessages };
  const pending = new Map<number, Pending>();
  let worker: Worker | null = null;
  // A thread that never came up sent nothing; one that did may have sent what it held.
  let online = false;
  let outbox: WireCopy[] = [];
  let nextId = 1;

  function settle(a: WireAnswer): void {
    const p = pending.get(a.id);
    if (!p) return;
    pending.delete(a.id);
    if (a.transmitted) p.copy.onTransmitted?.();
    if ('response' in a) p.resolve({ response: a.response });
    else p.reject(Object.assign(new Error(a.error.message ?? 'sending failed'), a.error));
    if (pending.size === 0) worker?.unref();
  }

  // The thread died (or was closed with copies still in it): what it held may have gone out, so
  // each such copy is a connection failure after transmission, which the sender makes 'unknown'.
  function lost(w: Worker, why: string): void {
    if (worker !== w) return;
    worker = null;
    for (const id of pending.keys()) {
      settle({ id, error: { code: 'ECONNECTION', message: `The sending thread stopped (${why}).` }, transmitted: online });
    }
  }

  function workerNow(): Worker {
    if (worker) return worker;
    const w = startWorker(setup);
    online = false;
    w.on('online', () => (online = true));
    w.on('message', (answers: WireAnswer[]) => answers.forEach(settle));
    w.on('error', (err) => lost(w, err.message));
    w.on('exit', (code) => lost(w, `exit code ${code}`));
    worker = w;
    return w;
  }

  // Copies handed over in one turn of the event loop cross to the thread as one message.
  function flush(): void {
    const copies = outbox;
    outbox = [];
    const request: WireRequest = { type: 'send', copies };
    workerNow().postMessage(request);
  }

  return {
    send(copy) {
      return new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { copy, resolve, reject });
        const { onTransmitted: _, ...wire } = copy;
        outbox.push({ ...wire, id });
        if (outbox.length === 1) queueMicrotask(flush);
        workerNow().ref();
      });
    },
    close() {
      const w = worker;
      if (!w) return;
      const request: WireRequest = { type: 'close' };
      w.postMessage(request);
    },
  };
}

export const smtpPool: TransportFactory = (smtp) => createThreadPool(smtp);
