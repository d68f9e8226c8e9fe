// Assembles a running relay from its configuration: store, checkpoint thread, secrets, server, pruning.
import type { AddressInfo } from 'node:net';
import { backOffWhenOutOfDescriptors } from './accept-backoff';
import { parseTrustedProxies } from './client-ip';
import type { RelayConfig } from './config';
import { EventStore } from './event-store';
import { Checkpointer } from './checkpointer';
import { createRelayServer } from './server';
import { feedKey, parseSecret, secretFingerprint, type SecretKey } from './token';

const DAY_MS = 86_400_000;
const PRUNE_EVERY_MS = 3_600_000;
const CLOSE_GRACE_MS = 5_000;
/** Ids per pruning transaction; the HTTP thread serves requests between them. */
const PRUNE_STEP_ROWS = 1_000;

export interface Relay {
  /** http://host:port as bound (port 0 resolved). */
  url: string;
  port: number;
  /** Deletes events older than the retention; resolves to how many. */
  prune: () => Promise<number>;
  /** Resolves if the checkpoint thread dies (the WAL would grow without bound) or the listener cannot reopen; the relay should exit. */
  failed: Promise<Error>;
  /** Stops accepting, answers what is in flight, commits, closes the database. */
  close: () => Promise<void>;
}

export interface RelayClock {
  now: () => number;
}

export async function startRelay(config: RelayConfig, clock: RelayClock = { now: Date.now }): Promise<Relay> {
  // This connection migrates, commits the events (group commit, on this thread), prunes and
  // serves the feed; the checkpoint thread opens its own, only to checkpoint.
  const store = new EventStore(config.db, { checkpoints: 'elsewhere' });
  let onFailure: (error: Error) => void = () => {};
  const failed = new Promise<Error>((resolve) => (onFailure = resolve));
  const checkpointer = new Checkpointer(config.db, (error) => onFailure(error));
  const { server, drain } = createRelayServer({
    store,
    commit: (events) => store.insertBatch(events),
    secrets: acceptedSecrets(config, store, clock.now()),
    feedKey: feedKey(config.secret),
    trustedProxies: parseTrustedProxies(config.trustedProxy),
    truncateIp: config.truncateIp,
    maxEventsPerIpPerMinute: config.maxEventsPerIpPerMinute,
    now: clock.now,
  });
  const prune = () => pruneInSteps(store, clock.now() - config.retentionDays * DAY_MS);
  const logPruneError = (error: Error) => console.error(`relay: pruning failed: ${error.message}`);
  prune().catch(logPruneError);
  const pruner = setInterval(() => prune().catch(logPruneError), PRUNE_EVERY_MS).unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  // From here a server error is either waited out (no file descriptors) or ends the relay.
  const backoff = backOffWhenOutOfDescriptors(server, port, config.host, (error) => onFailure(error));
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;

  return {
    url: `http://${host}:${port}`,
    port,
    prune,
    failed,
    close: async () => {
      clearInterval(pruner);
      backoff.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Busy keep-alive clients would hold close() open for ever; their events still commit below.
      const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS).unref();
      await closed;
      clearTimeout(force);
      await drain();
      await checkpointer.close();
      store.close();
    },
  };
}

/** Deletes events older than `cutoff` in short transactions, yielding to requests between them. */
async function pruneInSteps(store: EventStore, cutoff: number): Promise<number> {
  let deleted = 0;
  for (;;) {
    const step = store.pruneStep(cutoff, PRUNE_STEP_ROWS);
    deleted += step.deleted;
    if (!step.more) return deleted;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * The previous secret stays valid for its grace period, counted from the first start that
 * configured it (kept in the database, so restarts do not extend it).
 */
function acceptedSecrets(config: RelayConfig, store: EventStore, now: number): (at: number) => readonly SecretKey[] {
  const current = [parseSecret(config.secret)];
  if (config.previousSecret === undefined) return () => current;
  const previous = parseSecret(config.previousSecret);
  const firstSeen = Number(store.metaOnce(`previous-secret-seen:${secretFingerprint(previous)}`, () => String(now)));
  const until = firstSeen + config.previousSecretGraceDays * DAY_MS;
  const both = [...current, previous];
  return (at) => (at < until ? both : current);
}
