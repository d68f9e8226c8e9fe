// "Sign in with …" in the built app (browser mode, Chromium) against real servers: a local OAuth2
// server (main/oauth/test-oauth-server.ts), Dovecot validating tokens against it, Postfix logging
// clients in through Dovecot. The sign-in page opens in a new tab and comes back to the app's
// loopback redirect; the mail goes over XOAUTH2 and the bounce is read with OAUTHBEARER; a revoked
// grant raises "Sign in again", which leads to Preferences, and signing in again sends what waited.
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { startTestOAuthServer } from '../main/oauth/test-oauth-server';
import { MAIL_DOMAIN, mailServersMissing, startMailServers } from '../main/send/test-servers/mail-servers';
import { api } from './api';
import { startBrowserApp, tempDataDir } from './app-process';
import { go } from './scenario';

const missing = mailServersMissing();
const studio = `studio@${MAIL_DOMAIN}`;

test.skip(missing !== null, missing ?? '');

/** Presses the sign-in button and follows the provider's page it opens, which ends on the app's loopback listener. */
async function signIn(page: Page, context: BrowserContext, button: string) {
  const opened = context.waitForEvent('page');
  await page.getByRole('button', { name: button }).click();
  const provider = await opened;
  await expect(provider.locator('body')).toContainText('Signed in. You can close this tab');
  expect(new URL(provider.url()).origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  await provider.close();
  await expect(page.getByRole('note', { name: 'Sign-in state' })).toContainText(`Signed in as ${studio}`);
}

async function untilRowSays(page: Page, subject: string, text: string | RegExp) {
  await go(page, 'Outbox');
  const row = page.getByRole('row').filter({ hasText: subject });
  await expect(async () => {
    await page.reload();
    await expect(row).toContainText(text, { timeout: 500 });
  }).toPass({ timeout: 20_000 });
}

test('sign in through the loopback redirect, send and read a bounce with tokens; a revoked grant asks to sign in again', async ({ page, context }) => {
  const oauth = await startTestOAuthServer({ user: studio });
  const servers = await startMailServers([{ user: 'studio', password: 'unused' }], { oauth: { introspectionUrl: oauth.userinfoUrl } });
  const app = await startBrowserApp(tempDataDir());
  const preferences = (messagesPerMinute: number) => ({
    smtp: { host: '127.0.0.1', port: servers.smtpPort, security: 'none', username: studio, auth: 'oauth2', fromName: 'Studio', fromAddress: studio, messagesPerMinute },
    imap: { host: '127.0.0.1', port: servers.imapPort, security: 'none', username: studio, auth: 'oauth2', watchFolders: ['INBOX'], sentFolder: 'Sent' },
    tracking: { mode: 'off' },
    oauth: { provider: 'custom', clientId: 'outpost-e2e', authorizeUrl: oauth.authorizeUrl, tokenUrl: oauth.tokenUrl, revokeUrl: oauth.revokeUrl, scope: 'mail' },
  });
  try {
    await api(app.url, 'preferences.save', preferences(600));
    await page.goto(app.url);
    await go(page, 'Preferences');
    await expect(page.getByLabel('SMTP login')).toHaveValue('oauth2');
    await expect(page.getByLabel('SMTP password')).toHaveCount(0);
    await expect(page.getByRole('note', { name: 'Sign-in state' })).toHaveText('Not signed in.');
    await signIn(page, context, 'Sign in with another OAuth2 server');

    await page.getByRole('button', { name: 'Test SMTP connection' }).click();
    await expect(page.getByRole('status', { name: 'Test SMTP connection result' })).toContainText(`logged in as ${studio} with XOAUTH2 (signed in, access token)`);
    await page.getByRole('button', { name: 'Test IMAP connection' }).click();
    await expect(page.getByRole('status', { name: 'Test IMAP connection result' })).toContainText('with OAUTHBEARER (signed in, access token)');
    await expect(page.getByRole('status', { name: 'Mailbox watcher' })).toContainText('IDLE', { timeout: 15_000 });

    // Sent over XOAUTH2; Postfix bounces it, the watcher reads the bounce with the token; the Sent copy is in Dovecot.
    await api(app.url, 'emails.send', { to: [{ address: `nobody@${MAIL_DOMAIN}` }], subject: 'Proofs for nobody', bodyText: 'Your proofs are ready.', tracking: 'off' });
    await untilRowSays(page, 'Proofs for nobody', 'Bounced');
    expect(servers.maildir('studio', 'Sent').some((m) => m.includes('Proofs for nobody'))).toBe(true);

    // The provider revokes the grant; the next login (a new connection: another pace) is refused and the refresh too.
    oauth.revokeAll();
    await api(app.url, 'preferences.save', preferences(599));
    await api(app.url, 'emails.send', { to: [{ address: studio }], subject: 'While revoked', bodyText: 'Hello.', tracking: 'off' });
    await go(page, 'Dashboard');
    const notice = page.getByRole('link', { name: /^Sign in again: .*nothing queued is lost/ });
    await expect(async () => {
      await page.reload();
      await expect(notice).toBeVisible({ timeout: 500 });
    }).toPass({ timeout: 20_000 });
    await notice.click();
    await expect(page.getByRole('form', { name: 'Preferences' })).toBeVisible();
    await signIn(page, context, 'Sign in again');
    // What waited goes now (Delivered once Postfix's success report is read), and the notice is gone.
    await untilRowSays(page, 'While revoked', /Sent|Delivered/);
    await go(page, 'Dashboard');
    await expect(notice).toHaveCount(0);

    // Sign out: the stored sign-in is gone and logins say so.
    await go(page, 'Preferences');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('note', { name: 'Sign-in state' })).toHaveText('Not signed in.');
    await page.getByRole('button', { name: 'Test SMTP connection' }).click();
    await expect(page.getByRole('status', { name: 'Test SMTP connection result' })).toContainText('Not signed in');

    // A provider preset with its own sign-in chooses it for both logins.
    await page.getByLabel('Provider', { exact: true }).selectOption('outlook-com');
    await expect(page.getByLabel('SMTP login')).toHaveValue('oauth2');
    await expect(page.getByLabel('IMAP login')).toHaveValue('oauth2');
    await expect(page.getByLabel('Sign-in provider')).toHaveValue('microsoft');
    await expect(page.getByRole('button', { name: 'Sign in with Microsoft' })).toBeDisabled(); // not saved yet
  } finally {
    await app.stop();
    await servers.stop();
    await oauth.stop();
  }
});
