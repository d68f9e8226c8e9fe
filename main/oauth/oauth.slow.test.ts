// "Sign in with …" end to end on real servers, nothing of ours mocked: a local OAuth2 server
// (test-oauth-server.ts), Dovecot validating each token against it (oauth2 passdb), Postfix
// taking mail only from clients Dovecot's SASL logged in. The app signs in through its loopback
// redirect, sends over XOAUTH2, appends the Sent copy and reads the bounce over IMAP with the
// token; an expired token is refreshed, a revoked grant raises "Sign in again" and loses nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionTest, DashboardSummary, MailboxStatus, Preferences } from '../api/contract';
import { invoke } from '../api/invoke';
import { createCore, type Core } from '../app/core';
import { keyFileBox } from '../secrets/key-file-box';
import { MAIL_DOMAIN, mailServersMissing, startMailServers, type MailServers } from '../send/test-servers/mail-servers';
import { tempDir } from '../test/temp-core';
import { until } from '../test/until';
import { startTestOAuthServer, type TestOAuthServer } from './test-oauth-server';

const missing = mailServersMissing();
const studio = `studio@${MAIL_DOMAIN}`;

async function call<T>(core: Core, name: string, input: unknown = {}): Promise<T> {
  const r = await invoke(core.handlers, name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as T;
}

const statusOf = (core: Core, emailId: number) =>
  (core.db.prepare(`SELECT status, send_state AS sendState FROM recipients WHERE email_id = ?`).get(emailId) as { status: string; sendState: string });

describe.skipIf(missing)('OAuth2 sign-in on real Postfix + Dovecot', () => {
  let oauth: TestOAuthServer;
  let servers: MailServers;
  let core: Core;
  let opened = 0;

  beforeAll(async () => {
    oauth = await startTestOAuthServer({ user: studio });
    servers = await startMailServers([{ user: 'studio', password: 'no-password-used' }], { oauth: { introspectionUrl: oauth.userinfoUrl } });
    // The "system browser": loads the authorize page, whose approval redirects to the app's loopback listener.
    core = createCore({
      dataDir: tempDir(), mode: 'browser', secretBox: keyFileBox, background: true,
      openExternal: async (url) => {
        opened++;
        await (await fetch(url)).text();
      },
    });
    await save(600);
  }, 60_000);

  /** Saves the accounts; another pace makes a new SMTP pool, whose connections log in afresh (an open session stays logged in). */
  const save = (messagesPerMinute: number) => call(core, 'preferences.save', {
    smtp: { host: '127.0.0.1', port: servers.smtpPort, security: 'none', username: studio, auth: 'oauth2', fromAddress: studio, messagesPerMinute },
    imap: { host: '127.0.0.1', port: servers.imapPort, security: 'none', username: studio, auth: 'oauth2', watchFolders: ['INBOX'], sentFolder: 'Sent' },
    tracking: { mode: 'off' },
    oauth: { provider: 'custom', clientId: 'outpost-test', authorizeUrl: oauth.authorizeUrl, tokenUrl: oauth.tokenUrl, revokeUrl: oauth.revokeUrl, scope: 'mail' },
  });

  afterAll(async () => {
    await core?.close();
    await servers?.stop();
    await oauth?.stop();
  });

  const send = async (to: string, subject: string) =>
    (await call<{ emailId: number }>(core, 'emails.send', { to: [{ address: to }], subject, bodyText: 'Your proofs are ready.', tracking: 'off' })).emailId;

  it('signs in through the loopback redirect; Test connection names the method', async () => {
    expect((await call<Preferences>(core, 'preferences.get')).oauth.signedIn).toBe(false);
    const started = await call<{ authorizeUrl: string; openHere: boolean }>(core, 'oauth.start');
    expect(started.openHere).toBe(false);
    expect(new URL(started.authorizeUrl).searchParams.get('code_challenge_method')).toBe('S256');
    expect(await call<ConnectionTest>(core, 'oauth.finish')).toMatchObject({ ok: true });
    expect(opened).toBe(1);
    expect(oauth.redirects()[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
    expect((await call<Preferences>(core, 'preferences.get')).oauth.signedIn).toBe(true);
    // The refresh token is sealed at rest like the passwords.
    const row = core.db.prepare(`SELECT scheme, ciphertext FROM secrets WHERE name = 'oauth.refreshToken'`).get() as { scheme: string; ciphertext: Buffer };
    expect(row.scheme).toBe(keyFileBox(tempDir()).scheme);

    const smtp = await call<ConnectionTest>(core, 'setup.test', { kind: 'smtp' });
    expect(smtp).toMatchObject({ ok: true, message: expect.stringContaining('with XOAUTH2 (signed in, access token)') });
    const imap = await call<ConnectionTest>(core, 'setup.test', { kind: 'imap' });
    expect(imap).toMatchObject({ ok: true, message: expect.stringContaining('with OAUTHBEARER (signed in, access token)') });
  });

  it('sends over XOAUTH2, appends the Sent copy, and reads the bounce with the token', async () => {
    const emailId = await send(`nobody@${MAIL_DOMAIN}`, 'Proofs for nobody');
    await until(() => statusOf(core, emailId).status === 'Bounced', 'the bounce read over IMAP', 30_000, 100);
    await until(() => servers.maildir('studio', 'Sent').some((m) => m.includes('Proofs for nobody')), 'the Sent copy', 15_000, 100);
    expect(servers.dovecotLog()).toMatch(/Login: user=<studio@outpost\.test>, method=OAUTHBEARER/);
    expect(servers.postfixLog()).toMatch(/sasl_method=XOAUTH2, sasl_username=studio@outpost\.test/);
  });

  it('an access token the servers stopped taking is refreshed once, and the copy and its Sent copy go', async () => {
    const before = oauth.refreshes();
    oauth.expireAccessTokens();
    await save(599);
    const emailId = await send(studio, 'After expiry');
    await until(() => statusOf(core, emailId).status === 'Sent', 'the copy sent with a refreshed token', 15_000, 100);
    await until(() => servers.maildir('studio', 'Sent').some((m) => m.includes('After expiry')), 'its Sent copy', 15_000, 100);
    expect(oauth.refreshes()).toBe(before + 1);
    expect(servers.postfixLog()).toMatch(/SASL XOAUTH2 authentication failed/);
  });

  it('the mailbox watcher, dropped and refused its token, refreshes it and watches again within seconds', async () => {
    const before = oauth.refreshes();
    oauth.expireAccessTokens();
    await servers.restartDovecot();
    await until(async () => oauth.refreshes() === before + 1 && (await call<MailboxStatus>(core, 'mailbox.status')).state === 'idle', 'the watcher back in IDLE with a refreshed token', 20_000, 100);
  });

  it('a revoked grant: the notice says "Sign in again", the copy stays queued, and goes after a new sign-in', async () => {
    oauth.revokeAll();
    await save(598);
    const emailId = await send(studio, 'While revoked');
    const notice = async () => (await call<DashboardSummary>(core, 'dashboard.summary')).notices.find((n) => n.kind === 'oauth_signin');
    await until(async () => (await notice()) !== undefined, 'the sign-in notice', 15_000, 100);
    expect(await notice()).toMatchObject({ message: expect.stringMatching(/^Sign in again: .*invalid_grant.*nothing queued is lost/), link: 'preferences' });
    // The refused login hands the copy back to the queue (not failed, not bounced): it waits.
    await until(() => statusOf(core, emailId).sendState === 'queued', 'the copy back in the queue', 15_000, 100);
    expect(statusOf(core, emailId).status).toBe('Unsent');
    const paused = (await call<DashboardSummary>(core, 'dashboard.summary')).notices.find((n) => n.kind === 'smtp_connection');
    expect(paused?.message).toMatch(/^Sending is paused: The sign-in is no longer valid .*Sign in again in Preferences/);

    await call(core, 'oauth.start');
    expect(await call<ConnectionTest>(core, 'oauth.finish')).toMatchObject({ ok: true });
    expect(await notice()).toBeUndefined();
    await until(() => statusOf(core, emailId).status === 'Sent', 'the held copy sent after signing in again', 15_000, 100);
  });
});
