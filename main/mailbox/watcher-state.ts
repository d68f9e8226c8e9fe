// The mailbox watcher's state machine, whole: what state a folder's connection is in, what moves
// it, and how long it waits before trying again. Pure (time and chance are passed in); the
// connection code (folder-watcher.ts) performs the effects and feeds the events back.
//
//   off ──start──▶ connecting ──connected──▶ idle | polling ◀──pass done── checking
//                      ▲   │                     │   ▲ pass started ──────────▲
//                      │   ├──dropped───▶ reconnecting (backoff, jitter, capped)
//                      │   └──login refused──▶ login_failed (retries slowly; new preferences retry now)
//                      └────────retry due──────────┘
import type { WatcherState } from '../api/contract';

export type State =
  | { kind: 'off'; why: string }
  | { kind: 'connecting'; attempt: number }
  | { kind: 'idle' }
  | { kind: 'polling'; nextAt: number }
  | { kind: 'checking'; idle: boolean; nextAt: number }
  | { kind: 'reconnecting'; attempt: number; retryAt: number; error: string }
  | { kind: 'login_failed'; attempt: number; retryAt: number; error: string };

export type Event =
  | { kind: 'start' }
  | { kind: 'connected'; idle: boolean }
  | { kind: 'pass started' }
  | { kind: 'pass done' }
  | { kind: 'dropped'; error: string }
  | { kind: 'login refused'; error: string }
  | { kind: 'retry due' }
  | { kind: 'stop'; why: string };

export interface Clock {
  now: number;
  /** A number in [0, 1): the jitter. */
  random: number;
  /** Minutes between passes where the server has no IDLE. */
  pollMs: number;
}

/** First retry after about a second, doubling, never more than 30 s apart. */
export const BACKOFF = { baseMs: 1000, capMs: 30_000 } as const;
/** A refused login is retried rarely: a wrong password tried in a loop can lock the account. */
export const LOGIN_RETRY_MS = 5 * 60_000;

/** Exponential backoff with jitter: between half and all of min(cap, base·2^attempt). */
export function backoffMs(attempt: number, random: number, { baseMs, capMs } = BACKOFF): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 20));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

export function transition(state: State, event: Event, clock: Clock): State {
  switch (event.kind) {
    case 'stop':
      return { kind: 'off', why: event.why };
    case 'start':
      return state.kind === 'off' ? { kind: 'connecting', attempt: 0 } : state;
    case 'retry due':
      return state.kind === 'reconnecting' || state.kind === 'login_failed' ? { kind: 'connecting', attempt: state.attempt } : state;
    case 'connected':
      return event.idle ? { kind: 'idle' } : { kind: 'polling', nextAt: clock.now + clock.pollMs };
    case 'pass started':
      if (state.kind === 'idle') return { kind: 'checking', idle: true, nextAt: 0 };
      if (state.kind === 'polling') return { kind: 'checking', idle: false, nextAt: state.nextAt };
      return state;
    case 'pass done':
      if (state.kind !== 'checking') return state;
      return state.idle ? { kind: 'idle' } : { kind: 'polling', nextAt: clock.now + clock.pollMs };
    case 'dropped': {
      // A connection that had come up starts the backoff over; failures in a row climb it.
      const attempt = state.kind === 'connecting' ? state.attempt + 1 : 1;
      return { kind: 'reconnecting', attempt, retryAt: clock.now + backoffMs(attempt - 1, clock.random), error: event.error };
    }
    case 'login refused': {
      const attempt = state.kind === 'connecting' ? state.attempt + 1 : 1;
      return { kind: 'login_failed', attempt, retryAt: clock.now + LOGIN_RETRY_MS / 2 + (LOGIN_RETRY_MS / 2) * clock.random, error: event.error };
    }
  }
}

/** The state as the contract names it. */
export function publicState(s: State): WatcherState {
  return s.kind;
}

/** The state in words for Preferences and the dashboard. */
export function describe(s: State, now: number): string {
  switch (s.kind) {
    case 'off': return s.why;
    case 'connecting': return s.attempt === 0 ? 'Connecting…' : `Connecting (try ${s.attempt + 1})…`;
    case 'idle': return 'Watching: the server tells Outpost of new mail at once (IDLE).';
    case 'polling': return `Watching: the server offers no IDLE, so Outpost checks every few minutes (next in ${seconds(s.nextAt - now)}).`;
    case 'checking': return 'Checking for new mail…';
    case 'reconnecting': return `${s.error[0]!.toUpperCase()}${s.error.slice(1)}. Reconnecting in ${seconds(s.retryAt - now)}.`;
    case 'login_failed': return `Login failed: ${s.error}. Check the IMAP user name and password in Preferences; trying again in ${seconds(s.retryAt - now)}.`;
  }
}

function seconds(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return s < 120 ? `${s} s` : `${Math.ceil(s / 60)} min`;
}
