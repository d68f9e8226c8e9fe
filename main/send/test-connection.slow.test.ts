// "Test connection" against a real Postfix (no AUTH, no TLS offered) and Dovecot (plain login) on loopback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testImap, testSmtp } from './test-connection';
import { MAIL_DOMAIN, mailServersMissing, startMailServers, type MailServers } from './test-servers/mail-servers';

const missing = mailServersMissing();
const studio = `studio@${MAIL_DOMAIN}`;
let servers: MailServers;

describe.skipIf(missing !== null)(`test connection against real servers${missing ? ` (skipped: ${missing})` : ''}`, () => {
  beforeAll(async () => {
    servers = await startMailServers([{ user: 'studio', password: 'studiopass' }]);
  });
  afterAll(() => servers?.stop());

  const smtp = (username: string) => ({
    host: '127.0.0.1', port: servers.smtpPort, security: 'none' as const, username, password: 'studiopass', fromName: '', fromAddress: studio,
    maxConnections: 1, messagesPerMinute: 60,
  });
  const imap = (password: string) => ({ host: '127.0.0.1', port: servers.imapPort, security: 'none' as const, username: studio, password, sentFolder: 'Sent' });

  it('Postfix offers no AUTH: it says so instead of "logged in"', async () => {
    const r = await testSmtp(smtp(studio));
    expect(r).toEqual({ ok: false, message: expect.stringMatching(/but the server offers no login \(no AUTH\), so Outpost did not log in as studio@outpost\.test/) });
    expect(r.message).toContain('without TLS');
    expect(await testSmtp(smtp(''))).toEqual({ ok: true, message: expect.stringMatching(/^Connected to 127\.0\.0\.1:\d+ without TLS .*, no login \(none set\)\.$/) });
  });

  it('Dovecot: logged in only with the right password, and says the connection is not encrypted', async () => {
    const good = await testImap(imap('studiopass'));
    expect(good.ok).toBe(true);
    expect(good.message).toMatch(/^Connected to 127\.0\.0\.1:\d+ without TLS .*, logged in as studio@outpost\.test with PLAIN \(password\): \d+ folders\.$/);
    const bad = await testImap(imap('wrong'));
    expect(bad.ok).toBe(false);
    expect(bad.message).toMatch(/refused the login/);
    expect(bad.message).not.toMatch(/logged in/);
  });
});
