// Over real HTTP: a real relay on 127.0.0.1, signed URLs fetched like a mail program would,
// then the app's sync. Plus a fake feed on loopback for answers a real relay never gives.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RelayConfig } from '../../relay/config';
import { startRelay, type Relay } from '../../relay/relay';
import { clickUrl, generateSecret, pixelUrl } from '../../relay/token';
import { behindProxy } from './behind-proxy.fixture';
import { createRelaySync, MAX_PAGES_PER_SYNC, type RelaySettings } from './relay-sync';
import { dropSentEmail, emailRow, recipientRow, sentEmail, type SentEmail } from './sent-email.fixture';

const APPLE_MAIL = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)';
const CHROME_WIN = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
const PRICES = 'https://studio.example/prices';

let relayDir: string;
let relay: Relay;
let secret: string;
let f: SentEmail;
let settings: RelaySettings;

const relayConfig = (port = 0): RelayConfig => ({
  port, host: '127.0.0.1', db: path.join(relayDir, 'relay.db'), secret, previousSecret: undefined, previousSecretGraceDays: 30,
  retentionDays: 30, trustedProxy: [], truncateIp: false, maxEventsPerIpPerMinute: 600,
});
const ids = () => ({ emailId: f.emailId, recipientId: f.clientId });
const open = (ua = APPLE_MAIL) => fetch(pixelUrl(relay.url, secret, ids()), { headers: { 'user-agent': ua } });
const click = () => fetch(clickUrl(relay.url, secret, { ...ids(), linkIndex: 1 }, PRICES), { headers: { 'user-agent': CHROME_WIN }, redirect: 'manual' });
const eventCount = () => (f.db.prepare(`SELECT count(*) AS n FROM tracking_events`).get() as { n: number }).n;
const cursor = () => (f.db.prepare(`SELECT cursor FROM relay_sync`).get() as { cursor: string } | undefined)?.cursor;

beforeEach(async () => {
  relayDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-sync-relay-'));
  secret = generateSecret();
  relay = await startRelay(relayConfig());
  // Sent an hour ago: a click seconds after delivery would be a link checker's.
  f = sentEmail(Date.now() - 3_600_000);
  settings = { mode: 'opens_clicks', relayUrl: relay.url, relaySecret: secret };
});

afterEach(async () => {
  await relay.close().catch(() => {});
  dropSentEmail(f);
  fs.rmSync(relayDir, { recursive: true, force: true });
});

describe('relay sync against a real relay', () => {
  it('brings an open and a click back: Opened, 1 view, the click with its URL, the email Read', async () => {
    expect((await open()).status).toBe(200);
    const redirect = await click();
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe(PRICES);

    const sync = createRelaySync({ db: f.db, settings: () => settings });
    const status = await sync.syncNow();
    expect(status).toMatchObject({ state: 'ok', lastError: null, eventsStored: 2 });
    expect(status.lastOkAt).toBeGreaterThan(f.sentAt);
    expect(recipientRow(f.db, f.clientId)).toMatchObject({ status: 'Opened', views: 1, clicks: 1 });
    expect(emailRow(f.db, f.emailId)).toMatchObject({ viewed: 'Read', totalViews: 1 });
    expect(f.db.prepare(`SELECT kind, method, link_index AS linkIndex, url, verdict, program, ip FROM tracking_events ORDER BY id`).all()).toEqual([
      { kind: 'open', method: 'GET', linkIndex: null, url: null, verdict: 'person', program: 'Apple Mail', ip: '127.0.0.1' },
      { kind: 'click', method: 'GET', linkIndex: 1, url: PRICES, verdict: 'person', program: 'Chrome on Windows', ip: '127.0.0.1' },
    ]);
    // Syncing again finds nothing new and changes nothing.
    expect((await sync.syncNow()).eventsStored).toBe(2);
    expect(recipientRow(f.db, f.clientId)).toMatchObject({ views: 1, clicks: 1 });
  });

  it("learns the app's own address from each sync, before judging the page: the user's open from it is self", async () => {
    const ownIps = () => f.db.prepare(`SELECT ip, learned_from AS learnedFrom FROM own_ips`).all();
    // On this machine the relay sees loopback: nothing is learned.
    await createRelaySync({ db: f.db, settings: () => settings }).syncNow();
    expect(ownIps()).toEqual([]);

    await relay.close();
    relay = await startRelay({ ...relayConfig(), trustedProxy: ['127.0.0.1'] });
    settings = { ...settings, relayUrl: relay.url };
    // The user's own open, and the app's sync, both from the user's network at 203.0.113.9.
    await behindProxy('203.0.113.9')(pixelUrl(relay.url, secret, ids()), { headers: { 'user-agent': APPLE_MAIL } });
    const sync = createRelaySync({ db: f.db, settings: () => settings, fetch: behindProxy('203.0.113.9') });
    expect((await sync.syncNow()).state).toBe('ok');
    expect(ownIps()).toEqual([{ ip: '203.0.113.9', learnedFrom: 'sync' }]);
    expect(f.db.prepare(`SELECT ip, verdict FROM tracking_events`).all()).toEqual([{ ip: '203.0.113.9', verdict: 'self' }]);
    expect(recipientRow(f.db, f.clientId)).toMatchObject({ status: 'Sent', views: 0 });
  });

  it('a relay that goes down is an error with a clear message, loses nothing, and is caught up after a restart', async () => {
    await open();
    const sync = createRelaySync({ db: f.db, settings: () => settings });
    await sync.syncNow();
    const savedCursor = cursor();
    const port = relay.port;
    await relay.close();

    const down = await sync.syncNow();
    expect(down.state).toBe('error');
    expect(down.lastError).toBe(`the relay at ${settings.relayUrl} is not reachable (connection refused)`);
    expect(down.eventsStored).toBe(1);
    expect(eventCount()).toBe(1);
    expect(cursor()).toBe(savedCursor);
    expect(recipientRow(f.db, f.clientId).views).toBe(1);
    expect(sync.status().state).toBe('error');

    relay = await startRelay(relayConfig(port));
    await open(CHROME_WIN);
    const back = await sync.syncNow();
    expect(back).toMatchObject({ state: 'ok', lastError: null, eventsStored: 2 });
    expect(recipientRow(f.db, f.clientId)).toMatchObject({ views: 2, lastProgram: 'Chrome on Windows' });
  });

  it('a wrong secret is refused with a message that points to Preferences', async () => {
    await open();
    settings = { ...settings, relaySecret: generateSecret() };
    const status = await createRelaySync({ db: f.db, settings: () => settings }).syncNow();
    expect(status).toMatchObject({ state: 'error', lastError: 'the relay refused the secret: check Preferences', eventsStored: 0 });
    expect(eventCount()).toBe(0);
  });

  it("hands a run's first counted open and click to onFirsts (the desktop notification), once ever", async () => {
    await open();
    await click();
    const told: string[][] = [];
    const sync = createRelaySync({ db: f.db, settings: () => settings, onFirsts: (firsts) => told.push(firsts.map((a) => `${a.kind} ${a.contact}`)) });
    await sync.syncNow();
    await open(CHROME_WIN);
    await sync.syncNow();
    expect(told).toEqual([['open Ana', 'click Ana']]);
    expect(eventCount()).toBe(3);
  });

  it('concurrent syncNow calls share one run', async () => {
    await open();
    let requests = 0;
    const counting: typeof fetch = (input, init) => {
      requests++;
      return fetch(input, init);
    };
    const sync = createRelaySync({ db: f.db, settings: () => settings, fetch: counting });
    const first = sync.syncNow();
    expect(sync.status().state).toBe('syncing');
    const [a, b, c] = await Promise.all([first, sync.syncNow(), sync.syncNow()]);
    expect(requests).toBe(1);
    expect([a.state, b.state, c.state]).toEqual(['ok', 'ok', 'ok']);
    expect(eventCount()).toBe(1);
  });

  it('is off when tracking is off or the relay is not set', async () => {
    await open();
    for (const s of [{ ...settings, mode: 'off' }, { ...settings, relayUrl: '' }, { ...settings, relaySecret: '' }]) {
      settings = s;
      const sync = createRelaySync({ db: f.db, settings: () => settings });
      expect(await sync.syncNow()).toEqual({ state: 'off', lastOkAt: null, lastTryAt: null, lastError: null, eventsStored: 0 });
    }
    expect(eventCount()).toBe(0);
  });

  it('configured but never synced is ok with no last sync, not off', () => {
    expect(createRelaySync({ db: f.db, settings: () => settings }).status()).toEqual({
      state: 'ok', lastOkAt: null, lastTryAt: null, lastError: null, eventsStored: 0,
    });
  });

  it('start() syncs on an interval until stop()', async () => {
    await open();
    const sync = createRelaySync({ db: f.db, settings: () => settings });
    sync.start(20);
    await expect.poll(() => eventCount(), { timeout: 5_000 }).toBe(1);
    sync.stop();
  });
});

/** A loopback server answering the feed path with whatever `answer` says; records each `after`. */
async function fakeFeed(answer: (after: string | null) => { status: number; body: string }) {
  const afters: (string | null)[] = [];
  const server: Server = createServer((req, res) => {
    const after = new URL(req.url ?? '/', 'http://x').searchParams.get('after');
    afters.push(after);
    const { status, body } = answer(after);
    res.writeHead(status, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, afters, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('relay sync against a relay that answers wrong', () => {
  const event = (n: number) => ({
    id: `fake.${n}`, kind: 'open', emailId: f.emailId, recipientId: f.clientId, at: new Date().toISOString(),
    ip: '203.0.113.9', userAgent: APPLE_MAIL, method: 'GET',
  });

  it('pages until more is false, passing each next as after', async () => {
    const feed = await fakeFeed((after) => {
      const n = after === null ? 1 : Number(after.split('.')[1]) + 1;
      return { status: 200, body: JSON.stringify({ events: [event(n)], next: `fake.${n}`, more: n < 3 }) };
    });
    settings = { ...settings, relayUrl: feed.url };
    const status = await createRelaySync({ db: f.db, settings: () => settings }).syncNow();
    await feed.close();
    expect(feed.afters).toEqual([null, 'fake.1', 'fake.2']);
    expect(status).toMatchObject({ state: 'ok', eventsStored: 3 });
    expect(recipientRow(f.db, f.clientId).views).toBe(3);
  });

  it('stops after a bounded number of pages per run, keeping the cursor for the next', async () => {
    const feed = await fakeFeed((after) => {
      const n = after === null ? 1 : Number(after.split('.')[1]) + 1;
      return { status: 200, body: JSON.stringify({ events: [event(n)], next: `fake.${n}`, more: true }) };
    });
    settings = { ...settings, relayUrl: feed.url };
    await createRelaySync({ db: f.db, settings: () => settings }).syncNow();
    await feed.close();
    expect(feed.afters).toHaveLength(MAX_PAGES_PER_SYNC);
    expect(cursor()).toBe(`fake.${MAX_PAGES_PER_SYNC}`);
  });

  it('a page the app cannot read stores nothing and names what was wrong', async () => {
    const feed = await fakeFeed(() => ({ status: 200, body: JSON.stringify({ events: [{ ...event(1), emailId: 'seven' }], next: 'fake.1', more: false }) }));
    settings = { ...settings, relayUrl: feed.url };
    const status = await createRelaySync({ db: f.db, settings: () => settings }).syncNow();
    await feed.close();
    expect(status.state).toBe('error');
    expect(status.lastError).toMatch(/^the relay at http:\/\/127\.0\.0\.1:\d+ answered an event page the app cannot read \(events\.0\.emailId: /);
    expect(eventCount()).toBe(0);
    expect(cursor()).toBeNull();
  });

  it.each([
    [404, 'not found', /has no event feed \(HTTP 404\): is it an Outpost relay\?$/],
    [503, '', /has a server error \(HTTP 503\)$/],
    [200, '<html>hello</html>', /answered something that is not JSON/],
  ])('HTTP %i is an error in words', async (code, body, message) => {
    const feed = await fakeFeed(() => ({ status: code, body }));
    settings = { ...settings, relayUrl: feed.url };
    const status = await createRelaySync({ db: f.db, settings: () => settings }).syncNow();
    await feed.close();
    expect(status.state).toBe('error');
    expect(status.lastError).toMatch(message);
    expect(eventCount()).toBe(0);
  });
});
