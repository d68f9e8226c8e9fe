// The app killed (SIGKILL) in the middle of a merge, then started again on the same data: the
// transmit journal must tell the copies that never began to leave (queued again, sent once) from
// the few whose message was on its way when the app died (unknown, never sent again on their own).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createCore, type Core } from '../app/core';
import { keyFileBox } from '../secrets/key-file-box';
import { tempDir } from '../test/temp-core';
import { until } from '../test/until';
import { startSmtpSink, type SmtpSink } from './test-servers/smtp-sink';

const CONTACTS = 80;
const CONNECTIONS = 4;

let sink: SmtpSink;
let core: Core | null = null;

afterEach(async () => {
  await core?.close();
  await sink?.close();
});

it('after a kill -9 mid-merge, copies that never began are sent once; only those on their way are unknown', async () => {
  // Each message is taken at once and answered 150 ms later: at any moment a few copies have
  // fully arrived without the app knowing, the truly uncertain case.
  sink = await startSmtpSink({ answerDelayMs: 150 });
  const dataDir = tempDir();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'test-servers', 'crash-child.ts'), dataDir, String(sink.port), String(CONTACTS)], { stdio: 'inherit' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await until(() => sink.count() >= 20, 'a quarter of the merge to arrive', 30_000);
  child.kill('SIGKILL');
  await exited;
  const atKill = sink.count();

  core = createCore({ dataDir, mode: 'browser', secretBox: keyFileBox, background: true });
  const states = () => core!.db.prepare(`SELECT address, send_state, status, status_reason, attempts FROM recipients ORDER BY id`).all() as
    { address: string; send_state: string; status: string; status_reason: string; attempts: number }[];
  await until(() => states().length === CONTACTS && states().every((r) => r.send_state === 'done' || r.send_state === 'unknown'), 'the merge to finish', 30_000);

  const received = new Map<string, number>();
  for (const m of sink.received) received.set(m.to[0]!.address, (received.get(m.to[0]!.address) ?? 0) + 1);
  const unknown = states().filter((r) => r.send_state === 'unknown');
  const sent = states().filter((r) => r.send_state === 'done');
  // Nobody got the newsletter twice.
  expect([...received.values()].filter((n) => n > 1)).toEqual([]);
  // Only copies in a server conversation at the kill are uncertain: at most one per connection.
  expect(unknown.length).toBeLessThanOrEqual(CONNECTIONS);
  for (const r of unknown) expect(r.status_reason).toMatch(/began to go to the server, before the server answered/);
  // Every other copy was sent, exactly once, and recorded Sent.
  expect(sent.every((r) => r.status === 'Sent' && received.get(r.address) === 1)).toBe(true);
  expect(sink.count()).toBeGreaterThan(atKill);
  expect(sink.count()).toBe(sent.length + unknown.filter((r) => received.has(r.address)).length);
  const notice = core.db.prepare(`SELECT count FROM notices WHERE kind = 'send_unknown' AND seen_at IS NULL`).all();
  expect(notice).toEqual(unknown.length ? [{ count: unknown.length }] : []);
}, 90_000);
