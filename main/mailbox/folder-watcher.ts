// One watched folder's connection, its whole life (EmailEngine's manner): connect, open the folder,
// a pass, then wait in IDLE (or poll where the server has none), a pass on every new message;
// after any drop, reconnect with backoff. States come from watcher-state.ts; this file does the I/O.
import type { ImapFlow } from 'imapflow';
import { describe, transition, type Event, type State } from './watcher-state';
import type { PassResult } from './folder-pass';
import type { WatchSettings } from './settings';

/** IDLE is broken and restarted this often: some servers and NATs cut a quiet IDLE after 3 minutes. */
export const IDLE_RESTART_MS = 2 * 60_000;
/** Even with IDLE, a pass this often: a lost EXISTS must not hide a report for long. */
const SAFETY_PASS_MS = 10 * 60_000;

export interface FolderWatcherOptions {
  folder: string;
  settings: WatchSettings;
  connect: (settings: WatchSettings) => ImapFlow;
  pass: (client: ImapFlow, folder: string) => Promise<PassResult>;
  now: () => number;
  random: () => number;
  onChange: () => void;
  onLoginFailed: (error: string) => void;
  log: (message: string) => void;
}

export interface FolderWatcher {
  readonly folder: string;
  state(): State;
  message(): string;
  lastError(): string | null;
  start(): void;
  stop(): Promise<void>;
  /** A pass now (or a reconnect now when waiting to retry); resolves when it is over. */
  checkNow(): Promise<void>;
}

/** A signal any number of waiters can wait for; fire() wakes them all once. */
function signal() {
  let wake: () => void = () => {};
  let promise = new Promise<void>((r) => (wake = r));
  return {
    wait: () => promise,
    fire() {
      wake();
      promise = new Promise<void>((r) => (wake = r));
    },
  };
}

/** Runs one step of a session; its failure says which step, keeping imapflow's flags (authenticationFailed). */
async function step<T>(run: () => Promise<T>, what: string): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if ((err as { authenticationFailed?: boolean }).authenticationFailed) throw err;
    throw Object.assign(new Error(`${what}: ${errorText(err)}`), { cause: err });
  }
}

const errorText = (err: unknown) => {
  const e = err as { message?: string; responseText?: string; code?: string };
  return (e.responseText || e.message || e.code || String(err)).replace(/\s+/g, ' ').slice(0, 300);
};

export function folderWatcher(o: FolderWatcherOptions): FolderWatcher {
  let state: State = { kind: 'off', why: 'Not started.' };
  let lastError: string | null = null;
  let stopped = false;
  let running: Promise<void> | null = null;
  let client: ImapFlow | null = null;
  const wake = signal(); // new mail, "Check now", or stop
  const passed = signal();
  // Set by whatever asks for a pass; a pass clears it as it starts, so a wake during a pass is not lost.
  let pending = false;
  let started = 0;
  let finished = 0;
  let failures = 0;
  const poke = () => {
    pending = true;
    wake.fire();
  };
  const pollMs = o.settings.pollMinutes * 60_000;

  function set(event: Event): void {
    state = transition(state, event, { now: o.now(), random: o.random(), pollMs });
    o.onChange();
  }

  const sleep = (ms: number) => new Promise<void>((r) => {
    if (pending || stopped) return r();
    const t = setTimeout(r, Math.max(0, ms));
    void wake.wait().then(() => {
      clearTimeout(t);
      r();
    });
  });

  async function pass(c: ImapFlow): Promise<void> {
    pending = false;
    started++;
    set({ kind: 'pass started' });
    try {
      const r = await o.pass(c, o.folder);
      lastError = r.markError;
    } finally {
      finished++;
      set({ kind: 'pass done' });
      passed.fire();
    }
  }

  async function session(): Promise<void> {
    const c = o.connect(o.settings);
    client = c;
    let closed = false;
    c.on('close', () => {
      closed = true;
      wake.fire(); // ends the wait; asks for no pass, so a drop never skips the backoff
    });
    c.on('error', (err) => o.log(`imap ${o.folder}: ${errorText(err)}`));
    c.on('exists', poke);
    try {
      await step(() => c.connect(), `cannot connect to ${o.settings.host}:${o.settings.port}`);
      await step(() => c.mailboxOpen(o.folder), `the folder "${o.folder}" cannot be opened (check "Folders to watch")`);
      const idle = c.capabilities.has('IDLE');
      set({ kind: 'connected', idle });
      lastError = null;
      await pass(c);
      while (!stopped && !closed) {
        await sleep(idle ? SAFETY_PASS_MS : pollMs);
        if (stopped || closed) break;
        await pass(c);
      }
      if (!stopped) throw new Error('the server closed the connection');
    } finally {
      client = null;
      c.close();
    }
  }

  async function run(): Promise<void> {
    set({ kind: 'start' });
    while (!stopped) {
      try {
        await session();
      } catch (err) {
        if (stopped) break;
        const error = errorText(err);
        lastError = error;
        if ((err as { authenticationFailed?: boolean }).authenticationFailed) {
          set({ kind: 'login refused', error });
          o.onLoginFailed(error);
        } else {
          set({ kind: 'dropped', error });
        }
        o.log(`imap ${o.folder}: ${describe(state, o.now())}`);
        pending = false; // only a "Check now" during the wait below retries early
        failures++;
        passed.fire(); // a "Check now" waiting on this session learns it failed
      }
      if (stopped) break;
      if (state.kind === 'reconnecting' || state.kind === 'login_failed') await sleep(state.retryAt - o.now());
      if (stopped) break;
      pending = false; // the pass of the new session serves whoever asked
      set({ kind: 'retry due' });
    }
  }

  return {
    folder: o.folder,
    state: () => state,
    message: () => describe(state, o.now()),
    lastError: () => lastError,
    start() {
      if (running) return;
      stopped = false;
      running = run();
    },
    async stop() {
      stopped = true;
      wake.fire();
      client?.close();
      await running;
      running = null;
      set({ kind: 'stop', why: 'Stopped.' });
    },
    async checkNow() {
      if (!running) return;
      const want = started + 1;
      const failed = failures;
      poke();
      while (finished < want && failures === failed && !stopped) await passed.wait();
    },
  };
}
