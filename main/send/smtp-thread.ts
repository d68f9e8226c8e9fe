// The production SMTP pool: nodemailer in a worker thread (smtp-worker.ts), behind the same
// SendTransport the sender uses for an in-thread pool. A merge of thousands of copies then uses
// a second core, and the app's own thread stays free for the database and the UI's requests.
import { Worker } from 'node:worker_threads';
import type { SmtpSettings } from './settings';
import { createSmtpPool } from './connection-pool';
import { readJournal } from './transmit-journal';
import type { OutgoingCopy, SendTransport, TransportFactory } from './transport';
import type { WireAnswer, WireCopy, WireRequest, WorkerMessage, WorkerSetup } from './smtp-worker';

const CLOSE_GRACE_MS = 5_000;

interface Pending {
  copy: OutgoingCopy;
  resolve: (accepted: { response: string }) => void;
  reject: (err: Error) => void;
}

/**
 * Bundled (dist/main/*.cjs), the worker is the smtp-worker.cjs built beside it; from source
 * (tsx, vitest) it is the .ts file, loaded through tsx's loader, which a worker does not inherit.
 */
function startWorker(setup: WorkerSetup, entry?: URL): Worker {
  const here = import.meta.url;
  if (entry) return new Worker(entry, { workerData: setup });
  if (!here.endsWith('.ts')) return new Worker(new URL('./smtp-worker.cjs', here), { workerData: setup });
  const source = JSON.stringify(new URL('./smtp-worker.ts', here).href);
  return new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${source}); })`, { eval: true, workerData: setup });
}

export interface ThreadTuning {
  maxMessages?: number;
  journal?: string | null;
  /** Tests: another worker file. */
  workerEntry?: URL;
}

export function createThreadPool(smtp: SmtpSettings, tuning: ThreadTuning = {}): SendTransport {
  // The token source stays here (it cannot cross): the thread asks for each token by message.
  const { tokens, ...wireSmtp } = smtp;
  const setup: WorkerSetup = { smtp: wireSmtp, maxMessages: tuning.maxMessages, journal: tuning.journal };
  const pending = new Map<number, Pending>();
  let worker: Worker | null = null;
  // Where no worker can start (a packaging that cannot load it), the pool runs in this thread.
  let inThread: SendTransport | null = null;
  // A thread that never said 'ready' sent nothing; one that did may have sent what it held.
  let ready = false;
  let closed = false;
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

  // The thread died (or was closed with copies still in it): the transmit journal says which of
  // its copies began to leave and what the server answered; a copy that began without an answer
  // is a connection failure after transmission, which the sender makes 'unknown'.
  function lost(w: Worker, why: string): void {
    if (worker !== w) return;
    worker = null;
    if (!ready && !closed) {
      console.warn(`send: the SMTP thread could not start (${why}); sending from the main thread`);
      inThread = createSmtpPool(smtp, tuning);
      for (const [id, p] of pending) {
        pending.delete(id);
        inThread.send(p.copy).then(p.resolve, p.reject);
      }
      return;
    }
    const message = `The sending thread stopped (${why}).`;
    const keys = new Set([...pending.values()].flatMap((p) => (p.copy.key ? [p.copy.key] : [])));
    const read = tuning.journal && ready ? readJournal(tuning.journal, keys) : null;
    const evidence = read && typeof read !== 'string' ? read : null;
    for (const [id, p] of pending) {
      const key = evidence ? p.copy.key : undefined;
      const found = key === undefined ? undefined : evidence!.get(key);
      // Without a journal to ask, a thread that was ready may have sent what it held.
      const began = key === undefined ? ready : found !== undefined;
      if (found?.kind === 'accepted') settle({ id, response: found.response, transmitted: true });
      else if (found?.kind === 'refused') settle({ id, error: { code: 'EMESSAGE', responseCode: found.responseCode, response: found.response, message: found.response }, transmitted: true });
      else settle({ id, error: { code: 'ECONNECTION', message }, transmitted: began });
    }
  }

  function workerNow(): Worker {
    if (worker) return worker;
    const w = startWorker(setup, tuning.workerEntry);
    ready = false;
    w.on('message', (m: WorkerMessage) => {
      if (m === 'ready') ready = true;
      else if (Array.isArray(m)) m.forEach(settle);
      else giveToken(w, m.id, m.renew);
    });
    w.on('error', (err) => lost(w, err.message));
    w.on('exit', (code) => lost(w, `exit code ${code}`));
    worker = w;
    return w;
  }

  function giveToken(w: Worker, id: number, renew: boolean): void {
    const answer = (a: WireRequest) => {
      if (worker === w) w.postMessage(a);
    };
    if (!tokens) return answer({ type: 'token', id, error: { code: 'EOAUTHSIGNIN', message: 'Not signed in: press "Sign in" under Preferences.' } });
    tokens.get(renew).then(
      (token) => answer({ type: 'token', id, token }),
      (err: Error & { code?: string }) => answer({ type: 'token', id, error: { code: err.code, message: err.message } }),
    );
  }

  // Copies handed over in one turn of the event loop cross to the thread as one message.
  function flush(): void {
    if (outbox.length === 0) return;
    const copies = outbox;
    outbox = [];
    const request: WireRequest = { type: 'send', copies };
    workerNow().postMessage(request);
  }

  return {
    send(copy) {
      if (inThread) return inThread.send(copy);
      return new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { copy, resolve, reject });
        const { onTransmitted: _, ...wire } = copy;
        outbox.push({ ...wire, id });
        if (outbox.length === 1) queueMicrotask(flush);
        workerNow().ref();
      });
    },
    withdraw(keys) {
      if (inThread) return inThread.withdraw(keys);
      if (!worker) return;
      // Copies handed over this turn go first, so the thread knows them when the withdrawal comes.
      if (outbox.length) flush();
      const request: WireRequest = { type: 'withdraw', keys: [...keys] };
      worker.postMessage(request);
    },
    close() {
      closed = true;
      inThread?.close();
      const w = worker;
      if (!w) return;
      // Copies still in it (the sender gave up waiting): stop now; they settle as maybe sent.
      if (pending.size > 0) {
        void w.terminate();
        return;
      }
      const request: WireRequest = { type: 'close' };
      w.postMessage(request);
      // A connection still opening can keep the thread alive after its pool closed.
      setTimeout(() => void w.terminate(), CLOSE_GRACE_MS).unref();
    },
  };
}

export const smtpPool: TransportFactory = (smtp, journal) => createThreadPool(smtp, { journal });
