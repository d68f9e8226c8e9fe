import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionTest, SetupChecklist } from '../api/contract';
import { invoke } from '../api/invoke';
import { startSmtpSink, type SmtpSink } from '../send/test-servers/smtp-sink';
import { tempCore } from '../test/temp-core';
import { checklistOf } from './setup-checks';

const none = { smtp: '', imap: '', relay: '' };

describe('first-run checklist (pure)', () => {
  it('is done only when each part is set up and its last test of that account passed', () => {
    expect(checklistOf(none, {}).done).toBe(false);
    expect(checklistOf(none, {}).items.map((i) => [i.kind, i.configured, i.done])).toEqual([['smtp', false, false], ['imap', false, false], ['relay', false, false]]);
    const targets = { smtp: 'me@a:587', imap: 'me@b:993', relay: 'https://r' };
    const passed = (target: string) => ({ ok: true, message: 'fine', target, at: 5 });
    const all = { smtp: passed('me@a:587'), imap: passed('me@b:993'), relay: passed('https://r') };
    expect(checklistOf(targets, all).done).toBe(true);
    // A test of another host does not count for the stored one.
    const moved = checklistOf({ ...targets, smtp: 'me@c:587' }, all);
    expect(moved.done).toBe(false);
    expect(moved.items[0]).toMatchObject({ configured: true, lastTest: null, done: false });
    // A failed test is shown, and is not done.
    const failed = checklistOf(targets, { ...all, imap: { ...passed('me@b:993'), ok: false, message: 'refused' } });
    expect(failed.items[1]).toMatchObject({ lastTest: { ok: false, message: 'refused', at: 5 }, done: false });
  });
});

describe('first-run checklist through the core', () => {
  let sink: SmtpSink;
  beforeAll(async () => (sink = await startSmtpSink()));
  afterAll(() => sink.close());

  it('tests the stored SMTP account and remembers the result for that account only', async () => {
    const core = tempCore();
    const value = async <T>(name: string, input: unknown): Promise<T> => {
      const r = await invoke(core.handlers, name, input);
      if (!r.ok) throw new Error(r.error.message);
      return r.value as T;
    };
    const list = () => value<SetupChecklist>('setup.checklist', {});
    const test = () => value<ConnectionTest>('setup.test', { kind: 'smtp' });
    expect((await list()).items.every((i) => !i.configured && !i.done)).toBe(true);
    expect(await test()).toEqual({ ok: false, message: 'Not set up yet: fill it in under Preferences first.' });

    await value('preferences.save', { smtp: { host: '127.0.0.1', port: sink.port, security: 'none', fromAddress: 'me@studio.example' }, imap: { host: '' }, tracking: { mode: 'off' } });
    expect((await list()).items[0]).toMatchObject({ kind: 'smtp', configured: true, lastTest: null, done: false });
    const tested = await test();
    expect(tested.ok).toBe(true);
    expect((await list()).items[0]).toMatchObject({ configured: true, done: true, lastTest: { ok: true, message: tested.message } });
    expect((await list()).done).toBe(false); // IMAP and the relay are still to do

    // Another port is another account: its test is still to be run.
    await value('preferences.save', { smtp: { host: '127.0.0.1', port: sink.port + 1, security: 'none', fromAddress: 'me@studio.example' }, imap: { host: '' }, tracking: { mode: 'off' } });
    expect((await list()).items[0]).toMatchObject({ configured: true, lastTest: null, done: false });
    await core.close();
  });
});
