// The writer thread: owns the database connection that inserts and prunes, so commits
// never block the HTTP event loop. Started by event-writer.ts.
import { isMainThread, parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { EventStore, type NewEvent } from './event-store';

export const WRITER_ROLE = 'outpost-relay-writer';

export interface WriterData {
  role: typeof WRITER_ROLE;
  db: string;
}

export type WriterCommand =
  | { type: 'insert'; events: NewEvent[] }
  | { type: 'prune'; cutoff: number }
  | { type: 'close' };
export type WriterRequest = WriterCommand & { seq: number };

type InsertRequest = Extract<WriterRequest, { type: 'insert' }>;

export interface WriterReply {
  seq: number;
  error: string | null;
  /** prune: how many events were deleted */
  count: number;
}

/** True inside a worker started as the relay's writer. */
export function isWriterThread(): boolean {
  return !isMainThread && (workerData as Partial<WriterData> | null)?.role === WRITER_ROLE;
}

export function runWriterThread(): void {
  const port = parentPort;
  if (port === null) throw new Error('the relay writer must run in a worker thread');
  const store = new EventStore((workerData as WriterData).db);
  port.on('message', (first: WriterRequest) => {
    // Group commit, writer half: every insert queued while the last commit ran shares one transaction.
    const inserts: InsertRequest[] = [];
    let request: WriterRequest | undefined = first;
    while (request !== undefined) {
      if (request.type === 'insert') inserts.push(request);
      else {
        commitInserts(store, inserts, port);
        inserts.length = 0;
        handle(store, request, port);
        if (request.type === 'close') return port.close();
      }
      request = (receiveMessageOnPort(port) as { message: WriterRequest } | undefined)?.message;
    }
    commitInserts(store, inserts, port);
  });
}

function commitInserts(store: EventStore, inserts: InsertRequest[], port: MessagePort): void {
  if (inserts.length === 0) return;
  const error = attempt(() => store.insertBatch(inserts.flatMap((r) => r.events)));
  for (const { seq } of inserts) port.postMessage({ seq, error, count: 0 } satisfies WriterReply);
}

function handle(store: EventStore, request: WriterRequest, port: MessagePort): void {
  let count = 0;
  const error = attempt(() => {
    if (request.type === 'prune') count = store.pruneBefore(request.cutoff);
    else if (request.type === 'close') store.close();
  });
  port.postMessage({ seq: request.seq, error, count } satisfies WriterReply);
}

function attempt(action: () => void): string | null {
  try {
    action();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
