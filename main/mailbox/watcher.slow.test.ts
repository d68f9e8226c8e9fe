// The mailbox watcher against real servers on loopback: Postfix writes the genuine bounces and
// delivery reports, Dovecot's Sieve the genuine vacation reply, Dovecot serves them over IMAP.
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../api/invoke';
import type { MailboxStatus } from '../api/contract';
import { createCore, type Core } from '../app/core';
import { keyFileBox } from '../secrets/key-file-box';
import { MAIL_DOMAIN, mailServersMissing, startMailServers, type MailServers } from '../send/test-servers/mail-servers';
import { tempDir } from '../test/temp-core';
import { until } from '../test/until';
import { PROCESSED_KEYWORD } from './folder-pass';

const missing = mailServersMissing({ vacation: true });
const studio = `studio@${MAIL_DOMAIN}`;
const at = (user: string) => `${user}@${MAIL_DOMAIN}`;


async function call<T>(core: Core, name: string, input: unknown = {}): Promise<T> {
  const r = await invoke(core.handlers, name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as T;
}

/** The app as a user runs it, its SMTP and IMAP accounts on the private servers. */
async function appOn(servers: MailServers, imap: Record<string, unknown> = {}): Promise<Core> {
  const core = createCore({ dataDir: tempDir(), mode: 'browser', secretBox: keyFileBox, background: true });
  await call(core, 'preferences.save', {
    smtp: { host: '127.0.0.1', port: servers.smtpPort, security: 'none', fromAddress: studio, fromName: 'Sam Studio', messagesPerMinute: 600 },
    imap: { host: '127.0.0.1', port: servers.imapPort, security: 'none', username: studio, password: 'studiopass', watchFolders: ['INBOX'], ...imap },
    tracking: { mode: 'off' },
  });
  return core;
}

const recipientOf = (core: Core, emailId: number) =>
  core.db.prepare(`SELECT id, status, bounce_class AS bounceClass, status_reason AS reason, auto_reply_at AS autoReplyAt FROM recipients WHERE email_id = ?`).get(emailId) as
    { id: number; status: string; bounceClass: string | null; reason: string; autoReplyAt: number | null };

async function send(core: Core, to: string, subject: string): Promise<number> {
  const { emailId } = await call<{ emailId: number }>(core, 'emails.send', { to: [{ address: to }], subject, bodyText: 'Your proofs are ready.', tracking: 'off' });
  return emailId;
}

/** Flags of every message in studio's INBOX, by subject, as another mail program sees them. */
async function inboxFlags(servers: MailServers): Promise<Map<string, string[]>> {
  const client = new ImapFlow({ host: '127.0.0.1', port: servers.imapPort, secure: false, doSTARTTLS: false, auth: { user: studio, pass: 'studiopass' }, logger: false });
  await client.connect();
  try {
    await client.mailboxOpen('INBOX', { readOnly: true });
    const out = new Map<string, string[]>();
    for await (const m of client.fetch('1:*', { flags: true, envelope: true })) out.set(m.envelope?.subject ?? '', [...(m.flags ?? [])].sort());
    return out;
  } finally {
    await client.logout();
  }
}

/** Copies more than one report was applied to: none may be. */
const reportCounts = (core: Core) =>
  core.db.prepare(`SELECT recipient_id AS id, count(*) AS n FROM report_recipients WHERE recipient_id IS NOT NULL GROUP BY recipient_id HAVING n > 1`).all();

describe.skipIf(missing !== null)(`the mailbox watcher on real Postfix and Dovecot${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let servers: MailServers;
  let core: Core | null = null;
  beforeAll(async () => {
    servers = await startMailServers(
      [{ user: 'studio', password: 'studiopass' }, { user: 'ana', password: 'anapass' }, { user: 'away', password: 'awaypass' }],
      { vacation: [{ user: 'away', subject: 'Out of office', message: 'I am away and will be back on 14 December 2026.' }] },
    );
  });
  afterAll(() => servers?.stop());
  afterEach(async () => {
    await core?.close();
    core = null;
  });

  it('via IDLE: a genuine bounce makes the copy Bounced (hard) and deactivates the address; a success report makes another Delivered', async () => {
    core = await appOn(servers);
    const app = core;
    await until(() => app.watcher.status().state === 'idle', 'the watcher to idle');

    const bounced = await send(app, at('nobody'), 'Proofs for nobody');
    const delivered = await send(app, at('ana'), 'Proofs for Ana');
    await until(() => recipientOf(app, bounced).status === 'Bounced', 'the bounce to be applied');
    expect(recipientOf(app, bounced)).toMatchObject({ bounceClass: 'hard' });
    expect(recipientOf(app, bounced).reason).toMatch(/^user unknown: the mailbox does not exist/);
    await until(() => recipientOf(app, delivered).status === 'Delivered', 'the success report to be applied');

    const reports = app.db.prepare(`SELECT kind, matched_by AS matchedBy FROM mail_reports ORDER BY id`).all();
    expect(reports).toEqual(expect.arrayContaining([{ kind: 'failure', matchedBy: expect.stringMatching(/copy header|envelope id/) }, { kind: 'success', matchedBy: expect.any(String) }]));
    expect(app.db.prepare(`SELECT email_norm, kind FROM suppressions`).all()).toEqual([{ email_norm: at('nobody'), kind: 'deactivated' }]);

    // Deactivated: the next email to it never reaches SMTP.
    const again = await send(app, at('nobody'), 'Second try');
    expect(recipientOf(app, again)).toMatchObject({ status: 'Failed' });
    expect(recipientOf(app, again).reason).toMatch(/^address deactivated/);

    // Failed section, details and the dashboard notice all say it.
    const failed = await call<{ rows: { address: string; reason: string }[] }>(app, 'failed.list', { reason: 'hard bounce' });
    expect(failed.rows.map((r) => r.address)).toContain(at('nobody'));
    const details = await call<{ reports: { matchedBy: string; statusCode: string; host: string }[] }>(app, 'outbox.details', { id: bounced });
    expect(details.reports[0]).toMatchObject({ statusCode: '5.1.1', matchedBy: expect.any(String) });
    const summary = await call<{ notices: { kind: string; link: string | null }[] }>(app, 'dashboard.summary');
    expect(summary.notices).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'failures', link: 'failed' })]));
  });

  it("leaves a client's ordinary reply unread, unflagged and in place; marks reports processed without reading them", async () => {
    core = await appOn(servers);
    const app = core;
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: servers.smtpPort, secure: false, ignoreTLS: true });
    await transport.sendMail({ from: at('ana'), to: studio, subject: 'Re: Proofs for Ana', text: 'We love them! Can we order prints?' });
    const emailId = await send(app, at('ghost'), 'Proofs for ghost');
    await until(() => recipientOf(app, emailId).status === 'Bounced', 'the bounce');
    await app.watcher.checkNow();
    const flags = await inboxFlags(servers);
    expect(flags.get('Re: Proofs for Ana')).toEqual([]);
    const bounceFlags = [...flags.entries()].filter(([subject]) => /Undelivered Mail/.test(subject)).map(([, f]) => f);
    expect(bounceFlags.length).toBeGreaterThan(0);
    for (const f of bounceFlags) expect(f).toEqual([PROCESSED_KEYWORD]);
    expect(app.db.prepare(`SELECT count(*) AS n FROM mail_reports WHERE subject LIKE 'Re: Proofs%'`).get()).toEqual({ n: 0 });
  });

  it('a genuine Sieve vacation reply makes the copy Delivered and flags it as an auto-reply', async () => {
    core = await appOn(servers);
    const app = core;
    const emailId = await send(app, at('away'), 'Proofs for the traveller');
    await until(() => recipientOf(app, emailId).autoReplyAt !== null, 'the auto-reply');
    expect(recipientOf(app, emailId)).toMatchObject({ status: 'Delivered' });
    const details = await call<{ reports: { kind: string; returnDate: string | null }[] }>(app, 'outbox.details', { id: emailId });
    expect(details.reports.find((r) => r.kind === 'autoreply')).toMatchObject({ returnDate: '14 December 2026' });
    const failed = await call<{ rows: { address: string }[] }>(app, 'failed.list', { reason: 'auto responder' });
    expect(failed.rows.map((r) => r.address)).toContain(at('away'));
  });

  it('reconnects by itself after Dovecot restarts, and applies nothing twice', async () => {
    core = await appOn(servers);
    const app = core;
    const first = await send(app, at('lost1'), 'Before the restart');
    await until(() => recipientOf(app, first).status === 'Bounced', 'the first bounce');
    await servers.restartDovecot();
    await until(() => app.watcher.status().state === 'idle' && app.watcher.status().lastError === null, 'the watcher to reconnect', 30_000);
    const second = await send(app, at('lost2'), 'After the restart');
    await until(() => recipientOf(app, second).status === 'Bounced', 'the second bounce');
    expect(reportCounts(app)).toEqual([]);
  });

  it('rescans after a UIDVALIDITY change without applying any report twice', async () => {
    core = await appOn(servers);
    const app = core;
    const emailId = await send(app, at('lost3'), 'Before renumbering');
    await until(() => recipientOf(app, emailId).status === 'Bounced', 'the bounce');
    const before = app.db.prepare(`SELECT uidvalidity FROM mailbox_folders`).get() as { uidvalidity: number };
    const ours = app.db.prepare(`SELECT count(*) AS n FROM mail_reports WHERE email_id = ?`);
    expect(ours.get(emailId), 'reports of this email before').toEqual({ n: 1 });
    await app.watcher.stop();
    servers.recreateFolder('studio', 'INBOX');
    app.watcher.start();
    // Dovecot may drop the first session while it rebuilds the folder's index: the watcher
    // reconnects, and the rescan is done once the checkpoint carries the new UIDVALIDITY.
    const uidvalidity = () => (app.db.prepare(`SELECT uidvalidity FROM mailbox_folders`).get() as { uidvalidity: number }).uidvalidity;
    await until(async () => {
      await app.watcher.checkNow();
      return uidvalidity() !== before.uidvalidity && app.watcher.status().state !== 'checking';
    }, 'the rescan under the new UIDVALIDITY', 30_000, 200);
    // The rescan reads the folder again from the day before the first email sent: reports of earlier
    // tests' emails are new to this database, but this email's bounce is stored and applied once.
    expect(ours.get(emailId), 'reports of this email after the rescan').toEqual({ n: 1 });
    expect(reportCounts(app), 'copies with more than one report').toEqual([]);
  });

  it('a wrong password shows "login failed", raises a notice and never retries in a tight loop', async () => {
    core = await appOn(servers, { password: 'wrong' });
    const app = core;
    await until(() => app.watcher.status().state === 'login_failed', 'the login failure');
    const status = await call<MailboxStatus>(app, 'mailbox.status');
    expect(status.message).toMatch(/^Login failed: .*trying again in \d+ min\.$/);
    expect(status.retryAt! - Date.now()).toBeGreaterThan(60_000);
    const summary = await call<{ notices: { kind: string }[] }>(app, 'dashboard.summary');
    expect(summary.notices.map((n) => n.kind)).toContain('imap_login');
  });
});

describe.skipIf(missing !== null)(`the mailbox watcher where the server offers no IDLE${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let servers: MailServers;
  let core: Core | null = null;
  beforeAll(async () => {
    servers = await startMailServers([{ user: 'studio', password: 'studiopass' }], { noIdle: true });
  });
  afterAll(async () => {
    await core?.close();
    await servers?.stop();
  });

  it('polls, and "Check now" runs a pass at once', async () => {
    core = await appOn(servers, { pollMinutes: 60 });
    const app = core;
    await until(() => app.watcher.status().state === 'polling', 'the watcher to poll');
    const emailId = await send(app, at('nobody'), 'Polled bounce');
    await until(() => recipientOf(app, emailId).status === 'Sent', 'the SMTP answer');
    await until(() => servers.maildir('studio').some((m) => m.includes('Undelivered Mail')), 'the bounce to arrive');
    await new Promise((r) => setTimeout(r, 300));
    expect(recipientOf(app, emailId).status).toBe('Sent'); // no IDLE, next poll in an hour: not seen yet
    const status = await call<MailboxStatus>(app, 'mailbox.checkNow');
    expect(recipientOf(app, emailId).status).toBe('Bounced');
    expect(status.reportsStored).toBe(1);
    expect(['polling', 'checking']).toContain(status.state); // the NOOP's EXISTS may ask for one more pass
  });
});
