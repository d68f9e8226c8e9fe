// Pause, Resume and Cancel of a dispatch through the app's own wiring (core, the SMTP thread's pool)
// against a real SMTP server: what counts is what reaches the server after the button returns.
import { afterEach, describe, expect, it } from 'vitest';
import { invoke } from '../api/invoke';
import { dispatchInput } from '../api/schemas';
import { createCore, type Core } from '../app/core';
import { keyFileBox } from '../secrets/key-file-box';
import { tempDir } from '../test/temp-core';
import { until } from '../test/until';
import { startSmtpSink, type SmtpSink } from './test-servers/smtp-sink';

const CONTACTS = 40;
// 10 copies a second over 4 connections: the sender's window (16 copies) waits in the pool's queue.
const CONNECTIONS = 4;

let core: Core;
let sink: SmtpSink;

afterEach(async () => {
  await core?.close();
  await sink?.close();
});

async function start(): Promise<number> {
  sink = await startSmtpSink();
  core = createCore({ dataDir: tempDir(), mode: 'browser', secretBox: keyFileBox, background: true });
  const saved = await invoke(core.handlers, 'preferences.save', {
    smtp: { host: '127.0.0.1', port: sink.port, security: 'none', fromAddress: 'me@studio.example', maxConnections: CONNECTIONS, messagesPerMinute: 600 },
    imap: { host: '' }, tracking: { mode: 'off' },
  });
  expect(saved).toMatchObject({ ok: true });
  const contact = core.db.prepare("INSERT INTO contacts (name, created_at, updated_at) VALUES (?, 1, 1)");
  const address = core.db.prepare(`INSERT INTO addresses (contact_id, email, email_norm, purposes) VALUES (?, ?, ?, '["newsletter"]')`);
  for (let i = 0; i < CONTACTS; i++) address.run(contact.run(`Client ${i}`).lastInsertRowid, `c${i}@example.com`, `c${i}@example.com`);
  const created = await invoke(core.handlers, 'dispatches.create', dispatchInput.parse({ filter: { purpose: 'newsletter' }, subject: 'News', bodyText: 'Hi {{name}}', tracking: 'off' }));
  if (!created.ok) throw new Error(created.error.message);
  await until(() => sink.count() >= 2, 'the first copies to arrive');
  return (created.value as { id: number }).id;
}

const byState = () =>
  Object.fromEntries((core.db.prepare('SELECT send_state || \'/\' || status AS k, count(*) AS n FROM recipients GROUP BY k').all() as { k: string; n: number }[]).map((r) => [r.k, r.n]));
const noneInFlight = () => !('sending/Unsent' in byState());
const arrived = () => new Set(sink.received.map((m) => m.to[0]!.address)).size;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('dispatch control against a real SMTP server', () => {
  it('Pause: no further copy reaches the server (only those already in a conversation); Resume sends the rest, none twice', async () => {
    const id = await start();
    expect(await invoke(core.handlers, 'dispatches.pause', { id })).toMatchObject({ ok: true, value: { status: 'paused' } });
    const atPause = sink.count();
    await until(noneInFlight, 'the pool to give back what it had not started');
    await pause(1_500);
    const afterPause = sink.count();
    expect(afterPause).toBeLessThanOrEqual(atPause + CONNECTIONS);
    expect(afterPause).toBeLessThan(CONTACTS);
    expect(byState()).toEqual({ 'done/Sent': afterPause, 'held/Unsent': CONTACTS - afterPause });
    // Taken back before any server saw it: not an attempt.
    expect(core.db.prepare("SELECT count(*) AS n FROM recipients WHERE send_state = 'held' AND attempts > 0").get()).toEqual({ n: 0 });

    expect(await invoke(core.handlers, 'dispatches.resume', { id })).toMatchObject({ ok: true, value: { status: 'sending' } });
    await until(() => sink.count() >= CONTACTS, 'every copy after resume');
    await until(() => byState()['done/Sent'] === CONTACTS, 'every answer recorded');
    expect(sink.count()).toBe(CONTACTS);
    expect(arrived()).toBe(CONTACTS);
  });

  it('Cancel: none leaves afterwards, and every copy not sent ends Cancelled', async () => {
    const id = await start();
    const cancelled = await invoke(core.handlers, 'dispatches.cancel', { id });
    expect(cancelled).toMatchObject({ ok: true, value: { status: 'cancelled' } });
    const atCancel = sink.count();
    await until(noneInFlight, 'the pool to give back what it had not started');
    await pause(1_500);
    const sent = sink.count();
    expect(sent).toBeLessThanOrEqual(atCancel + CONNECTIONS);
    expect(byState()).toEqual({ 'done/Sent': sent, 'none/Cancelled': CONTACTS - sent });
    const reasons = core.db.prepare("SELECT DISTINCT status_reason AS r FROM recipients WHERE status = 'Cancelled'").all();
    expect(reasons).toEqual([{ r: 'not sent: you cancelled the dispatch before this copy left' }]);
    expect(await invoke(core.handlers, 'dispatches.get', { id })).toMatchObject({
      ok: true, value: { status: 'cancelled', counts: { total: CONTACTS, sent, cancelled: CONTACTS - sent, notSent: CONTACTS - sent, queued: 0, held: 0 } },
    });
    // Resend is not a way around a cancel: a Cancelled copy is final.
    const ids = (core.db.prepare("SELECT id FROM recipients WHERE status = 'Cancelled'").all() as { id: number }[]).map((r) => r.id);
    expect(await invoke(core.handlers, 'outbox.resend', { recipientIds: ids.slice(0, 3) })).toMatchObject({ ok: true, value: { queued: 0 } });
    await pause(500);
    expect(sink.count()).toBe(sent);
  });
});
