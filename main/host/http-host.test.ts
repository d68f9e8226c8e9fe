import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempCore, tempDir } from '../test/temp-core';
import { invoke } from '../api/invoke';
import { createCore } from '../app/core';
import { keyFileBox } from '../secrets/key-file-box';
import { startHttpHost, type RunningHost } from './http-host';

let host: RunningHost;
const core = tempCore();
const rendererDir = tempDir('outpost-renderer-');
fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Outpost</title>');
fs.writeFileSync(path.join(core.dataDir, 'not-public.txt'), 'private');

beforeAll(async () => {
  host = await startHttpHost({ handlers: core.handlers, rendererDir, log: { error: () => {} } });
});
afterAll(() => host.close());

/** Raw requests, so the test controls headers (fetch would forbid setting Host). */
function request(opts: { path: string; method?: string; headers?: Record<string, string>; body?: string }) {
  const url = new URL(host.url);
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: opts.path, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}
const auth = () => ({ authorization: `Bearer ${host.token}`, 'content-type': 'application/json' });

describe('loopback host', () => {
  it('serves the contract to the launch token holder', async () => {
    const res = await request({ path: '/api/call/contacts.create', method: 'POST', headers: auth(), body: JSON.stringify({ name: 'Eve' }) });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { name: 'Eve' } });
    expect(host.openUrl).toBe(`${host.url}#token=${host.token}`);
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('refuses calls without the token, with a wrong one, or without a JSON content type, and changes nothing', async () => {
    const body = JSON.stringify({ name: 'Mallory' });
    expect((await request({ path: '/api/call/contacts.create', method: 'POST', headers: { 'content-type': 'application/json' }, body })).status).toBe(401);
    expect((await request({ path: '/api/call/contacts.create', method: 'POST', headers: { ...auth(), authorization: 'Bearer nope' }, body })).status).toBe(401);
    expect((await request({ path: '/api/call/contacts.create', method: 'POST', headers: { authorization: `Bearer ${host.token}`, 'content-type': 'text/plain' }, body })).status).toBe(415);
    expect((await request({ path: '/api/call/contacts.create', method: 'GET', headers: auth() })).status).toBe(405);
    expect(core.db.prepare("SELECT count(*) AS n FROM contacts WHERE name = 'Mallory'").get()).toEqual({ n: 0 });
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const res = await request({ path: '/api/call/app.info', method: 'POST', headers: { ...auth(), host: 'evil.example:80' }, body: '{}' });
    expect(res.status).toBe(421);
  });

  it('answers malformed JSON and oversized bodies with a clear error', async () => {
    const bad = await request({ path: '/api/call/contacts.list', method: 'POST', headers: auth(), body: '{"search":' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const small = await startHttpHost({ handlers: core.handlers, rendererDir, maxBodyBytes: 100, log: { error: () => {} } });
    const url = new URL(small.url);
    // Declared too large, and streamed without a length until it passes the limit: both 413 JSON, no reset.
    const declared = await fetch(`${small.url}api/call/contacts.list`, { method: 'POST', headers: { authorization: `Bearer ${small.token}`, 'content-type': 'application/json', host: url.host }, body: JSON.stringify({ search: 'x'.repeat(500) }) });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('larger than 100 bytes') } });
    const streamed = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request({ host: url.hostname, port: url.port, path: '/api/call/contacts.list', method: 'POST', headers: { authorization: `Bearer ${small.token}`, 'content-type': 'application/json' } }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject);
      for (let i = 0; i < 64; i++) req.write('x'.repeat(64 * 1024)); // 4 MB, chunked
      req.end();
    });
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await small.close();
  });

  it('answers a malformed escape in the call name, and a foreign Host, with JSON', async () => {
    const bad = await request({ path: '/api/call/%', method: 'POST', headers: auth(), body: '{}' });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/json');
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    const page = await request({ path: '/%E0%A4%A' });
    expect(page.status).toBe(400);
    expect(JSON.parse(page.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const foreign = await request({ path: '/api/call/app.info', method: 'POST', headers: { ...auth(), host: 'evil.example:80' }, body: '{}' });
    expect(JSON.parse(foreign.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('serves the renderer with a strict CSP, falls back to index.html, and never leaves its folder', async () => {
    const index = await request({ path: '/' });
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>Outpost</title>');
    expect(index.headers['content-security-policy']).toContain("default-src 'self'");
    expect((await request({ path: '/some/route' })).body).toContain('<title>Outpost</title>');
    const escape = await request({ path: `/..%2f${path.basename(core.dataDir)}%2fnot-public.txt` });
    expect(escape.body).not.toContain('private');
  });
});

describe('live stream (server-sent events)', () => {
  /** Opens /api/live and collects its text as it arrives; `close` hangs up like a closed page. */
  function follow(target: RunningHost, token = target.token) {
    const url = new URL(target.url);
    let text = '';
    return new Promise<{ status: number; body: () => string; type: string | undefined; close: () => void }>((resolve, reject) => {
      const req = http.get({ host: url.hostname, port: url.port, path: '/api/live', headers: { authorization: `Bearer ${token}` } }, (res) => {
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        resolve({ status: res.statusCode!, body: () => text, type: res.headers['content-type'], close: () => req.destroy() });
      });
      req.on('error', (err) => (text.length ? undefined : reject(err)));
    });
  }
  const waitFor = async (check: () => boolean) => {
    for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
    expect(check()).toBe(true);
  };

  it('is refused without the launch token, carries each change to the token holder, and frees its place when the page closes', async () => {
    const live = await startHttpHost({ handlers: core.handlers, rendererDir, log: { error: () => {} }, live: { subscribe: core.live.subscribe, maxClients: 1 } });
    try {
      const refused = await follow(live, 'nope');
      expect(refused.status).toBe(401);
      await waitFor(() => refused.body().includes('unauthorized'));

      const page = await follow(live);
      expect(page.status).toBe(200);
      expect(page.type).toContain('text/event-stream');
      await invoke(core.handlers, 'contacts.create', { name: 'Live Lou' });
      await waitFor(() => page.body().includes('data: '));
      const event = JSON.parse(/^data: (.+)$/m.exec(page.body())![1]!);
      expect(event).toEqual({ views: ['contacts', 'dashboard'], emailIds: [] });

      // One place only: a second page is told so; once the first closes, the place is free again.
      expect((await follow(live)).status).toBe(503);
      page.close();
      let again = await follow(live);
      for (let i = 0; i < 50 && again.status === 503; i++) {
        await new Promise((r) => setTimeout(r, 20));
        again = await follow(live);
      }
      expect(again.status).toBe(200);
      again.close();
    } finally {
      await live.close();
    }
  });

  it("carries the core's notifications as named events: a follow-up that came due reaches the page as it connects", async () => {
    // The email leaves now; the page connects two days later.
    let daysOn = 0;
    const later = createCore({ dataDir: tempDir(), mode: 'browser', secretBox: keyFileBox, now: () => Date.now() + daysOn * 86_400_000 });
    await invoke(later.handlers, 'preferences.save', { smtp: { host: 'smtp.example.com', fromAddress: 'me@studio.example' }, imap: { host: '' }, tracking: { mode: 'off' } });
    const sent = await invoke(later.handlers, 'emails.send', { to: [{ address: 'ann@client.example' }], subject: 'Proofs', bodyText: 'Hello', tracking: 'off', remind: { unless: 'replied', days: 1 } });
    daysOn = 2;
    const live = await startHttpHost({ handlers: later.handlers, rendererDir, log: { error: () => {} }, live: { subscribe: later.live.subscribe, notifications: later.notifications.subscribe } });
    try {
      const page = await follow(live);
      await waitFor(() => page.body().includes('event: notification'));
      const frame = /^event: notification\ndata: (.+)$/m.exec(page.body());
      expect(JSON.parse(frame![1]!)).toEqual({
        action: 'show',
        notification: expect.objectContaining({ title: 'Follow up: ann@client.example hasn\'t replied to “Proofs” in 2 days', opens: { emailId: (sent as { value: { emailId: number } }).value.emailId } }),
      });
      page.close();
    } finally {
      await live.close();
      await later.close();
    }
  });

  it('sends a keep-alive comment while nothing changes', async () => {
    const live = await startHttpHost({ handlers: core.handlers, rendererDir, log: { error: () => {} }, live: { subscribe: core.live.subscribe, keepAliveMs: 30 } });
    try {
      const page = await follow(live);
      await waitFor(() => page.body().includes(': keep-alive'));
      page.close();
    } finally {
      await live.close();
    }
  });
});
