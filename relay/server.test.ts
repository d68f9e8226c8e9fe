import { request } from 'node:http';
import { connect } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RelayConfig } from './config';
import { CLIENT_IP_HEADER, type FeedPage } from './feed';
import { startRelay, type Relay } from './relay';
import { PIXEL_GIF } from './responses';
import { clickUrl, feedKey, generateSecret, pixelUrl } from './token';

const DAY = 86_400_000;
let dir: string;
let relay: Relay;
let secret: string;
let clock: number;

function config(overrides: Partial<RelayConfig> = {}): RelayConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    db: join(dir, 'relay.db'),
    secret,
    previousSecret: undefined,
    previousSecretGraceDays: 30,
    retentionDays: 30,
    trustedProxy: [],
    truncateIp: false,
    maxEventsPerIpPerMinute: 600,
    ...overrides,
  };
}

async function restart(overrides: Partial<RelayConfig> = {}): Promise<void> {
  await relay.close();
  relay = await startRelay(config(overrides), { now: () => clock });
}

async function feed(query = '', key = feedKey(secret)): Promise<FeedPage> {
  const res = await fetch(`${relay.url}/v1/events${query}`, { headers: { authorization: `Bearer ${key}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as FeedPage;
}

/** Raw request, for what fetch will not send (GET bodies, odd headers). */
function raw(path: string, headers: Record<string, string>, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${relay.url}${path}`, { headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Writes raw bytes on one connection; resolves with what came back and when the server closed it. */
function rawSocket(text: string): Promise<{ response: string; closedAfterMs: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(relay.port, '127.0.0.1');
    let response = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (response += chunk));
    socket.on('error', () => {});
    socket.on('close', () => resolve({ response, closedAfterMs: Date.now() - started }));
    socket.write(text);
  });
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'outpost-relay-test-'));
  secret = generateSecret();
  clock = Date.parse('2026-03-01T12:00:00.000Z');
  relay = await startRelay(config(), { now: () => clock });
});

afterEach(async () => {
  await relay.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('pixel', () => {
  it('records a signed open and answers the 43-byte GIF, uncached', async () => {
    const res = await fetch(pixelUrl(relay.url, secret, { emailId: 7, recipientId: 9 }), { headers: { 'user-agent': 'TestMail/1.0' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/gif');
    expect(res.headers.get('cache-control')).toContain('no-store');
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.length).toBe(43);
    expect(body.equals(PIXEL_GIF)).toBe(true);
    const { events } = await feed();
    expect(events).toEqual([
      expect.objectContaining({ kind: 'open', emailId: 7, recipientId: 9, ip: '127.0.0.1', userAgent: 'TestMail/1.0', method: 'GET', at: '2026-03-01T12:00:00.000Z' }),
    ]);
    expect(events[0]).not.toHaveProperty('url');
  });

  it('records HEAD requests as such', async () => {
    const res = await fetch(pixelUrl(relay.url, secret, { emailId: 1, recipientId: 2 }), { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect((await feed()).events.map((e) => e.method)).toEqual(['HEAD']);
  });

  it('answers forged, truncated and tampered tokens with the GIF and records nothing', async () => {
    const good = pixelUrl(relay.url, secret, { emailId: 1, recipientId: 2 });
    const token = good.slice(good.lastIndexOf('/') + 1);
    const bad = [
      pixelUrl(relay.url, generateSecret(), { emailId: 1, recipientId: 2 }),
      good.slice(0, -4),
      `${relay.url}/o/${token.slice(0, 3)}${token[3] === 'A' ? 'B' : 'A'}${token.slice(4)}`,
      `${relay.url}/o/`,
      `${relay.url}/o/${'x'.repeat(500)}`,
      `${relay.url}/o/${clickUrl(relay.url, secret, { emailId: 1, recipientId: 2, linkIndex: 0 }, 'https://a.example/').split('/c/')[1]}`,
    ];
    for (const url of bad) {
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(PIXEL_GIF)).toBe(true);
    }
    expect((await feed()).events).toEqual([]);
  });
});

describe('click', () => {
  const target = 'https://example.com/prices?season=2026&lang=en';

  it('records a signed click and redirects to its target', async () => {
    const res = await fetch(clickUrl(relay.url, secret, { emailId: 3, recipientId: 4, linkIndex: 2 }, target), { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(target);
    const { events } = await feed();
    expect(events).toEqual([expect.objectContaining({ kind: 'click', emailId: 3, recipientId: 4, linkIndex: 2, url: target, method: 'GET' })]);
  });

  it('never redirects to a tampered target and records nothing', async () => {
    const url = clickUrl(relay.url, secret, { emailId: 3, recipientId: 4, linkIndex: 0 }, target);
    const token = new URL(url).pathname.slice(3);
    const attempts = [
      url.replace('example.com', 'evil.example'),
      `${relay.url}/c/${token}?u=${encodeURIComponent('https://evil.example/')}`,
      `${relay.url}/c/${token}`,
      `${relay.url}/c/${token.slice(0, -2)}?u=${encodeURIComponent(target)}`,
      clickUrl(relay.url, generateSecret(), { emailId: 3, recipientId: 4, linkIndex: 0 }, 'https://evil.example/'),
    ];
    for (const attempt of attempts) {
      const res = await fetch(attempt, { redirect: 'manual' });
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(res.headers.get('content-type')).toContain('text/plain');
    }
    expect((await feed()).events).toEqual([]);
  });

  it('records HEAD from link scanners and still redirects', async () => {
    const res = await fetch(clickUrl(relay.url, secret, { emailId: 3, recipientId: 4, linkIndex: 0 }, target), { method: 'HEAD', redirect: 'manual' });
    expect(res.status).toBe(302);
    expect((await feed()).events.map((e) => [e.kind, e.method])).toEqual([['click', 'HEAD']]);
  });
});

describe('feed', () => {
  it('refuses missing and wrong keys', async () => {
    expect((await fetch(`${relay.url}/v1/events`)).status).toBe(401);
    const wrong = await fetch(`${relay.url}/v1/events`, { headers: { authorization: `Bearer ${feedKey(generateSecret())}` } });
    expect(wrong.status).toBe(401);
    const rawSecret = await fetch(`${relay.url}/v1/events`, { headers: { authorization: `Bearer ${secret}` } });
    expect(rawSecret.status).toBe(401);
  });

  it('pages in commit order with stable ids and a cursor', async () => {
    for (let r = 1; r <= 5; r++) await fetch(pixelUrl(relay.url, secret, { emailId: 1, recipientId: r }));
    const first = await feed('?limit=2');
    expect(first.events.map((e) => e.recipientId)).toEqual([1, 2]);
    expect(first.more).toBe(true);
    expect(first.next).toBe(first.events[1]!.id);
    const second = await feed(`?after=${first.next}&limit=2`);
    const third = await feed(`?after=${second.next}&limit=2`);
    expect([...second.events, ...third.events].map((e) => e.recipientId)).toEqual([3, 4, 5]);
    expect(third.more).toBe(false);
    const again = await feed('?limit=5');
    expect(again.events.map((e) => e.id)).toEqual([...first.events, ...second.events, ...third.events].map((e) => e.id));
    expect(new Set(again.events.map((e) => e.id)).size).toBe(5);
    const empty = await feed(`?after=${third.next}`);
    expect(empty).toEqual({ events: [], next: third.next, more: false });
  });

  it('keeps ids across restarts and restarts a cursor from another database', async () => {
    await fetch(pixelUrl(relay.url, secret, { emailId: 1, recipientId: 1 }));
    const before = await feed();
    await restart();
    await fetch(pixelUrl(relay.url, secret, { emailId: 1, recipientId: 2 }));
    const after = await feed(`?after=${before.next}`);
    expect(after.events.map((e) => e.recipientId)).toEqual([2]);
    expect((await feed('?after=someOtherDb.99')).events.map((e) => e.recipientId)).toEqual([1, 2]);
  });

  it('tells the requester its address exactly as its own events are stored (trusted proxy, truncation)', async () => {
    const ask = (forwardedFor: string, key = feedKey(secret)) =>
      fetch(`${relay.url}/v1/events`, { headers: { authorization: `Bearer ${key}`, 'x-forwarded-for': forwardedFor } });
    const pixel = new URL(pixelUrl(relay.url, secret, { emailId: 1, recipientId: 1 })).pathname;
    // No trusted proxy: X-Forwarded-For is the client's word and proves nothing.
    expect((await ask('198.51.100.23')).headers.get(CLIENT_IP_HEADER)).toBe('127.0.0.1');
    await restart({ trustedProxy: ['127.0.0.1'], truncateIp: true });
    const page = await ask('6.6.6.6, 198.51.100.23');
    expect(page.status).toBe(200);
    expect(page.headers.get(CLIENT_IP_HEADER)).toBe('198.51.100.0');
    await raw(pixel, { 'x-forwarded-for': '6.6.6.6, 198.51.100.23' });
    expect((await feed()).events.map((e) => e.ip)).toEqual([page.headers.get(CLIENT_IP_HEADER)]);
    const refused = await ask('2001:db8:7:8::9', feedKey(generateSecret()));
    expect(refused.status).toBe(401);
    expect(refused.headers.get(CLIENT_IP_HEADER)).toBe('2001:db8:7::');
  });

  it('refuses bad paging parameters', async () => {
    for (const query of ['?limit=0', '?limit=5000', '?limit=x', '?after=nonsense']) {
      const res = await fetch(`${relay.url}/v1/events${query}`, { headers: { authorization: `Bearer ${feedKey(secret)}` } });
      expect(res.status).toBe(400);
    }
  });
});

describe('retention and secrets', () => {
  it('prunes events older than the retention and keeps newer ones', async () => {
    await fetch(pixelUrl(relay.url, secret, { emailId: 1, recipientId: 1 }));
    clock += 20 * DAY;
    await fetch(pixelUrl(relay.url, secret, { emailId: 1, recipientId: 2 }));
    clock += 11 * DAY;
    expect(await relay.prune()).toBe(1);
    const { events } = await feed();
    expect(events.map((e) => e.recipientId)).toEqual([2]);
    clock += 20 * DAY;
    expect(await relay.prune()).toBe(1);
    expect((await feed()).events).toEqual([]);
    await fetch(pixelUrl(relay.url, secret, { emailId: 1, recipientId: 3 }));
    const next = await feed(`?after=${events[0]!.id}`);
    expect(next.events.map((e) => e.recipientId)).toEqual([3]);
  });

  it('accepts the previous secret only during its grace period, counted from first use', async () => {
    const previous = secret;
    secret = generateSecret();
    await restart({ previousSecret: previous, previousSecretGraceDays: 10 });
    await fetch(pixelUrl(relay.url, previous, { emailId: 1, recipientId: 1 }));
    await fetch(pixelUrl(relay.url, secret, { emailId: 1, recipientId: 2 }));
    clock += 9 * DAY;
    await restart({ previousSecret: previous, previousSecretGraceDays: 10 });
    await fetch(pixelUrl(relay.url, previous, { emailId: 1, recipientId: 3 }));
    clock += 2 * DAY;
    await fetch(pixelUrl(relay.url, previous, { emailId: 1, recipientId: 4 }));
    const res = await fetch(clickUrl(relay.url, previous, { emailId: 1, recipientId: 5, linkIndex: 0 }, 'https://a.example/'), { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect((await feed()).events.map((e) => e.recipientId)).toEqual([1, 2, 3]);
  });
});

describe('abuse limits', () => {
  it('caps recorded events per IP and minute but still answers', async () => {
    await restart({ maxEventsPerIpPerMinute: 3 });
    for (let r = 1; r <= 5; r++) {
      expect((await fetch(pixelUrl(relay.url, secret, { emailId: 1, recipientId: r }))).status).toBe(200);
    }
    expect((await feed()).events).toHaveLength(3);
    clock += 60_000;
    await fetch(pixelUrl(relay.url, secret, { emailId: 1, recipientId: 6 }));
    expect((await feed()).events).toHaveLength(4);
  });

  it('reads the client from X-Forwarded-For only behind a trusted proxy, and truncates on request', async () => {
    const url = new URL(pixelUrl(relay.url, secret, { emailId: 1, recipientId: 1 }));
    await raw(url.pathname, { 'x-forwarded-for': '198.51.100.23' });
    await restart({ trustedProxy: ['127.0.0.1'], truncateIp: true });
    await raw(url.pathname, { 'x-forwarded-for': '6.6.6.6, 198.51.100.23' });
    expect((await feed()).events.map((e) => e.ip)).toEqual(['127.0.0.1', '198.51.100.0']);
  });

  it('answers a body on GET or HEAD with 413 and closes the connection at once, whatever is still to come', async () => {
    for (const head of ['GET /healthz', 'HEAD /o/x', 'GET /o/x']) {
      const partial = await rawSocket(`${head} HTTP/1.1\r\nHost: r\r\nContent-Length: 100\r\n\r\nabc`);
      expect(partial.response).toMatch(/^HTTP\/1\.1 413 /);
      expect(partial.response.toLowerCase()).toContain('connection: close');
      expect(partial.closedAfterMs).toBeLessThan(1_000);
      const chunked = await rawSocket(`${head} HTTP/1.1\r\nHost: r\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n`);
      expect(chunked.response).toMatch(/^HTTP\/1\.1 413 /);
      expect(chunked.closedAfterMs).toBeLessThan(1_000);
    }
  });

  it('closes the connection after refusing another method that came with an unfinished body', async () => {
    const post = await rawSocket('POST /o/x HTTP/1.1\r\nHost: r\r\nContent-Length: 100\r\n\r\nabc');
    expect(post.response).toMatch(/^HTTP\/1\.1 405 /);
    expect(post.closedAfterMs).toBeLessThan(1_000);
  });

  it('refuses bodies, other methods, long URLs and serves health', async () => {
    const path = new URL(pixelUrl(relay.url, secret, { emailId: 1, recipientId: 1 })).pathname;
    expect(await raw(path, { 'content-length': '5' }, 'hello')).toBe(413);
    expect((await fetch(`${relay.url}${path}`, { method: 'POST', body: 'x' })).status).toBe(405);
    expect((await fetch(`${relay.url}/o/${'a'.repeat(9000)}`)).status).toBe(414);
    expect(await raw('/o/x', { 'x-big': 'a'.repeat(20_000) })).toBe(431);
    expect((await fetch(`${relay.url}/nothing`)).status).toBe(404);
    const health = await fetch(`${relay.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.text()).toBe('ok\n');
    expect((await feed()).events).toEqual([]);
  });
});
