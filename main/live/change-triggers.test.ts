import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LiveEvent } from '../api/contract';
import { invoke } from '../api/invoke';
import { tempCore } from '../test/temp-core';
import { until } from '../test/until';
import { createSender } from '../send/sender';
import { queueEmail } from '../send/test-servers/queue-email';
import { startSmtpSink } from '../send/test-servers/smtp-sink';
import { WATCHED, watchChanges } from './change-triggers';

const cores: ReturnType<typeof tempCore>[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()));
});

function listening() {
  const core = tempCore();
  cores.push(core);
  const heard: LiveEvent[] = [];
  core.live.subscribe((e) => heard.push(e));
  return { core, heard, all: () => ({ views: new Set(heard.flatMap((e) => e.views)), emailIds: new Set(heard.flatMap((e) => e.emailIds ?? [])) }) };
}

describe('changes reach the live bus from the writes themselves', () => {
  it('a new contact tells the contacts and the dashboard, in one event, naming no email', async () => {
    const { core, heard } = listening();
    await invoke(core.handlers, 'contacts.create', { name: 'Ann', addresses: [{ email: 'ann@example.com' }] });
    await until(() => heard.length > 0);
    expect(heard).toEqual([{ views: ['contacts', 'dashboard'], emailIds: [] }]);
  });

  it('a queued email, then the SMTP answer the sender records, name that email and its views', async () => {
    const { core, heard } = listening();
    const sink = await startSmtpSink();
    const { emailId } = queueEmail(core.db, { recipients: [{ address: 'ana@outpost.test' }, { kind: 'cc', address: 'cy@outpost.test' }] });
    await until(() => heard.length > 0);
    expect(heard).toEqual([{ views: expect.arrayContaining(['outbox', 'details', 'dashboard', 'dispatches']), emailIds: [emailId] }]);
    heard.length = 0;
    const sender = createSender({
      db: core.db,
      preferences: () => ({
        smtp: { host: '127.0.0.1', port: sink.port, security: 'none', username: '', password: '', fromName: '', fromAddress: 'me@outpost.test', maxConnections: 1, messagesPerMinute: 10_000 },
        imap: { host: '', port: 993, security: 'tls', username: '', password: '', sentFolder: 'Sent' },
        tracking: { relayUrl: '', relaySecret: '' },
      }),
    });
    sender.start();
    try {
      const sent = () => (core.db.prepare("SELECT count(*) AS n FROM recipients WHERE email_id = ? AND status = 'Sent'").get(emailId) as { n: number }).n === 2;
      await until(sent);
      await new Promise((r) => setTimeout(r, 300)); // past the bus's window after the last answer
      expect(heard.length).toBeGreaterThan(0);
      expect(heard.length).toBeLessThan(10); // gathered, not one per row written
      expect(heard.every((e) => e.emailIds !== null && e.emailIds.every((id) => id === emailId))).toBe(true);
      expect(heard.at(-1)!.views).toEqual(expect.arrayContaining(['details', 'outbox']));
    } finally {
      await sender.stop();
      await sink.close();
    }
  });

  it("a follow-up marked done tells the dashboard, naming its email", async () => {
    const { core, heard } = listening();
    const { emailId } = queueEmail(core.db, { recipients: [{ address: 'ana@outpost.test' }] });
    const id = Number(core.db.prepare("INSERT INTO reminders (email_id, unless, due_at, created_at) VALUES (?, 'replied', 0, 0)").run(emailId).lastInsertRowid);
    await until(() => heard.length > 0);
    await new Promise((r) => setTimeout(r, 200)); // past the bus's window
    heard.length = 0;
    await invoke(core.handlers, 'reminders.done', { id });
    await until(() => heard.length > 0);
    expect(heard).toEqual([{ views: ['dashboard'], emailIds: [emailId] }]);
  });

  it('a failing listener never fails the write that published', () => {
    const { core } = listening();
    const log = vi.fn();
    watchChanges(core.db, () => {
      throw new Error('listener broke');
    }, log);
    expect(() => core.db.prepare("INSERT INTO notices (kind, message, created_at) VALUES ('x', 'y', 1)").run()).not.toThrow();
    expect(log).toHaveBeenCalledTimes(1);
  });

  it('names only columns the schema has', () => {
    const { core } = listening();
    for (const w of WATCHED) expect(() => core.db.prepare(`SELECT ${(w.email ?? 'NULL').replaceAll('$', 't')} FROM ${w.table} AS t`)).not.toThrow();
  });
});
