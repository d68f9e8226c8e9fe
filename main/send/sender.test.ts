import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateSecret, parseSecret, verifyOpenToken } from '../../relay/token';
import type { Db } from '../db/open-database';
import { suppressions } from '../failed/suppressions';
import { outboxDetails } from '../store/outbox-details';
import { tempCore, tempDir } from '../test/temp-core';
import { createSender, type Sender } from './sender';
import type { SendSettings } from './settings';
import { freePort } from './test-servers/free-port';
import { queueEmail } from './test-servers/queue-email';
import { startScriptedSmtp } from './test-servers/scripted-smtp';
import { startSmtpSink, type SinkOptions, type SmtpSink } from './test-servers/smtp-sink';
import type { RetryPolicy } from './retry-policy';
import { journalWriter, resetJournal } from './transmit-journal';
import { until } from '../test/until';

const RELAY = 'https://relay.outpost.test';
const SECRET = generateSecret();
const FAST: RetryPolicy = { maxAttempts: 3, firstDelayMs: 20, factor: 2, queueFirstDelayMs: 50, queueMaxDelayMs: 200 };

let core: ReturnType<typeof tempCore>;
let db: Db;
let sink: SmtpSink;
let sender: Sender | null;
let settings: SendSettings;

async function setup(options: SinkOptions = {}) {
  sink = await startSmtpSink(options);
  settings = {
    smtp: { host: '127.0.0.1', port: sink.port, security: 'none', username: options.login?.user ?? '', password: options.login?.pass ?? '',
      fromName: 'Sam Studio', fromAddress: 'studio@outpost.test', maxConnections: 2, messagesPerMinute: 10_000 },
    imap: { host: '', port: 993, security: 'tls', username: '', password: '', sentFolder: 'Sent' },
    tracking: { relayUrl: RELAY, relaySecret: SECRET },
  };
}

function startSender(extra: Partial<Parameters<typeof createSender>[0]> = {}): Sender {
  sender = createSender({ db, preferences: () => settings, retry: FAST, ...extra });
  sender.start();
  return sender;
}

const rows = (emailId: number) =>
  db.prepare(`SELECT id, address, kind, status, status_reason, bounce_class, send_state, attempts, smtp_reply, token, copy_id FROM recipients WHERE email_id = ? ORDER BY id`).all(emailId) as {
    id: number; address: string; kind: string; status: string; status_reason: string; bounce_class: string | null; send_state: string; attempts: number;
    smtp_reply: string | null; token: string | null; copy_id: string;
  }[];


const people = (header: unknown) => (header as { value: { name: string; address: string }[] }).value.map((v) => [v.name, v.address]);

const settled = (emailId: number) => () => rows(emailId).every((r) => !['queued', 'sending'].includes(r.send_state));

beforeEach(() => {
  core = tempCore();
  db = core.db;
  sender = null;
});

afterEach(async () => {
  await sender?.stop();
  await sink?.close();
  await core.close();
});

describe('sender against an in-process SMTP server', () => {
  it('sends one copy per recipient: own envelope, same visible headers, Bcc invisible, own pixel', async () => {
    await setup();
    const html = '<html><body><p>Hi</p><a href="https://photos.test/gallery">Gallery</a></body></html>';
    const { emailId } = queueEmail(db, {
      html, tracking: 'opens_clicks',
      recipients: [
        { kind: 'to', address: 'ana@outpost.test', name: 'Ana' }, { kind: 'to', address: 'ben@outpost.test' },
        { kind: 'to', address: 'ana@outpost.test' }, // a Duplicate, never sent
        { kind: 'cc', address: 'cy@outpost.test', name: 'Cy' }, { kind: 'bcc', address: 'dee@outpost.test' },
      ],
    });
    startSender();
    await until(settled(emailId));
    expect(sink.received).toHaveLength(4);
    expect(sink.received.map((m) => m.to.map((t) => t.address)).sort()).toEqual([['ana@outpost.test'], ['ben@outpost.test'], ['cy@outpost.test'], ['dee@outpost.test']]);
    const parsed = await Promise.all(sink.received.map((m) => simpleParser(m.raw)));
    const messageId = (db.prepare('SELECT message_id FROM emails WHERE id = ?').get(emailId) as { message_id: string }).message_id;
    const key = parseSecret(SECRET);
    const pixels = new Set<string>();
    for (const [i, p] of parsed.entries()) {
      expect(sink.received[i]!.from).toBe('studio@outpost.test');
      expect(people(p.headers.get('to'))).toEqual([['Ana', 'ana@outpost.test'], ['', 'ben@outpost.test']]);
      expect(people(p.headers.get('cc'))).toEqual([['Cy', 'cy@outpost.test']]);
      expect(p.headers.has('bcc')).toBe(false);
      expect(sink.received[i]!.raw).not.toContain('dee@outpost.test');
      expect(p.messageId).toBe(messageId);
      const recipient = rows(emailId).find((r) => r.address === sink.received[i]!.to[0]!.address)!;
      expect(p.headers.get('x-outpost-copy')).toBe(recipient.copy_id);
      const pixel = /<img src="([^"]+)"/.exec(p.html as string)![1]!;
      expect(verifyOpenToken(new URL(pixel).pathname.slice(3), [key])).toEqual({ emailId, recipientId: recipient.id });
      expect(recipient.token).toBe(new URL(pixel).pathname.slice(3));
      expect(p.html).toContain(`${RELAY}/c/`);
      expect(p.text).toBe('Hello');
      pixels.add(pixel);
    }
    expect(pixels.size).toBe(4);
    const sent = rows(emailId);
    expect(sent.map((r) => [r.status, r.send_state, r.attempts])).toEqual([
      ['Sent', 'done', 1], ['Sent', 'done', 1], ['Duplicate', 'none', 0], ['Sent', 'done', 1], ['Sent', 'done', 1],
    ]);
    expect(sent[0]!.smtp_reply).toMatch(/^250 /);
    const email = db.prepare('SELECT sent_at, status FROM emails WHERE id = ?').get(emailId) as { sent_at: number | null; status: string };
    expect(email.sent_at).not.toBeNull();
    expect(email.status).toBe('Sent');
  });

  it('asks for delivery reports (NOTIFY, RET=HDRS, ENVID) when the server offers DSN, and sends anyway when not', async () => {
    await setup();
    const { emailId } = queueEmail(db, { recipients: [{ address: 'ana@outpost.test' }] });
    startSender();
    await until(settled(emailId));
    const copyId = rows(emailId)[0]!.copy_id;
    expect(sink.received[0]!.mailDsn).toEqual({ ret: 'HDRS', envid: copyId });
    expect(sink.received[0]!.to[0]!.notify).toEqual(['SUCCESS', 'FAILURE']);
    await sender!.stop();
    await sink.close();

    await setup({ dsn: false });
    const second = queueEmail(db, { recipients: [{ address: 'ben@outpost.test' }] });
    startSender();
    await until(settled(second.emailId));
    expect(rows(second.emailId)[0]!.status).toBe('Sent');
    expect(sink.received[0]!.mailDsn).toEqual({});
  });

  it('carries the attachments in every copy', async () => {
    await setup();
    const pdf = Buffer.from('%PDF-1.4 price list\n');
    const { emailId } = queueEmail(db, { attachments: [{ filename: 'Prices 2026.pdf', contentType: 'application/pdf', content: pdf }],
      recipients: [{ address: 'ana@outpost.test' }, { kind: 'bcc', address: 'ben@outpost.test' }] });
    startSender();
    await until(settled(emailId));
    for (const m of sink.received) {
      const p = await simpleParser(m.raw);
      expect(p.attachments.map((a) => [a.filename, a.contentType, a.content.equals(pdf)])).toEqual([['Prices 2026.pdf', 'application/pdf', true]]);
    }
    expect(sink.received).toHaveLength(2);
  });

  it('sends untracked copies with no pixel and the original links', async () => {
    await setup();
    const html = '<p><a href="https://photos.test/g">g</a></p>';
    const { emailId } = queueEmail(db, { html, tracking: 'off', recipients: [{ address: 'ana@outpost.test' }] });
    startSender();
    await until(settled(emailId));
    const p = await simpleParser(sink.received[0]!.raw);
    expect(p.html).toBe(html);
    expect(rows(emailId)[0]!.token).toBeNull();
  });

  it('sends a tracked plain-text email as simple HTML with the text part kept', async () => {
    await setup();
    const text = 'Hi Ana,\n\nYour photos: https://photos.test/g';
    const { emailId } = queueEmail(db, { html: null, text, tracking: 'opens_clicks', recipients: [{ address: 'ana@outpost.test' }] });
    startSender();
    await until(settled(emailId));
    const p = await simpleParser(sink.received[0]!.raw);
    expect(p.text?.trim()).toBe(text);
    expect(p.html).toContain(`<img src="${RELAY}/o/`);
    expect(p.html).toContain(`${RELAY}/c/`);
    expect(p.html).toContain('>https://photos.test/g</a>');
  });

  it('retries a 4xx with backoff, then records Sent', async () => {
    let refusals = 2;
    await setup({ rcpt: (a) => (a === 'busy@outpost.test' && refusals-- > 0 ? { code: 451, message: '4.2.2 Mailbox full, try later' } : null) });
    const { emailId } = queueEmail(db, { recipients: [{ address: 'busy@outpost.test' }] });
    const s = startSender();
    await until(() => rows(emailId)[0]!.status === 'Soft Bounced');
    expect(rows(emailId)[0]!.status_reason).toMatch(/temporarily refused: mailbox full: the mailbox is full \(attempt 1 of 3/);
    expect(s.status().state).not.toBe('error');
    await until(settled(emailId));
    const r = rows(emailId)[0]!;
    expect([r.status, r.attempts, r.send_state, r.bounce_class, r.status_reason]).toEqual(['Sent', 3, 'done', null, '']);
    expect(r.smtp_reply).toMatch(/^250 /);
    expect(sink.received).toHaveLength(1);
  });

  it('gives up after the last 4xx: Bounced, class transient', async () => {
    await setup({ rcpt: () => ({ code: 450, message: '4.7.1 Greylisted, try again' }) });
    const { emailId } = queueEmail(db, { recipients: [{ address: 'grey@outpost.test' }] });
    startSender();
    await until(settled(emailId));
    const r = rows(emailId)[0]!;
    expect([r.status, r.bounce_class, r.attempts]).toEqual(['Bounced', 'transient', 3]);
    expect(r.status_reason).toMatch(/^gave up after 3 attempts/);
    expect(r.smtp_reply).toContain('450 4.7.1 Greylisted');
  });

  it('records a 5xx as Bounced with the reply, and a 5.7.1 policy refusal as Blocked', async () => {
    await setup({
      rcpt: (a) => a === 'gone@outpost.test' ? { code: 550, message: '5.1.1 <gone@outpost.test>: Recipient address rejected: User unknown' }
        : a === 'spam@outpost.test' ? { code: 550, message: '5.7.1 Message rejected due to local policy' } : null,
    });
    const { emailId } = queueEmail(db, { recipients: [{ address: 'gone@outpost.test' }, { address: 'spam@outpost.test' }, { address: 'ok@outpost.test' }] });
    startSender();
    await until(settled(emailId));
    const [gone, spam, ok] = rows(emailId);
    expect([gone!.status, gone!.bounce_class, gone!.status_reason, gone!.send_state]).toEqual(['Bounced', 'hard', 'user unknown: the mailbox does not exist', 'done']);
    expect(gone!.smtp_reply).toBe('550 5.1.1 <gone@outpost.test>: Recipient address rejected: User unknown');
    expect([spam!.status, spam!.bounce_class]).toEqual(['Blocked', 'blocked']);
    expect(spam!.smtp_reply).toContain('5.7.1');
    expect(ok!.status).toBe('Sent');
    expect(sink.received).toHaveLength(1);
    // One notice counts the failures and opens the Failed section; the unknown user is deactivated.
    const notices = db.prepare(`SELECT kind, count, link FROM notices WHERE seen_at IS NULL`).all();
    expect(notices).toEqual([{ kind: 'failures', count: 2, link: 'failed' }]);
    const stopped = db.prepare(`SELECT email_norm, kind, reason FROM suppressions`).all();
    expect(stopped).toEqual([{ email_norm: 'gone@outpost.test', kind: 'deactivated', reason: 'hard bounce at sending: user unknown: the mailbox does not exist' }]);
    // Resend does not go to a deactivated address; once the user reactivates it, it does.
    const stops = suppressions(db);
    expect([sender!.resend([gone!.id]), stops.deactivatedCopies([gone!.id, spam!.id])]).toEqual([0, 1]);
    expect(rows(emailId)[0]).toMatchObject({ send_state: 'done', status: 'Bounced' });
    stops.reactivate('gone@outpost.test', Date.now());
    expect([sender!.resend([gone!.id]), stops.deactivatedCopies([gone!.id])]).toEqual([1, 0]);
    await until(settled(emailId));
    expect(outboxDetails(db)(emailId).recipients[0]!.history.map((a) => a.outcome)).toEqual(['refused', 'refused']);
  });

  it('keeps copies queued on a refused login, raises one notice, and sends once the password is fixed', async () => {
    await setup({ login: { user: 'studio', pass: 'right' } });
    settings.smtp.password = 'wrong';
    const { emailId } = queueEmail(db, { recipients: [1, 2, 3, 4, 5].map((i) => ({ address: `p${i}@outpost.test` })) });
    const s = startSender();
    await until(() => s.status().state === 'error');
    await new Promise((r) => setTimeout(r, 300)); // several backoff rounds
    expect(s.status().message).toMatch(/refused the login/);
    await s.stop();
    sender = null;
    expect(rows(emailId).every((r) => r.send_state === 'queued' && r.status === 'Unsent' && r.attempts === 0)).toBe(true);
    const notices = db.prepare(`SELECT kind, message FROM notices`).all() as { kind: string; message: string }[];
    expect(notices).toHaveLength(1);
    expect(notices[0]!.kind).toBe('smtp_connection');
    expect((db.prepare('SELECT last_error FROM emails WHERE id = ?').get(emailId) as { last_error: string }).last_error).toMatch(/refused the login/);
    settings.smtp.password = 'right';
    const again = startSender();
    await until(settled(emailId));
    expect(rows(emailId).map((r) => [r.status, r.attempts])).toEqual(Array(5).fill(['Sent', 1]));
    expect((db.prepare('SELECT last_error FROM emails WHERE id = ?').get(emailId) as { last_error: string | null }).last_error).toBeNull();
    expect(again.status().state).toBe('idle');
  });

  it('keeps copies queued while the server is down', async () => {
    await setup();
    settings.smtp.port = await freePort();
    const { emailId } = queueEmail(db, { recipients: [{ address: 'ana@outpost.test' }] });
    const s = startSender();
    await until(() => s.status().state === 'error');
    expect(s.status().message).toMatch(/Nothing answers|closed the connection/);
    // Stopped first: it retries every 50-200 ms, and a look mid-retry finds the copy 'sending' (a flake on a busy machine).
    await s.stop();
    expect(rows(emailId)[0]).toMatchObject({ send_state: 'queued', attempts: 0, status: 'Unsent' });
  });

  it('waits out a database that refuses the claim, says so, and sends once it accepts', async () => {
    await setup();
    db.exec(`CREATE TRIGGER full BEFORE UPDATE OF send_state ON recipients WHEN NEW.send_state = 'sending' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    const { emailId } = queueEmail(db, { recipients: [{ address: 'ana@outpost.test' }] });
    const s = startSender();
    await until(() => s.status().state === 'error');
    expect(s.status().message).toMatch(/^The outbox could not be read: database or disk is full\./);
    expect(rows(emailId)[0]).toMatchObject({ send_state: 'queued', attempts: 0 });
    db.exec('DROP TRIGGER full');
    await until(settled(emailId));
    expect(rows(emailId)[0]).toMatchObject({ send_state: 'done', status: 'Sent', attempts: 1 });
  });

  it('resends a 550 as a new attempt of the same copy: the 550 stays in its history, the copy ends Sent', async () => {
    let refusals = 1;
    await setup({ rcpt: (a) => (a === 'moved@outpost.test' && refusals-- > 0 ? { code: 550, message: '5.1.1 No such user (moved)' } : null) });
    const { emailId, recipientIds } = queueEmail(db, { recipients: [{ address: 'moved@outpost.test' }] });
    const s = startSender();
    await until(settled(emailId));
    expect(rows(emailId)[0]).toMatchObject({ status: 'Bounced', smtp_reply: '550 5.1.1 No such user (moved)' });
    // The 550 deactivated the address: the user who knows it works again reactivates it, then resends.
    suppressions(db).reactivate('moved@outpost.test', Date.now());
    expect(s.resend(recipientIds)).toBe(1);
    // Until the new answer comes, the copy says what it last was: nothing is rewritten.
    expect(rows(emailId)[0]).toMatchObject({ status: 'Bounced', send_state: 'queued' });
    await until(settled(emailId));
    expect(rows(emailId)[0]).toMatchObject({ status: 'Sent', send_state: 'done' });
    const { history } = outboxDetails(db)(emailId).recipients[0]!;
    expect(history.map((a) => [a.attempt, a.outcome, a.reply?.slice(0, 3)])).toEqual([[1, 'refused', '550'], [2, 'accepted', '250']]);
    expect(history[0]!.reply).toBe('550 5.1.1 No such user (moved)');
    expect(sink.received).toHaveLength(1);
  });

  it('a resend of a copy accepted before moves its status only forward (a later bounce report stays)', async () => {
    await setup();
    const { emailId, recipientIds } = queueEmail(db, { recipients: [{ address: 'ana@outpost.test' }] });
    const s = startSender();
    await until(settled(emailId));
    // What a bounce report after Sent does to the copy.
    db.prepare(`UPDATE recipients SET status = 'Bounced', status_reason = 'mailbox full' WHERE id = ?`).run(recipientIds[0]);
    expect(s.resend(recipientIds)).toBe(1);
    await until(settled(emailId));
    expect(rows(emailId)[0]).toMatchObject({ status: 'Bounced', send_state: 'done' });
    expect(outboxDetails(db)(emailId).recipients[0]!.history.map((a) => a.outcome)).toEqual(['accepted', 'accepted']);
    expect(sink.received).toHaveLength(2);
  });

  it('sends a Soft Bounced copy waiting for its next retry at once on resend', async () => {
    let refusals = 1;
    await setup({ rcpt: () => (refusals-- > 0 ? { code: 451, message: '4.2.2 Mailbox full, try later' } : null) });
    const { emailId, recipientIds } = queueEmail(db, { recipients: [{ address: 'busy@outpost.test' }] });
    const s = startSender({ retry: { ...FAST, firstDelayMs: 3_600_000 } });
    await until(() => rows(emailId)[0]!.status === 'Soft Bounced');
    expect(rows(emailId)[0]).toMatchObject({ send_state: 'queued' });
    expect(s.resend(recipientIds)).toBe(1);
    await until(settled(emailId));
    expect(rows(emailId)[0]).toMatchObject({ status: 'Sent', send_state: 'done' });
    expect(outboxDetails(db)(emailId).recipients[0]!.history.map((a) => [a.outcome, a.reply?.slice(0, 3)])).toEqual([['deferred', '451'], ['accepted', '250']]);
    expect(sink.received).toHaveLength(1);
  });

  it('marks a copy unknown, not queued, when the connection drops after the whole message went out', async () => {
    await setup();
    // A server that takes the message and hangs up instead of answering the final ".".
    const server = await startScriptedSmtp((command) => (command === '.' ? 'hang up' : null));
    settings.smtp.port = server.port;
    const { emailId } = queueEmail(db, { recipients: [{ address: 'ana@outpost.test' }] });
    startSender();
    await until(settled(emailId));
    await server.close();
    expect(rows(emailId)[0]).toMatchObject({ send_state: 'unknown', status: 'Unsent', attempts: 1 });
    expect(rows(emailId)[0]!.status_reason).toMatch(/may or may not have arrived/);
  });

  it('after a crash, copies caught sending become unknown and leave only on resend()', async () => {
    await setup();
    const { emailId, recipientIds } = queueEmail(db, { recipients: [{ address: 'ana@outpost.test' }, { address: 'ben@outpost.test' }] });
    // What a killed app leaves behind: claimed (committed) but never recorded.
    db.prepare(`UPDATE recipients SET send_state = 'sending', attempts = 1 WHERE id = ?`).run(recipientIds[0]);
    const s = startSender();
    await until(() => rows(emailId)[1]!.status === 'Sent');
    await new Promise((r) => setTimeout(r, 100));
    expect(rows(emailId)[0]).toMatchObject({ send_state: 'unknown', status: 'Unsent' });
    expect(rows(emailId)[0]!.status_reason).toMatch(/may or may not have arrived: Outpost stopped while sending it, and has no record/);
    expect(sink.received.map((m) => m.to[0]!.address)).toEqual(['ben@outpost.test']);
    expect(db.prepare(`SELECT kind FROM notices`).all()).toEqual([{ kind: 'send_unknown' }]);
    expect(s.resend([recipientIds[0]!, recipientIds[1]!])).toBe(1); // a Sent copy is not sent again
    await until(settled(emailId));
    expect(rows(emailId)[0]).toMatchObject({ send_state: 'done', status: 'Sent', attempts: 1 });
    expect(sink.received.map((m) => m.to[0]!.address)).toEqual(['ben@outpost.test', 'ana@outpost.test']);
  });

  it('after a crash, the transmit journal settles each copy caught sending: answered as the server said, never begun sent once, begun without an answer unknown', async () => {
    await setup();
    const journal = path.join(tempDir(), 'send-journal');
    const addresses = ['ana', 'ben', 'cy', 'dee', 'eve'].map((n) => ({ address: `${n}@outpost.test` }));
    const { emailId, recipientIds } = queueEmail(db, { recipients: addresses });
    db.prepare(`UPDATE recipients SET send_state = 'sending', attempts = 1 WHERE email_id = ?`).run(emailId);
    const [ana, ben, cy] = rows(emailId).map((r) => r.copy_id);
    // What the killed app's pool had written: ana accepted, ben refused after its message, cy begun.
    resetJournal(journal);
    const w = journalWriter(journal);
    w.began(ana!); w.began(ben!); w.began(cy!);
    w.accepted(ana!, '250 2.0.0 Ok: queued as 4XyZ12');
    w.refused(ben!, 550, '550 5.1.1 <ben@outpost.test>: Recipient address rejected: User unknown');
    w.close();
    startSender({ journal });
    await until(settled(emailId));
    expect(rows(emailId).map((r) => [r.address, r.send_state, r.status, r.attempts, r.smtp_reply?.slice(0, 3) ?? null])).toEqual([
      ['ana@outpost.test', 'done', 'Sent', 1, '250'],
      ['ben@outpost.test', 'done', 'Bounced', 1, '550'],
      ['cy@outpost.test', 'unknown', 'Unsent', 1, null],
      ['dee@outpost.test', 'done', 'Sent', 1, '250'],
      ['eve@outpost.test', 'done', 'Sent', 1, '250'],
    ]);
    expect(rows(emailId)[2]!.status_reason).toMatch(/^It may or may not have arrived: Outpost stopped after its message began to go to the server, before the server answered\. .*"Mark as sent" or "Resend"/);
    // Only the copies that had never begun went out now, once each.
    expect(sink.received.map((m) => m.to[0]!.address).sort()).toEqual(['dee@outpost.test', 'eve@outpost.test']);
    expect(outboxDetails(db)(emailId).recipients[0]!.history.map((a) => a.outcome)).toEqual(['accepted']);
    expect(outboxDetails(db)(emailId).recipients[3]!.history.map((a) => a.outcome)).toEqual(['accepted']);
    expect(db.prepare(`SELECT count FROM notices WHERE kind = 'send_unknown' AND seen_at IS NULL`).all()).toEqual([{ count: 1 }]);
    expect(recipientIds).toHaveLength(5);
    // Everything it held is settled in the database: the journal starts afresh.
    expect(fs.readFileSync(journal, 'utf8')).toMatch(/^S [^\n]+\n$/);
  });

  it('after a crash in an earlier boot of the computer, the journal is not trusted: every copy caught sending is unknown', async () => {
    await setup();
    const journal = path.join(tempDir(), 'send-journal');
    const { emailId } = queueEmail(db, { recipients: [{ address: 'ana@outpost.test' }, { address: 'ben@outpost.test' }] });
    db.prepare(`UPDATE recipients SET send_state = 'sending', attempts = 1 WHERE email_id = ?`).run(emailId);
    resetJournal(journal, 'id a-boot-before-a-power-cut');
    startSender({ journal });
    expect(rows(emailId).map((r) => r.send_state)).toEqual(['unknown', 'unknown']);
    expect(rows(emailId)[0]!.status_reason).toMatch(/the computer restarted since/);
    await new Promise((r) => setTimeout(r, 100));
    expect(sink.received).toEqual([]);
  });

  it('the unknown notice counts the copies unknown now: less after a resend, more after another crash, gone when none is', async () => {
    await setup();
    const { emailId, recipientIds: [a, b] } = queueEmail(db, { recipients: [{ address: 'ana@outpost.test' }, { address: 'ben@outpost.test' }] });
    db.prepare(`UPDATE recipients SET send_state = 'sending', attempts = 1 WHERE email_id = ?`).run(emailId);
    const unseen = () => db.prepare(`SELECT count, message FROM notices WHERE kind = 'send_unknown' AND seen_at IS NULL`).all() as { count: number; message: string }[];
    const s = startSender();
    expect(unseen()).toEqual([{ count: 2, message: expect.stringMatching(/^2 copies may or may not have left/) }]);
    expect(s.resend([a!])).toBe(1);
    expect(unseen()).toEqual([{ count: 1, message: expect.stringMatching(/^1 copy may or may not have left/) }]);
    await s.stop();
    // A second crash, with another copy caught sending: the one still unknown from the first counts too.
    const second = queueEmail(db, { recipients: [{ address: 'cy@outpost.test' }] });
    db.prepare(`UPDATE recipients SET send_state = 'sending', attempts = 1 WHERE email_id = ?`).run(second.emailId);
    const again = startSender();
    expect(unseen()).toEqual([{ count: 2, message: expect.stringMatching(/^2 copies/) }]);
    expect(again.resend([b!, ...second.recipientIds])).toBe(2);
    expect(unseen()).toEqual([]);
    await until(settled(second.emailId));
  });

  it('sends the BCC-myself copy untracked after the recipients, and records a Sent folder it cannot reach', async () => {
    await setup();
    settings.imap = { ...settings.imap, host: '127.0.0.1', port: await freePort(), security: 'none', username: 'studio', password: 'x' };
    const { emailId } = queueEmail(db, {
      bccSelf: true, sentFolder: true, html: '<p><a href="https://photos.test/g">g</a></p>',
      recipients: [{ address: 'ana@outpost.test' }, { kind: 'bcc', address: 'dee@outpost.test' }],
    });
    startSender();
    const state = () => db.prepare('SELECT bcc_self_state AS bcc, sent_folder_state AS folder FROM emails WHERE id = ?').get(emailId) as { bcc: string; folder: string };
    await until(() => state().bcc === 'done' && state().folder.startsWith('failed'));
    expect(state().folder).toMatch(/^failed: /);
    // …and says so on the dashboard, naming the email.
    expect(db.prepare(`SELECT kind, email_id AS emailId FROM notices`).all()).toEqual([{ kind: 'sent_folder', emailId }]);
    const own = sink.received.find((m) => m.to[0]!.address === 'studio@outpost.test')!;
    const p = await simpleParser(own.raw);
    expect(p.html).toBe('<p><a href="https://photos.test/g">g</a></p>');
    expect(p.headers.has('x-outpost-copy')).toBe(false);
    expect(p.headers.get('bcc')).toMatchObject({ text: 'dee@outpost.test' });
    expect(sink.received.indexOf(own)).toBe(2);
    expect(rows(emailId).map((r) => r.status)).toEqual(['Sent', 'Sent']);
  });

  it('writes an email_sent activity for each accepted copy of a contact', async () => {
    await setup();
    const contactId = Number(db.prepare(`INSERT INTO contacts (name, created_at, updated_at) VALUES ('Ana', 0, 0)`).run().lastInsertRowid);
    const { emailId, recipientIds } = queueEmail(db, { subject: 'Gallery ready', recipients: [{ address: 'ana@outpost.test', contactId }, { address: 'x@outpost.test' }] });
    startSender();
    await until(settled(emailId));
    expect(db.prepare(`SELECT contact_id, kind, email_id, recipient_id, detail FROM activities`).all()).toEqual([
      { contact_id: contactId, kind: 'email_sent', email_id: emailId, recipient_id: recipientIds[0], detail: 'Gallery ready' },
    ]);
  });
});
