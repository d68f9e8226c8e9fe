import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay, type Relay } from '../../relay/relay';
import { generateSecret } from '../../relay/token';
import { testRelay } from './test-relay';

let dir: string;
let relay: Relay;
const secret = generateSecret();

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-test-relay-'));
  relay = await startRelay({
    port: 0, host: '127.0.0.1', db: path.join(dir, 'relay.db'), secret, previousSecret: undefined, previousSecretGraceDays: 30,
    retentionDays: 30, trustedProxy: [], truncateIp: false, maxEventsPerIpPerMinute: 600,
  });
});
afterAll(async () => {
  await relay.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A web server that is not a relay, answering every path with `status` and `body`. */
async function notARelay(status: number, body: string) {
  const server = createServer((_req, res) => res.writeHead(status, { 'content-type': 'text/html' }).end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(r)) };
}

describe('testRelay', () => {
  it('a running relay with the right secret passes', async () => {
    expect(await testRelay({ relayUrl: `${relay.url}/`, relaySecret: secret })).toEqual({
      ok: true, message: `the relay at ${relay.url} is reachable and accepts the secret`,
    });
  });

  it("tells what the relay says of this app's address once it accepted the secret, and only then", async () => {
    const learned: string[] = [];
    await testRelay({ relayUrl: relay.url, relaySecret: secret, learn: (ip) => learned.push(ip) });
    await testRelay({ relayUrl: relay.url, relaySecret: generateSecret(), learn: (ip) => learned.push(ip) });
    expect(learned).toEqual(['127.0.0.1']);
  });

  it('a wrong secret is named as such', async () => {
    expect(await testRelay({ relayUrl: relay.url, relaySecret: generateSecret() })).toEqual({
      ok: false, message: 'the relay refused the secret: check Preferences',
    });
  });

  it('a secret that is not a relay secret at all is named before any request', async () => {
    const r = await testRelay({ relayUrl: relay.url, relaySecret: 'hunter2' });
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/^the relay secret in Preferences is not valid: relay secret must be 32 bytes/);
  });

  it('nothing listening is unreachable', async () => {
    const gone = await notARelay(200, 'ok');
    const url = gone.url;
    await gone.close();
    expect(await testRelay({ relayUrl: url, relaySecret: secret })).toEqual({
      ok: false, message: `the relay at ${url} is not reachable (connection refused)`,
    });
  });

  it.each([
    [200, '<html>welcome</html>', '/healthz does not answer "ok"'],
    [404, 'not found', '/healthz answered HTTP 404'],
  ])('a web server that is not a relay (%i) is named as such', async (status, body, problem) => {
    const site = await notARelay(status, body);
    const r = await testRelay({ relayUrl: site.url, relaySecret: secret });
    await site.close();
    expect(r).toEqual({ ok: false, message: `${site.url} does not look like an Outpost relay (${problem})` });
  });

  it('a relay that does not answer in time is unreachable', async () => {
    const slow = createServer(() => {});
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`;
    const r = await testRelay({ relayUrl: url, relaySecret: secret, timeoutMs: 200 });
    slow.closeAllConnections();
    await new Promise((resolve) => slow.close(resolve));
    expect(r).toEqual({ ok: false, message: `the relay at ${url} is not reachable (no answer within the time limit)` });
  });

  it('asks for the URL and the secret first', async () => {
    expect((await testRelay({ relayUrl: ' ', relaySecret: secret })).message).toBe('enter the relay URL first');
    expect((await testRelay({ relayUrl: relay.url, relaySecret: '' })).message).toBe('enter the relay secret first');
  });
});
