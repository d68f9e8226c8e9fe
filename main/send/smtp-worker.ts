// The SMTP pool's own thread (started by smtp-thread.ts). Building each copy (MIME, signed links)
// and the SMTP conversation run here, beside the sender's database work on the main thread
// instead of taking turns with it.
import { parentPort, workerData } from 'node:worker_threads';
import type { SmtpError } from './smtp-outcome';
import type { SmtpSettings } from './settings';
import { createSmtpPool } from './connection-pool';
import type { CopyRecipe } from './copy-recipe';
import type { OutgoingCopy } from './transport';
import type { TokenSource } from '../oauth/access-tokens';

export interface WorkerSetup {
  smtp: SmtpSettings;
  maxMessages?: number;
  /** The transmit journal's path (transmit-journal.ts): written here, where the copies leave. */
  journal?: string | null;
}

/** One copy across the thread boundary: the callback becomes the `transmitted` flag of its answer. */
export type WireCopy = Omit<OutgoingCopy, 'onTransmitted' | 'message'> & { id: number; message: Uint8Array | CopyRecipe };

export type WireAnswer =
  | { id: number; response: string; transmitted: true }
  | { id: number; error: SmtpError; transmitted: boolean };

/** An access token the thread asked for (`renew` after a refusal): tokens are refreshed in the app's thread, which keeps the sign-in. */
export type TokenAnswer = { type: 'token'; id: number; token: string } | { type: 'token'; id: number; error: SmtpError };

export type WireRequest = { type: 'send'; copies: WireCopy[] } | { type: 'withdraw'; keys: string[] } | { type: 'close' } | TokenAnswer;

/** 'ready' once, before any copy is taken; then batches of answers, and requests for access tokens. */
export type WorkerMessage = 'ready' | WireAnswer[] | { type: 'token'; id: number; renew: boolean };

// The fields smtp-outcome.ts reads; the rest of a nodemailer error does not survive cloning.
const FIELDS = ['message', 'code', 'originalCode', 'errno', 'response', 'responseCode', 'command'] as const;

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

// Cloning across threads turns Buffers into plain Uint8Arrays: Buffers again, once per email
// (the copies of one email in a batch share its object, as on the other side).
function revive(message: Uint8Array | CopyRecipe): Buffer | CopyRecipe {
  if (message instanceof Uint8Array) return asBuffer(message);
  const { attachments } = message.email;
  if (attachments.length && !Buffer.isBuffer(attachments[0]!.content)) for (const a of attachments) a.content = asBuffer(a.content);
  return message;
}

function plain(err: unknown): SmtpError {
  const out: Record<string, unknown> = {};
  for (const key of FIELDS) {
    const value = (err as Record<string, unknown> | null)?.[key];
    if (value !== undefined) out[key] = value;
  }
  return out as SmtpError;
}

const port = parentPort!;
const setup = workerData as WorkerSetup;
const asked = new Map<number, { resolve: (token: string) => void; reject: (err: Error) => void }>();
let nextAsk = 1;
const tokens: TokenSource = {
  get: (renew = false) => new Promise<string>((resolve, reject) => {
    const id = nextAsk++;
    asked.set(id, { resolve, reject });
    post({ type: 'token', id, renew });
  }),
};
const pool = createSmtpPool({ ...setup.smtp, tokens }, { maxMessages: setup.maxMessages, journal: setup.journal });
let answers: WireAnswer[] = [];

// Answers go back in batches: one message per turn of the event loop, not one per copy.
function post(message: WorkerMessage): void {
  port.postMessage(message);
}

function answer(a: WireAnswer): void {
  answers.push(a);
  if (answers.length > 1) return;
  setImmediate(() => {
    const batch = answers;
    answers = [];
    post(batch);
  });
}

port.on('message', (request: WireRequest) => {
  if (request.type === 'close') {
    pool.close();
    port.close();
    return;
  }
  if (request.type === 'withdraw') return pool.withdraw(request.keys);
  if (request.type === 'token') {
    const ask = asked.get(request.id);
    asked.delete(request.id);
    if ('token' in request) ask?.resolve(request.token);
    else ask?.reject(Object.assign(new Error(request.error.message ?? 'no access token'), request.error));
    return;
  }
  for (const { id, message, ...copy } of request.copies) {
    let transmitted = false;
    pool.send({ ...copy, message: revive(message), onTransmitted: () => (transmitted = true) }).then(
      (accepted) => answer({ id, response: accepted.response, transmitted: true }),
      (err: unknown) => answer({ id, error: plain(err), transmitted }),
    );
  }
});
post('ready');
