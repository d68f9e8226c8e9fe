// First run as a new user meets it: the checklist on the dashboard, Track off without a relay,
// and the truth in Viewed for a tracked email that reached no one.
import { expect, test, type Page } from '@playwright/test';
import { generateSecret } from '../relay/token';
import { api } from './api';
import { startBrowserApp, tempDataDir } from './app-process';
import { go } from './scenario';
import { startSmtpSink } from './smtp-sink';

const checklist = (page: Page) => page.getByRole('region', { name: 'First-run checklist' });

test('first run: the checklist tests the saved SMTP account, and Track is off with its reason until a relay is set', async ({ page }) => {
  const smtp = await startSmtpSink();
  const app = await startBrowserApp(tempDataDir());
  try {
    await page.goto(app.url);
    await expect(checklist(page)).toBeVisible();
    for (const kind of ['smtp', 'imap', 'relay']) await expect(page.getByTestId(`checklist-${kind}-state`)).toHaveText('not set up');

    // Compose: Track is off, cannot be switched on, and says why with a way to fix it.
    await go(page, 'Compose');
    const form = page.getByRole('form', { name: 'Email' });
    await expect(form.getByLabel('Track')).toHaveValue('off');
    await expect(form.getByLabel('Track').locator('option:not([disabled])')).toHaveText(['Off']);
    await expect(form.getByTestId('track-blocked')).toContainText('no relay is set up');
    await form.getByRole('link', { name: 'Set up the relay in Preferences' }).click();
    await expect(page.getByRole('form', { name: 'Preferences' })).toBeVisible();

    // Saved SMTP account: the checklist's Test reaches it and says what happened.
    await api(app.url, 'preferences.save', {
      smtp: { host: '127.0.0.1', port: smtp.port, security: 'none', fromName: 'Studio', fromAddress: 'studio@outpost.test' }, imap: { host: '' }, tracking: {},
    });
    await go(page, 'Dashboard');
    await expect(page.getByTestId('checklist-smtp-state')).toHaveText('set up, not tested yet');
    await page.getByTestId('checklist-smtp').getByRole('button', { name: 'Test' }).click();
    await expect(page.getByTestId('checklist-smtp-result')).toContainText(`OK: Connected to 127.0.0.1:${smtp.port} without TLS`);
    await expect(page.getByTestId('checklist-smtp-state')).toHaveText('✓ tested');
    await expect(page.getByTestId('checklist-imap-state')).toHaveText('not set up');
    // The result is kept for that account: still there after a reload.
    await page.reload();
    await expect(page.getByTestId('checklist-smtp-state')).toHaveText('✓ tested');
    await expect(page.getByRole('heading', { name: 'Notices' })).toBeVisible();
  } finally {
    await app.stop();
    await smtp.close();
  }
});

test('a tracked email that reached no one shows Viewed "Failed", not "Untracked"', async ({ page }) => {
  const smtp = await startSmtpSink();
  const app = await startBrowserApp(tempDataDir());
  try {
    await api(app.url, 'preferences.save', {
      smtp: { host: '127.0.0.1', port: smtp.port, security: 'none', fromName: 'Studio', fromAddress: 'studio@outpost.test' }, imap: { host: '' },
      tracking: { mode: 'opens_clicks', relayUrl: 'https://relay.outpost.test', relaySecret: generateSecret() },
    });
    await page.goto(app.url);
    await go(page, 'Compose');
    const form = page.getByRole('form', { name: 'Email' });
    await expect(form.getByLabel('Track')).toHaveValue('opens_clicks');
    await expect(form.getByLabel('Track').locator('option:not([disabled])')).toHaveText(['Off', 'Opens', 'Opens and clicks']);
    await expect(form.getByTestId('track-blocked')).toHaveCount(0);
    await form.getByLabel('To address').fill('bad@');
    await form.getByLabel('To address').press('Enter');
    await form.getByLabel('Subject').fill('Never sent');
    await form.getByLabel('Message').fill('Hello');
    await form.getByRole('button', { name: 'Send' }).click();
    const details = page.getByRole('dialog', { name: 'Email details' });
    await expect(details).toBeVisible();
    await expect(details.getByTestId('details-viewed')).toHaveText('Failed');
    await expect(details).toContainText('tracking opens and clicks');
  } finally {
    await app.stop();
    await smtp.close();
  }
});
