// What a hostile or unlucky network does to a running relay process: slow clients and running
// out of file descriptors. Seconds long (the limits are 10 s), so not in the fast suite.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { FeedPage } from './feed';
import { feedKey, generateSecret, pixelUrl } from './token';

let dir: string;
let secret: string;
const children: ChildProcess[] = [];
const sockets: Socket[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'outpost-relay-limits-'));
  secret = generateSecret();
});

afterEach(() => {
  for (const socket of sockets.splice(0)) socket.destroy();
  for (const child of children.splice(0)) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** `npm run relay` in its own process, optionally with a file-descriptor limit (`ulimit -n`). */
function startRelay(fdLimit?: number): Promise<{ child: ChildProcess; url: string; port: number; stderr: () => string }> {
  const node = `exec "${process.execPath}" --import tsx relay/cli.ts --port 0 --db "${join(dir, 'relay.db')}"`;
  const child = spawn('sh', ['-c', fdLimit === undefined ? node : `ulimit -n ${fdLimit} && ${node}`], {
    env: { ...process.env, RELAY_SECRET: secret, RELAY_MAX_EVENTS_PER_IP_PER_MINUTE: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+:(\d+))/.exec(out);
      if (match) resolve({ child, url: match[1]!, port: Number(match[2]), stderr: () => err });
    });
    child.once('exit', (code) => reject(new Error(`relay exited early (${code}): ${err}`)));
  });
}

/** Opens a connection, writes `text`, resolves with when the server closed it and what it answered. */
function hold(port: number, text: string, trickle?: string): Promise<{ closedAfterMs: number; response: string }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    sockets.push(socket);
    let response = '';
    let timer: NodeJS.Timeout | undefined;
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (response += chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ closedAfterMs: Date.now() - started, response });
    });
    socket.write(text);
    // One byte every half second: always "active", never finished.
    if (trickle !== undefined) timer = setInterval(() => socket.write(trickle), 500);
  });
}

it('drops clients that never finish their headers, or trickle them, after 10 s as the README says', async () => {
  const relay = await startRelay();
  const [silent, trickling] = await Promise.all([
    hold(relay.port, 'GET /healthz HTTP/1.1\r\nHost: r\r\n'),
    hold(relay.port, 'GET /healthz HTTP/1.1\r\nHost: r\r\n', 'X'),
  ]);
  for (const client of [silent, trickling]) {
    expect(client.closedAfterMs).toBeGreaterThanOrEqual(9_500);
    expect(client.closedAfterMs).toBeLessThan(12_000);
    expect(client.response).toMatch(/^HTTP\/1\.1 408 /);
  }
}, 30_000);

it('keeps serving when it runs out of file descriptors, and records again once they are free', async () => {
  // Enough descriptors to load its modules (the loader opens many at once: 64 failed at start,
  // once, in a fresh clone), far fewer than the flood below.
  const relay = await startRelay(256);
  // Far more connections than descriptors left, while the relay still starts its checkpoint
  // thread: accept() and the thread's own file opens fail with EMFILE.
  const flood = Array.from({ length: 400 }, () => {
    const socket = connect(relay.port, '127.0.0.1');
    socket.on('error', () => {});
    sockets.push(socket);
    return new Promise((resolve) => {
      socket.once('connect', resolve);
      socket.once('close', resolve);
    });
  });
  await Promise.all(flood);
  // The flood did exhaust its descriptors. Whether the relay hears of it is libuv's choice: when
  // its spare descriptor lets it drop every waiting connection, no failed accept() reaches Node.
  const open = () => readdirSync(`/proc/${relay.child.pid}/fd`).length;
  for (let waited = 0; waited < 10_000 && open() < 250; waited += 250) {
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  expect(open()).toBeGreaterThanOrEqual(250);
  expect(relay.child.exitCode, relay.stderr()).toBeNull();
  for (const socket of sockets.splice(0)) socket.destroy();

  // Back to normal: a pixel is answered and recorded.
  let status = 0;
  for (let attempt = 0; attempt < 40 && status !== 200; attempt++) {
    status = await fetch(pixelUrl(relay.url, secret, { emailId: 3, recipientId: 4 })).then((r) => r.status, () => 0);
    if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  expect(status).toBe(200);
  const page = (await (await fetch(`${relay.url}/v1/events`, { headers: { authorization: `Bearer ${feedKey(secret)}` } })).json()) as FeedPage;
  expect(page.events.map((e) => e.recipientId)).toContain(4);
  expect(relay.child.exitCode, relay.stderr()).toBeNull();
}, 30_000);
