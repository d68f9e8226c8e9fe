// Pulls the relay's event feed into the database: on an interval, on focus and on "Sync now".
// Each page is applied in one transaction with its cursor (apply-events.ts); a relay that is
// down or answers wrong records the error and changes nothing else.
import type { SyncStatus } from '../api/contract';
import type { Db } from '../db/open-database';
import { prepareAll } from '../store/prepare';
import type { FirstActivity } from '../notify/first-activity';
import { eventApplier } from './apply-events';
import { ownIpsStore } from './own-ips-store';
import { fetchFeedPage, RelayError, trimRelayUrl, type Fetch } from './relay-feed-client';

/** Pages per syncNow: a large backlog is caught up over several runs, never in one unbounded loop. */
export const MAX_PAGES_PER_SYNC = 20;

const SQL = {
  row: `SELECT last_try_at AS lastTryAt, last_ok_at AS lastOkAt, last_error AS lastError, events_stored AS eventsStored, cursor
        FROM relay_sync WHERE source = ?`,
  failed: `
    INSERT INTO relay_sync (source, last_try_at, last_error) VALUES (:source, :now, :error)
    ON CONFLICT (source) DO UPDATE SET last_try_at = excluded.last_try_at, last_error = excluded.last_error`,
} as const;

export interface RelaySettings {
  /** Tracking mode from Preferences; 'off' stops syncing. */
  mode?: string;
  relayUrl: string;
  relaySecret: string;
}

export interface RelaySyncOptions {
  db: Db;
  settings: () => RelaySettings;
  now?: () => number;
  fetch?: Fetch;
  log?: (message: string) => void;
  /** After each run, the copies' first counted opens and clicks it stored (the desktop notification). */
  onFirsts?: (firsts: FirstActivity[]) => void;
}

export interface RelaySync {
  syncNow(): Promise<SyncStatus>;
  start(intervalMs: number): void;
  stop(): void;
  status(): SyncStatus;
}

interface Row {
  lastTryAt: number | null; lastOkAt: number | null; lastError: string | null; eventsStored: number; cursor: string | null;
}

const OFF: SyncStatus = { state: 'off', lastOkAt: null, lastTryAt: null, lastError: null, eventsStored: 0 };

export function createRelaySync(options: RelaySyncOptions): RelaySync {
  const { db, settings } = options;
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  const q = prepareAll(db, SQL);
  const apply = eventApplier(db);
  const ownIps = ownIpsStore(db);
  let running: Promise<void> | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;

  /** The relay to sync from, or null when tracking is off or not configured. */
  function source(): (RelaySettings & { url: string }) | null {
    const s = settings();
    const url = trimRelayUrl(s.relayUrl);
    return s.mode === 'off' || url === '' || s.relaySecret === '' ? null : { ...s, url };
  }

  function status(): SyncStatus {
    const s = source();
    if (!s) return OFF;
    const row = q.row.get(s.url) as Row | undefined;
    const stored = {
      lastOkAt: row?.lastOkAt ?? null, lastTryAt: row?.lastTryAt ?? null, lastError: row?.lastError ?? null,
      eventsStored: row?.eventsStored ?? 0,
    };
    // Configured but never synced is 'ok' with lastOkAt null: 'off' means tracking is off or unset.
    const state = running ? 'syncing' : stored.lastError !== null ? 'error' : 'ok';
    return { state, ...stored };
  }

  async function run(): Promise<void> {
    const s = source();
    if (!s) return;
    const firsts: FirstActivity[] = [];
    try {
      for (let page = 0; page < MAX_PAGES_PER_SYNC; page++) {
        const cursor = (q.row.get(s.url) as Row | undefined)?.cursor ?? null;
        const { page: feed, clientIp } = await fetchFeedPage({ relayUrl: s.url, relaySecret: s.relaySecret, after: cursor, fetch: options.fetch });
        // Before the page: the user's own opens in it are judged with the address they came from.
        if (clientIp !== null) ownIps.learn(clientIp, 'sync', now());
        const result = apply(s.url, feed, now());
        firsts.push(...result.firsts);
        if (result.skipped > 0) log(`relay sync: ${result.skipped} event(s) for emails not in this database were skipped`);
        if (!feed.more) break;
      }
    } catch (err) {
      const message = err instanceof RelayError ? err.message : `relay sync failed: ${(err as Error).message}`;
      log(`relay sync: ${message}`);
      q.failed.run({ source: s.url, now: now(), error: message });
    }
    // The pages stored before a failure are kept: their firsts are told too.
    if (firsts.length > 0) options.onFirsts?.(firsts);
  }

  function syncNow(): Promise<SyncStatus> {
    // Callers that arrive while a run is under way share it (focus, timer and button at once).
    running ??= run().finally(() => {
      running = null;
    });
    return running.then(() => status());
  }

  return {
    syncNow,
    status,
    start(intervalMs) {
      if (timer) clearInterval(timer);
      // A run only rejects if the database itself fails; the timer must not turn that into a crash.
      timer = setInterval(() => syncNow().catch((err: Error) => log(`relay sync: ${err.message}`)), intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
