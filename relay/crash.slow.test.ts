// kill -9 under load: every event the relay answered for must be there after a restart.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { FeedPage } from './feed';
import { feedKey, generateSecret, pixelUrl } from './token';

const CONNECTIONS = 20;
const MAX_REQUESTS = 20_000;
const LOAD_MS = 1_000;
const CYCLES = 4;
const children: ChildProcess[] = [];
const dir = mkdtempSync(join(tmpdir(), 'outpost-relay-crash-'));

afterEach(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function startRelay(db: string, secret: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'relay/cli.ts', '--port', '0', '--db', db], {
    env: { ...process.env, RELAY_SECRET: secret, RELAY_MAX_EVENTS_PER_IP_PER_MINUTE: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve({ child, url: match[1]! });
    });
    child.once('exit', (code) => reject(new Error(`relay exited early (${code})`)));
  });
}

/** Resolves true only when the whole GIF arrived: the relay has answered for the event. */
function fetchPixel(url: string, agent: Agent): Promise<boolean> {
  return new Promise((resolve) => {
    get(url, { agent }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve(res.statusCode === 200 && bytes === 43));
      res.on('error', () => resolve(false));
    }).on('error', () => resolve(false));
  });
}

/** Runs bounded load against the relay, kills it with -9 mid-load; returns the answered recipient ids. */
async function loadThenKill(relay: { child: ChildProcess; url: string }, secret: string, firstId: number): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const answered: number[] = [];
  let next = firstId;
  let killed = false;
  const worker = async () => {
    while (!killed && next < firstId + MAX_REQUESTS) {
      const recipientId = next++;
      if (await fetchPixel(pixelUrl(relay.url, secret, { emailId: 1, recipientId }), agent)) answered.push(recipientId);
    }
  };
  const load = Promise.all(Array.from({ length: CONNECTIONS }, worker));
  await new Promise((resolve) => setTimeout(resolve, LOAD_MS));
  const exited = new Promise((resolve) => relay.child.once('exit', resolve));
  relay.child.kill('SIGKILL');
  await exited;
  killed = true;
  await load;
  agent.destroy();
  return answered;
}

it('loses no answered event when killed with -9 under load', async () => {
  const db = join(dir, 'relay.db');
  const secret = generateSecret();
  const answered: number[] = [];
  for (let cycle = 0; cycle < CYCLES; cycle++) {
    answered.push(...(await loadThenKill(await startRelay(db, secret), secret, cycle * MAX_REQUESTS + 1)));
  }
  expect(answered.length).toBeGreaterThan(100 * CYCLES);

  const relay = await startRelay(db, secret);
  const stored = new Set<number>();
  let after = '';
  for (let page = 0; page < 1000; page++) {
    const res = await fetch(`${relay.url}/v1/events?limit=1000&after=${after}`, { headers: { authorization: `Bearer ${feedKey(secret)}` } });
    const body = (await res.json()) as FeedPage;
    for (const event of body.events) stored.add(event.recipientId);
    after = body.next;
    if (!body.more) break;
  }
  const lost = answered.filter((id) => !stored.has(id));
  expect(lost).toEqual([]);
  // Requests cut off by a kill may be stored without an answer, never the other way round.
  expect(stored.size).toBeGreaterThanOrEqual(answered.length);
  expect(stored.size).toBeLessThanOrEqual(answered.length + CONNECTIONS * CYCLES);
});
