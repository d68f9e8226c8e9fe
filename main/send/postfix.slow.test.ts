// The sender against a real Postfix (and Dovecot for the Sent folder) on loopback.
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { generateSecret } from '../../relay/token';
import type { Db } from '../db/open-database';
import { tempCore } from '../test/temp-core';
import { createSender, type Sender } from './sender';
import type { SendSettings } from './settings';
import { testImap } from './test-connection';
import { MAIL_DOMAIN, mailServersMissing, startMailServers, type MailServers } from './test-servers/mail-servers';
import { queueEmail } from './test-servers/queue-email';
import { until } from '../test/until';

const missing = mailServersMissing();
const studio = `studio@${MAIL_DOMAIN}`;

let servers: MailServers;
let core: ReturnType<typeof tempCore>;
let db: Db;
let sender: Sender;


const settings = (port: number): SendSettings => ({
  smtp: { host: '127.0.0.1', port, security: 'none', username: '', password: '', fromName: 'Sam Studio', fromAddress: studio, maxConnections: 2, messagesPerMinute: 600 },
  imap: { host: '127.0.0.1', port: servers.imapPort, security: 'none', username: studio, password: 'studiopass', sentFolder: 'Sent' },
  tracking: { relayUrl: 'https://relay.outpost.test', relaySecret: generateSecret() },
});

const recipient = (id: number) =>
  db.prepare(`SELECT status, send_state, smtp_reply, bounce_class, copy_id FROM recipients WHERE id = ?`).get(id) as {
    status: string; send_state: string; smtp_reply: string; bounce_class: string | null; copy_id: string;
  };

describe.skipIf(missing !== null)(`sending through a real Postfix on loopback${missing ? ` (skipped: ${missing})` : ''}`, () => {
  beforeAll(async () => {
    servers = await startMailServers([{ user: 'studio', password: 'studiopass' }, { user: 'ana', password: 'anapass' }]);
  });
  afterAll(() => servers?.stop());
  beforeEach(() => {
    core = tempCore();
    db = core.db;
  });
  afterEach(async () => {
    await sender?.stop();
    await core.close();
  });

  it('records 250 as Sent and a 550 5.1.1 at RCPT as Bounced; the success DSN comes back with our ENVID', async () => {
    const { emailId, recipientIds: [ana, nobody] } = queueEmail(db, {
      from: studio, subject: 'Postfix check', recipients: [{ address: `ana@${MAIL_DOMAIN}` }, { address: `nobody@${MAIL_DOMAIN}` }],
    });
    sender = createSender({ db, preferences: () => settings(servers.strictSmtpPort) });
    sender.start();
    await until(() => [ana!, nobody!].every((id) => recipient(id).send_state === 'done'));

    expect(recipient(ana!)).toMatchObject({ status: 'Sent', send_state: 'done' });
    expect(recipient(ana!).smtp_reply).toMatch(/^250 2\.0\.0 Ok: queued as \w+/);
    expect(recipient(nobody!)).toMatchObject({ status: 'Bounced', bounce_class: 'hard' });
    expect(recipient(nobody!).smtp_reply).toMatch(/^550 5\.1\.1 <nobody@outpost\.test>: Recipient address rejected/);

    await until(() => servers.maildir('ana').length === 1);
    const delivered = servers.maildir('ana')[0]!;
    expect(delivered).toContain(`X-Outpost-Copy: ${recipient(ana!).copy_id}`);
    expect((await simpleParser(delivered)).html).toContain('<img src="https://relay.outpost.test/o/');

    // NOTIFY=SUCCESS, RET=HDRS, ENVID=<copy id>: Postfix reports the delivery to the envelope sender.
    await until(() => servers.maildir('studio').some((m) => m.includes('Action: delivered')));
    const report = servers.maildir('studio').find((m) => m.includes('Action: delivered'))!;
    expect(report).toContain(`Original-Envelope-Id: ${recipient(ana!).copy_id}`);
    expect(report).toMatch(/Status: 2\.0\.0/);
    expect(report).toContain(`X-Outpost-Copy: ${recipient(ana!).copy_id}`); // RET=HDRS returns our headers
    expect(servers.postfixLog()).toMatch(/dsn=2\.0\.0, status=sent \(delivered to maildir\)/);
    expect(db.prepare('SELECT status FROM emails WHERE id = ?').get(emailId)).toEqual({ status: 'Bounced' });
  });

  it('appends an untracked copy to the Sent folder over IMAP (Dovecot)', async () => {
    const folders = await testImap(settings(servers.smtpPort).imap);
    expect(folders.ok).toBe(true);
    expect(folders.folders).toEqual(expect.arrayContaining(['INBOX', 'Sent', 'Trash']));

    const { emailId } = queueEmail(db, { from: studio, subject: 'Sent folder check', sentFolder: true, recipients: [{ address: `ana@${MAIL_DOMAIN}` }] });
    const before = servers.maildir('studio', 'Sent').length;
    sender = createSender({ db, preferences: () => settings(servers.smtpPort) });
    sender.start();
    const state = () => (db.prepare('SELECT sent_folder_state AS s FROM emails WHERE id = ?').get(emailId) as { s: string }).s;
    await until(() => state() !== 'queued' && state() !== 'sending');
    expect(state()).toBe('done');
    const sent = servers.maildir('studio', 'Sent');
    expect(sent).toHaveLength(before + 1);
    expect(sent.at(-1)).toContain('Subject: Sent folder check');
    expect(sent.at(-1)).not.toContain('relay.outpost.test');
    expect(sent.at(-1)).not.toContain('X-Outpost-Copy');
  });
});
