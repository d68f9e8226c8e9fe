// The user's own IP addresses: learned from the relay's x-outpost-client-ip on each sync and each
// relay Test, listed in Preferences and removed there ("not mine"). apply-events asks when one was seen.
import { BlockList, isIPv4 } from 'node:net';
import type { OwnIp } from '../api/contract';
import { ApiError } from '../api/errors';
import type { Db } from '../db/open-database';
import { prepareAll } from '../store/prepare';
import type { OwnIpSeen } from './verdict';

// A relay on this very machine sees the app as loopback (or, truncated, as the unspecified address):
// that says nothing about the user's network, and learning it would make every open fetched over
// loopback (the tests' traffic) the user's own.
const NOT_THE_NETWORK = new BlockList();
NOT_THE_NETWORK.addSubnet('127.0.0.0', 8, 'ipv4');
NOT_THE_NETWORK.addAddress('0.0.0.0', 'ipv4');
NOT_THE_NETWORK.addAddress('::1', 'ipv6');
NOT_THE_NETWORK.addAddress('::', 'ipv6');

const SQL = {
  // A removed address stays removed: the user said it is not theirs.
  learn: `
    INSERT INTO own_ips (ip, first_seen_at, last_seen_at, learned_from) VALUES (:ip, :at, :at, :from)
    ON CONFLICT (ip) DO UPDATE SET first_seen_at = min(first_seen_at, excluded.first_seen_at),
      last_seen_at = max(last_seen_at, excluded.last_seen_at)
    WHERE removed_at IS NULL`,
  list: `
    SELECT ip, learned_from AS learnedFrom, first_seen_at AS firstSeenAt, last_seen_at AS lastSeenAt
    FROM own_ips WHERE removed_at IS NULL ORDER BY last_seen_at DESC, ip`,
  seen: `SELECT first_seen_at AS firstSeenAt, last_seen_at AS lastSeenAt FROM own_ips WHERE ip = ? AND removed_at IS NULL`,
  exists: `SELECT 1 FROM own_ips WHERE ip = ?`,
  remove: `UPDATE own_ips SET removed_at = ? WHERE ip = ? AND removed_at IS NULL`,
} as const;

export function ownIpsStore(db: Db) {
  const q = prepareAll(db, SQL);
  return {
    /** The relay saw this app at `ip` at `at`. Loopback and unspecified addresses are not learned. */
    learn(ip: string, from: OwnIp['learnedFrom'], at: number): void {
      if (NOT_THE_NETWORK.check(ip, isIPv4(ip) ? 'ipv4' : 'ipv6')) return;
      q.learn.run({ ip, at, from });
    },
    list: () => q.list.all() as OwnIp[],
    /** When the relay saw this app at `ip`; null unless it is a listed (not removed) own address. */
    seen: (ip: string) => (q.seen.get(ip) as OwnIpSeen | undefined) ?? null,
    /** "Not mine": events that arrive from now on are judged without it, and no sync learns it again. */
    remove(ip: string, at: number): { removed: boolean } {
      if (!q.exists.get(ip)) throw new ApiError('not_found', `${ip} is not one of your own addresses`);
      return { removed: q.remove.run(at, ip).changes > 0 };
    },
  };
}

export type OwnIpsStore = ReturnType<typeof ownIpsStore>;
