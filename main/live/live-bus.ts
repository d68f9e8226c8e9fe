import type { LiveEvent, LiveView } from '../api/contract';

/** One change as the core sees it: the views it touches and, where it is about emails, which. */
export interface Change {
  views: readonly LiveView[];
  emailIds?: readonly number[];
}

export type LiveListener = (event: LiveEvent) => void;

export interface LiveBus {
  publish(change: Change): void;
  subscribe(listener: LiveListener): () => void;
  /** Drops what is waiting and every listener (the core is closing). */
  close(): void;
}

export interface LiveBusOptions {
  /** How long changes gather before one event goes out: a 10,000-copy merge sends a handful, not 10,000. */
  windowMs?: number;
  /** Past this many emails in one event it says "any email" (emailIds null) rather than list them. */
  maxEmailIds?: number;
  log?: (message: string, err: unknown) => void;
}

/** Collects the core's changes and hands listeners one event per window. */
export function liveBus({ windowMs = 150, maxEmailIds = 500, log = console.error }: LiveBusOptions = {}): LiveBus {
  const listeners = new Set<LiveListener>();
  const views = new Set<LiveView>();
  let emailIds: Set<number> | null = new Set();
  let timer: ReturnType<typeof setTimeout> | undefined;

  function flush() {
    timer = undefined;
    const event: LiveEvent = { views: [...views].sort(), emailIds: emailIds && [...emailIds].sort((a, b) => a - b) };
    views.clear();
    emailIds = new Set();
    for (const listener of [...listeners]) {
      // One broken listener (a closed socket) must not keep the others from hearing.
      try {
        listener(event);
      } catch (err) {
        log('a live listener failed', err);
      }
    }
  }

  return {
    publish(change) {
      if (change.views.length === 0 || listeners.size === 0) return;
      for (const v of change.views) views.add(v);
      for (const id of change.emailIds ?? []) {
        if (emailIds === null) break;
        emailIds.add(id);
        if (emailIds.size > maxEmailIds) emailIds = null;
      }
      timer ??= setTimeout(flush, windowMs);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    close() {
      clearTimeout(timer);
      timer = undefined;
      views.clear();
      emailIds = new Set();
      listeners.clear();
    },
  };
}
