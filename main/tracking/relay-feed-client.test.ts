import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RelayConfig } from '../../relay/config';
import { CLIENT_IP_HEADER } from '../../relay/feed';
import { startRelay, type Relay } from '../../relay/relay';
import { generateSecret } from '../../relay/token';
import { behindProxy } from './behind-proxy.fixture';
import { clientIpHeader, fetchFeedPage } from './relay-feed-client';

let dir: string;
let relay: Relay | undefined;
const secret = generateSecret();

const config = (over: Partial<RelayConfig> = {}): RelayConfig => ({
  port: 0, host: '127.0.0.1', db: path.join(dir, 'relay.db'), secret, previousSecret: undefined, previousSecretGraceDays: 30,
  retentionDays: 30, trustedProxy: [], truncateIp: false, maxEventsPerIpPerMinute: 600, ...over,
});

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-feed-client-'));
});
afterEach(async () => {
  await relay?.close();
  relay = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the relay's word on this app's own address", () => {
  it('a real relay names the loopback peer, or behind a trusted proxy the client, truncated as it stores events', async () => {
    relay = await startRelay(config());
    expect((await fetchFeedPage({ relayUrl: relay.url, relaySecret: secret, after: null })).clientIp).toBe('127.0.0.1');
    await relay.close();
    relay = await startRelay(config({ trustedProxy: ['127.0.0.1'] }));
    const answer = await fetchFeedPage({ relayUrl: relay.url, relaySecret: secret, after: null, fetch: behindProxy('203.0.113.9') });
    expect(answer).toEqual({ page: { events: [], next: expect.any(String), more: false }, clientIp: '203.0.113.9' });
    await relay.close();
    relay = await startRelay(config({ trustedProxy: ['127.0.0.1'], truncateIp: true }));
    expect((await fetchFeedPage({ relayUrl: relay.url, relaySecret: secret, after: null, fetch: behindProxy('2001:db8:5:6::7') })).clientIp).toBe('2001:db8:5::');
  });

  it('keeps only one plain IPv4 or IPv6 address, and ignores anything else', () => {
    const read = (value?: string) => clientIpHeader(new Headers(value === undefined ? {} : { [CLIENT_IP_HEADER]: value }));
    expect(read('203.0.113.9')).toBe('203.0.113.9');
    expect(read(' 2001:db8::9 ')).toBe('2001:db8::9');
    for (const bad of [undefined, '', 'unknown', '203.0.113.9, 198.51.100.1', 'fe80::1%eth0', '203.0.113.256', `2001:db8::${'0'.repeat(60)}`]) {
      expect(read(bad), String(bad)).toBeNull();
    }
  });
});
