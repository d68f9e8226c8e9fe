import { describe, expect, it, vi } from 'vitest';
import { invoke } from '../api/invoke';
import { dispatchInput } from '../api/schemas';
import { createCore } from '../app/core';
import { keyFileBox } from '../secrets/key-file-box';
import { freePort } from '../send/test-servers/free-port';
import { tempCore } from '../test/temp-core';
import type { ComposeSettings } from './compose';
import { setup } from './test-setup';

// create() queues 200 contacts, each later chunk 250.
const news = dispatchInput.parse({ filter: { purpose: 'newsletter' }, subject: 'News for {{first_name}}', bodyText: 'Hi {{name}}', tracking: 'off' });

/** A scheduler the test steps by hand; `never` drops the continuation, as a crash would. */
function steps() {
  const pending: (() => void)[] = [];
  return {
    schedule: (next: () => void) => void pending.push(next),
    waiting: () => pending.length,
    runOne: () => pending.shift()!(),
    runAll() {
      while (pending.length) pending.shift()!();
    },
  };
}

/** `n` newsletter contacts named in list order ("Client 000", ...), with the addresses given by index. */
function withContacts(n: number, over: Partial<ComposeSettings> = {}, queue: Parameters<typeof setup>[1] = {}, addressOf = (i: number) => `client${i}@example.com`) {
  const s = setup(over, queue);
  for (let i = 0; i < n; i++) s.add(`Client ${String(i).padStart(3, '0')}`, addressOf(i), ['newsletter']);
  return s;
}

type Db = ReturnType<typeof setup>['db'];
const count = (db: Db, sql: string) => (db.prepare(sql).get() as { n: number }).n;
/** Each contact's emails in the dispatch: [contacts with any, emails in all, recipient rows in all]. */
const coverage = (db: Db) => db.prepare(`SELECT count(DISTINCT r.contact_id) AS contacts, count(DISTINCT e.id) AS emails, count(*) AS recipients
  FROM emails e JOIN recipients r ON r.email_id = e.id`).get();
const statusOf = (db: Db, name: string) =>
  (db.prepare('SELECT r.status FROM recipients r JOIN contacts c ON c.id = r.contact_id WHERE c.name = ?').get(name) as { status: string }).status;

describe('a mail merge bigger than one chunk', () => {
  it('returns with the first chunk queued, then queues the rest once each, and is done only when all are', () => {
    const clock = steps();
    const kicks = vi.fn();
    const { db, merge } = withContacts(450, {}, { schedule: clock.schedule, onQueued: kicks });
    const d = merge.create(news);
    expect(d).toMatchObject({ status: 'sending', counts: { total: 200, queued: 200, toQueue: 250 } });
    expect(kicks).toHaveBeenCalledTimes(1);
    // Everything queued so far has been sent: the dispatch still waits for the rest of its list.
    db.prepare("UPDATE recipients SET send_state = 'done', status = 'Sent'").run();
    expect(merge.summary(d.id)).toMatchObject({ status: 'sending', counts: { sent: 200, toQueue: 250 } });
    clock.runAll();
    expect(kicks).toHaveBeenCalledTimes(2);
    expect(merge.summary(d.id)).toMatchObject({ status: 'sending', counts: { total: 450, queued: 250, sent: 200, toQueue: 0 } });
    expect(coverage(db)).toEqual({ contacts: 450, emails: 450, recipients: 450 });
    expect(db.prepare('SELECT body_text AS text FROM emails ORDER BY id DESC LIMIT 1').get()).toEqual({ text: 'Hi Client 449' });
    db.prepare("UPDATE recipients SET send_state = 'done', status = 'Sent'").run();
    expect(merge.summary(d.id).status).toBe('done');
  });

  it('queues the rest on later turns of the event loop by default', async () => {
    const { db, merge } = withContacts(700);
    const d = merge.create(news);
    expect(d.counts).toMatchObject({ total: 200, toQueue: 500 });
    await vi.waitFor(() => expect(merge.summary(d.id).counts).toMatchObject({ total: 700, queued: 700, toQueue: 0 }));
    expect(coverage(db)).toEqual({ contacts: 700, emails: 700, recipients: 700 });
  });

  it('queues a contact who joined the list mid-merge, before or after where it had got to', () => {
    const clock = steps();
    const { db, merge, add } = withContacts(700, {}, { schedule: clock.schedule });
    const d = merge.create(news);
    clock.runOne();
    expect(merge.summary(d.id).counts).toMatchObject({ total: 450, toQueue: 250 });
    // One sorts before the contacts already queued, one after.
    add('Aaron Early', 'aaron@example.com', ['newsletter']);
    add('Zed Late', 'zed@example.com', ['newsletter']);
    clock.runAll();
    expect(merge.summary(d.id).counts).toMatchObject({ total: 702, toQueue: 0 });
    expect(coverage(db)).toEqual({ contacts: 702, emails: 702, recipients: 702 });
  });

  it('a chunk that fails stores none of it, raises a notice, and a pause and resume carries on', () => {
    const clock = steps();
    const { db, merge } = withContacts(450, {}, { schedule: clock.schedule });
    const d = merge.create(news);
    db.exec(`CREATE TRIGGER full BEFORE INSERT ON emails BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    expect(() => clock.runAll()).not.toThrow();
    expect(merge.summary(d.id).counts).toMatchObject({ total: 200, toQueue: 250 });
    expect(db.prepare('SELECT kind, message FROM notices').all()).toEqual([
      { kind: 'dispatch_queuing', message: 'Queuing "News for {{first_name}}" stopped: database or disk is full. Pause and resume the dispatch to carry on.' },
    ]);
    db.exec('DROP TRIGGER full');
    merge.pause(d.id);
    merge.resume(d.id);
    clock.runAll();
    expect(merge.summary(d.id).counts).toMatchObject({ total: 450, toQueue: 0 });
    expect(coverage(db)).toEqual({ contacts: 450, emails: 450, recipients: 450 });
  });

  it("stores each merged body's links: the template's when fields sit only in text, each body's own when one sits in a link", () => {
    const { db, merge } = withContacts(3);
    const html = (link: string) => dispatchInput.parse({ filter: { purpose: 'newsletter' }, subject: 'Hi', format: 'html', tracking: 'opens_clicks',
      bodyText: 'Hi {{name}}', bodyHtml: `<p>Hi {{name}}, <a href="https://photos.example.com/${link}">your gallery</a></p>` });
    const linksOf = (dispatchId: number) => (db.prepare('SELECT links FROM emails WHERE dispatch_id = ? ORDER BY id').all(dispatchId) as { links: string }[]).map((r) => JSON.parse(r.links));
    const inText = merge.create(html('spring'));
    expect(linksOf(inText.id)).toEqual(Array(3).fill(['https://photos.example.com/spring']));
    const inLink = merge.create(html('{{first_name}}'));
    expect(linksOf(inLink.id)).toEqual([['https://photos.example.com/Client'], ['https://photos.example.com/Client'], ['https://photos.example.com/Client']]);
  });

  it('reports an address seen in an earlier chunk as Duplicate', () => {
    const clock = steps();
    // Client 010 (first chunk) and Client 420 (second) share an address.
    const { db, merge } = withContacts(450, {}, { schedule: clock.schedule }, (i) => (i === 420 ? 'CLIENT10@example.com' : `client${i}@example.com`));
    merge.create(news);
    clock.runAll();
    expect([statusOf(db, 'Client 010'), statusOf(db, 'Client 420')]).toEqual(['Unsent', 'Duplicate']);
  });

  it('after a crash between chunks, resumeQueuing() queues the rest once each, duplicates still named', () => {
    const { db, merge, merges } = withContacts(450, {}, { schedule: () => {} }, (i) => (i === 420 ? 'client10@example.com' : `client${i}@example.com`));
    const d = merge.create(news);
    expect(coverage(db)).toEqual({ contacts: 200, emails: 200, recipients: 200 });

    const clock = steps();
    const restarted = merges({ schedule: clock.schedule });
    restarted.resumeQueuing();
    clock.runAll();
    expect(restarted.summary(d.id).counts).toMatchObject({ total: 450, queued: 449, notSent: 1, toQueue: 0 });
    expect(coverage(db)).toEqual({ contacts: 450, emails: 450, recipients: 450 });
    expect(statusOf(db, 'Client 420')).toBe('Duplicate');
    // Nothing is left to resume.
    restarted.resumeQueuing();
    expect(clock.waiting()).toBe(0);
  });

  it('pause stops queuing and holds what is queued; resume releases it and queues the rest', () => {
    const clock = steps();
    const { db, merge } = withContacts(700, {}, { schedule: clock.schedule });
    const d = merge.create(news);
    expect(merge.pause(d.id)).toMatchObject({ status: 'paused', counts: { total: 200, held: 200, toQueue: 500 } });
    clock.runAll();
    expect(merge.summary(d.id)).toMatchObject({ status: 'paused', counts: { total: 200, held: 200, toQueue: 500 } });
    expect(merge.resume(d.id)).toMatchObject({ status: 'sending', counts: { total: 200, queued: 200, held: 0, toQueue: 500 } });
    clock.runAll();
    expect(merge.summary(d.id)).toMatchObject({ status: 'sending', counts: { total: 700, queued: 700, toQueue: 0 } });
    expect(coverage(db)).toEqual({ contacts: 700, emails: 700, recipients: 700 });
  });

  it('paused and resumed before its next chunk, keeps one run: no one twice, duplicates still named', () => {
    const clock = steps();
    // Client 300 (second chunk) and Client 600 (third) share an address.
    const { db, merge } = withContacts(700, {}, { schedule: clock.schedule }, (i) => (i === 600 ? 'client300@example.com' : `client${i}@example.com`));
    const d = merge.create(news);
    merge.pause(d.id);
    merge.resume(d.id);
    clock.runAll();
    expect(merge.summary(d.id).counts).toMatchObject({ total: 700, queued: 699, notSent: 1, toQueue: 0 });
    expect(coverage(db)).toEqual({ contacts: 700, emails: 700, recipients: 700 });
    expect(statusOf(db, 'Client 600')).toBe('Duplicate');
  });

  it('resume refuses, changing nothing, when the settings no longer let the rest be queued', () => {
    const clock = steps();
    const over: Partial<ComposeSettings> = {};
    const { merge } = withContacts(450, over, { schedule: clock.schedule });
    const d = merge.create(news);
    merge.pause(d.id);
    over.smtp = { host: '', fromAddress: '' };
    expect(() => merge.resume(d.id)).toThrow(/SMTP account/);
    expect(merge.summary(d.id)).toMatchObject({ status: 'paused', counts: { held: 200, toQueue: 250 } });
  });

  it('at the next start, a merge whose settings no longer let mail leave waits with a notice saying why', () => {
    const over: Partial<ComposeSettings> = {};
    const { db, merge, merges } = withContacts(450, over, { schedule: () => {} });
    const d = merge.create(news);
    over.smtp = { host: '', fromAddress: '' };
    const clock = steps();
    merges({ schedule: clock.schedule }).resumeQueuing();
    clock.runAll();
    expect(merge.summary(d.id)).toMatchObject({ status: 'sending', counts: { total: 200, toQueue: 250 } });
    expect(db.prepare('SELECT kind, message FROM notices').get()).toEqual({ kind: 'dispatch_queuing',
      message: expect.stringMatching(/^A dispatch stopped mid-merge waits: Set up your SMTP account .* Then pause and resume it\.$/) });
  });

  it('cancel stops queuing: the rest are never queued and the dispatch ends cancelled', () => {
    const clock = steps();
    const { db, merge } = withContacts(450, {}, { schedule: clock.schedule });
    const d = merge.create(news);
    expect(merge.cancel(d.id)).toMatchObject({ status: 'cancelled', counts: { total: 200, queued: 0, notSent: 200, toQueue: 0 } });
    clock.runAll();
    expect(merge.summary(d.id)).toMatchObject({ status: 'cancelled', counts: { total: 200, toQueue: 0 } });
    expect(count(db, 'SELECT count(*) AS n FROM emails')).toBe(200);
  });
});

describe('the app', () => {
  it('stops queuing when it closes and carries on at its next start', async () => {
    const first = tempCore();
    // A refused SMTP port: the sender started below sends nothing and keeps every copy queued.
    const port = await freePort();
    const saved = await invoke(first.handlers, 'preferences.save', { smtp: { host: '127.0.0.1', port, security: 'none', fromAddress: 'me@studio.example' }, imap: { host: '' }, tracking: { mode: 'off' } });
    expect(saved).toMatchObject({ ok: true });
    const contact = first.db.prepare("INSERT INTO contacts (name, created_at, updated_at) VALUES (?, 1, 1)");
    const address = first.db.prepare(`INSERT INTO addresses (contact_id, email, email_norm, purposes) VALUES (?, ?, ?, '["newsletter"]')`);
    for (let i = 0; i < 450; i++) address.run(contact.run(`Client ${i}`).lastInsertRowid, `c${i}@example.com`, `c${i}@example.com`);
    const created = await invoke(first.handlers, 'dispatches.create', news);
    expect(created).toMatchObject({ ok: true, value: { counts: { total: 200, toQueue: 250 } } });
    await first.close();
    await new Promise((r) => setImmediate(r)); // the chunk it had scheduled finds queuing stopped

    const again = createCore({ dataDir: first.dataDir, mode: 'browser', secretBox: keyFileBox, background: true });
    try {
      // Read before any later turn: what the closed app left.
      expect(count(again.db, 'SELECT count(*) AS n FROM emails')).toBe(200);
      expect(count(again.db, 'SELECT to_queue AS n FROM dispatches')).toBe(250);
      await vi.waitFor(async () => expect(await invoke(again.handlers, 'dispatches.get', { id: 1 })).toMatchObject({ ok: true, value: { counts: { total: 450, toQueue: 0 } } }));
    } finally {
      await again.close();
    }
  });
});
