// The private Postfix + Dovecot's extra tricks, checked against the real servers: a Sieve vacation
// responder's genuine auto-reply, a Dovecot without IDLE, a Dovecot restart, a new UIDVALIDITY and
// messages written straight into a maildir.
import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAIL_DOMAIN, mailServersMissing, startMailServers, type MailServers } from './mail-servers';
import { until } from '../../test/until';

const missing = mailServersMissing({ vacation: true });
const studio = `studio@${MAIL_DOMAIN}`;
const ana = `ana@${MAIL_DOMAIN}`;
const mailboxes = [{ user: 'studio', password: 'studiopass' }, { user: 'ana', password: 'anapass' }];

let servers: MailServers;
let plain: MailServers;


async function imap(port: number, user = studio, pass = 'studiopass'): Promise<ImapFlow> {
  const client = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass }, logger: false });
  client.on('error', () => {}); // a restart drops the connection: that is the point
  await client.connect();
  return client;
}

async function status(client: ImapFlow, folder: string) {
  const found = await client.status(folder, { messages: true, unseen: true, uidValidity: true });
  if (!found) throw new Error(`no STATUS for ${folder}`);
  return found;
}

const message = (subject: string) =>
  `From: Outside <someone@elsewhere.test>\r\nTo: ${studio}\r\nSubject: ${subject}\r\nMessage-ID: <${subject.replace(/\W/g, '')}@elsewhere.test>\r\n` +
  `Date: Mon, 01 Jan 2024 10:00:00 +0000\r\n\r\nBody of ${subject}\r\n`;

describe.skipIf(missing !== null)(`private Postfix + Dovecot extras${missing ? ` (skipped: ${missing})` : ''}`, () => {
  beforeAll(async () => {
    [servers, plain] = await Promise.all([
      startMailServers(mailboxes, { vacation: [{ user: 'ana', message: 'I am away until Monday.', subject: 'Away' }], noIdle: true }),
      startMailServers(mailboxes),
    ]);
  });
  afterAll(async () => {
    await Promise.all([servers?.stop(), plain?.stop()]);
  });

  it("delivers the vacation user's mail through LMTP and Sieve, whose RFC 3834 auto-reply reaches the sender's maildir", async () => {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: servers.smtpPort, secure: false, ignoreTLS: true });
    const sent = await transport.sendMail({ from: studio, to: ana, subject: 'Spring newsletter', text: 'Hello Ana' });
    transport.close();

    await until(() => servers.maildir('ana').length === 1 && servers.maildir('studio').length === 1);
    expect(servers.maildir('ana')[0]).toContain('Subject: Spring newsletter');
    // Postfix writes its log through postlogd, a moment after the delivery itself.
    const viaLmtp = new RegExp(`to=<${ana}>, relay=[^,]*lmtp-postfix.*status=sent`);
    const replyDelivered = new RegExp(`to=<${studio}>.*status=sent \\(delivered to maildir\\)`); // plain virtual delivery
    await until(() => viaLmtp.test(servers.postfixLog()) && replyDelivered.test(servers.postfixLog()));

    const raw = servers.maildir('studio')[0]!;
    const reply = await simpleParser(raw);
    expect(reply.headers.get('auto-submitted')).toMatch(/^auto-replied\b/); // Dovecot writes "auto-replied (vacation)"
    expect(raw).toMatch(/^Return-Path: <>/m); // Sieve's replies go out with the null sender
    expect(reply.from?.value[0]?.address).toBe(ana);
    expect(reply.to && !Array.isArray(reply.to) ? reply.to.value[0]?.address : undefined).toBe(studio);
    expect(reply.subject).toBe('Away');
    expect(reply.inReplyTo).toBe(sent.messageId);
    expect(reply.text).toContain('I am away until Monday.');
  });

  it('noIdle: Dovecot advertises no IDLE, so clients poll; the default still has it', async () => {
    const [without, withIdle] = await Promise.all([imap(servers.imapPort), imap(plain.imapPort)]);
    expect(without.capabilities.has('IDLE')).toBe(false);
    expect(without.capabilities.has('UIDPLUS')).toBe(true);
    expect(withIdle.capabilities.has('IDLE')).toBe(true);
    await Promise.all([without.logout(), withIdle.logout()]);
  });

  it('deliverRaw writes a new unseen message into a folder that IMAP then shows', async () => {
    servers.deliverRaw('studio', message('Straight in'), 'INBOX');
    servers.deliverRaw('studio', Buffer.from(message('Into a folder')), 'Reports');
    const client = await imap(servers.imapPort);
    expect((await client.list()).map((f) => f.path)).toContain('Reports');
    expect(await status(client, 'Reports')).toMatchObject({ messages: 1, unseen: 1 });
    const lock = await client.getMailboxLock('INBOX');
    const subjects: string[] = [];
    for await (const m of client.fetch('1:*', { envelope: true })) subjects.push(m.envelope?.subject ?? '');
    lock.release();
    expect(subjects).toContain('Straight in');
    await client.logout();
  });

  it('restartDovecot keeps the same port and the mail', async () => {
    const before = await imap(servers.imapPort);
    const { messages } = await status(before, 'INBOX');
    expect(messages).toBeGreaterThan(0);
    const closed = new Promise((r) => before.once('close', r));
    await servers.restartDovecot();
    await closed; // the old session is gone
    const after = await imap(servers.imapPort);
    expect((await status(after, 'INBOX')).messages).toBe(messages);
    await after.logout();
  });

  it('recreateFolder gives a folder a new UIDVALIDITY and keeps its messages', async () => {
    servers.deliverRaw('studio', message('Second report'), 'Reports');
    const open = await imap(servers.imapPort);
    const before = await open.mailboxOpen('Reports');
    expect(before.exists).toBe(2);
    const dropped = new Promise((r) => open.once('close', r));

    servers.recreateFolder('studio', 'Reports');

    // Dovecot drops a session that has the folder selected ("IMAP session state is inconsistent").
    await open.noop().catch(() => {});
    await dropped;
    await until(() => servers.dovecotLog().includes('IMAP session state is inconsistent, please relogin'));
    const client = await imap(servers.imapPort);
    const reported = await status(client, 'Reports');
    const after = await client.mailboxOpen('Reports');
    expect(after.uidValidity).not.toBe(before.uidValidity);
    expect(after.uidValidity > before.uidValidity).toBe(true);
    expect(reported.uidValidity).toBe(after.uidValidity);
    expect(after.exists).toBe(2);
    const subjects: string[] = [];
    for await (const m of client.fetch('1:*', { envelope: true })) subjects.push(m.envelope?.subject ?? '');
    expect(subjects.sort()).toEqual(['Into a folder', 'Second report']);
    await client.logout();
  });
});
