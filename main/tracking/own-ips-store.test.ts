import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/open-database';
import { ownIpsStore } from './own-ips-store';

const T = Date.parse('2026-03-01T12:00:00Z');
const HOUR = 3_600_000;
let dir: string;
let db: Db;
let store: ReturnType<typeof ownIpsStore>;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-own-ips-'));
  db = openDatabase(dir);
  store = ownIpsStore(db);
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('own IP addresses', () => {
  it('learns an address once; seeing it again moves last seen on and keeps how it was learned', () => {
    store.learn('203.0.113.9', 'test', T);
    store.learn('203.0.113.9', 'sync', T + 2 * HOUR);
    store.learn('203.0.113.9', 'sync', T + HOUR);
    store.learn('2001:db8:7::', 'sync', T + HOUR);
    expect(store.list()).toEqual([
      { ip: '203.0.113.9', learnedFrom: 'test', firstSeenAt: T, lastSeenAt: T + 2 * HOUR },
      { ip: '2001:db8:7::', learnedFrom: 'sync', firstSeenAt: T + HOUR, lastSeenAt: T + HOUR },
    ]);
    expect(store.seen('203.0.113.9')).toEqual({ firstSeenAt: T, lastSeenAt: T + 2 * HOUR });
    expect(store.seen('198.51.100.1')).toBeNull();
  });

  it('never learns loopback or unspecified addresses, truncated ones included: a relay on this machine says nothing of the network', () => {
    for (const ip of ['127.0.0.1', '127.0.0.0', '0.0.0.0', '::1', '::', '0:0:0::']) store.learn(ip, 'sync', T);
    expect(store.list()).toEqual([]);
  });

  it('a removed address no longer counts, is not listed, and a later sync does not learn it again', () => {
    store.learn('203.0.113.9', 'test', T);
    expect(store.remove('203.0.113.9', T + HOUR)).toEqual({ removed: true });
    store.learn('203.0.113.9', 'sync', T + 2 * HOUR);
    expect(store.list()).toEqual([]);
    expect(store.seen('203.0.113.9')).toBeNull();
    expect(store.remove('203.0.113.9', T + 3 * HOUR)).toEqual({ removed: false });
  });

  it('removing an address it never learned is a clear error that changes nothing', () => {
    store.learn('203.0.113.9', 'test', T);
    expect(() => store.remove('198.51.100.7', T)).toThrow('198.51.100.7 is not one of your own addresses');
    expect(store.list()).toHaveLength(1);
  });
});
