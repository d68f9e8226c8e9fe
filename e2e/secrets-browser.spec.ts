import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { startBrowserApp, tempDataDir } from './app-process';
import { go } from './scenario';

const prefsForm = (page: Page) => page.getByRole('form', { name: 'Preferences' });
const save = async (page: Page) => {
  await prefsForm(page).getByRole('button', { name: 'Save preferences' }).click();
  await expect(prefsForm(page).getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
};

async function saveSmtp(page: Page, host: string, password: string) {
  await go(page, 'Preferences');
  const form = prefsForm(page);
  await form.getByLabel('SMTP server').fill(host);
  await form.getByLabel('SMTP port').fill('2525');
  await form.getByLabel('SMTP security').selectOption('none');
  await form.getByLabel('SMTP user name').fill('studio');
  await form.getByRole('textbox', { name: 'SMTP password' }).fill(password);
  await save(page);
}

test('browser mode: a data folder without its secret.key starts, and Preferences asks for the password again', async ({ page }) => {
  const dataDir = tempDataDir();
  const first = await startBrowserApp(dataDir);
  await page.goto(first.url);
  await saveSmtp(page, '127.0.0.1', 'first-password');
  await expect(prefsForm(page).getByRole('group', { name: 'SMTP password' })).toContainText('A value is stored');
  await first.stop();
  fs.unlinkSync(path.join(dataDir, 'secret.key'));

  const second = await startBrowserApp(dataDir);
  await page.goto(second.url);
  await go(page, 'Preferences');
  const form = prefsForm(page);
  await expect(form.getByLabel('SMTP server')).toHaveValue('127.0.0.1'); // nothing else is lost
  const note = form.getByRole('note', { name: 'SMTP password needs entering again' });
  await expect(note).toHaveText('the stored SMTP password can no longer be read: enter it again');
  await form.getByRole('textbox', { name: 'SMTP password' }).fill('typed-again');
  await save(page);
  await expect(note).toHaveCount(0);
  await expect(form.getByRole('group', { name: 'SMTP password' })).toContainText('A value is stored');
  await second.stop();
});

test('browser mode: a new SMTP server needs the password again, and none goes unencrypted without a confirmation for that host', async ({ page }) => {
  const app = await startBrowserApp(tempDataDir());
  try {
    await page.goto(app.url);
    await saveSmtp(page, '127.0.0.1', 'bound-password');
    const form = prefsForm(page);
    // 192.0.2.1 is a documentation address: Outpost refuses before any connection to it opens.
    await form.getByLabel('SMTP server').fill('192.0.2.1');
    const note = form.getByRole('note', { name: 'SMTP password needs entering again' });
    await expect(note).toHaveText('the stored SMTP password is only ever sent to studio@127.0.0.1:2525: enter the password for this server');
    await save(page);
    await page.reload();
    await go(page, 'Preferences');
    await expect(note).toContainText('was saved for another server or user name');
    await expect(form.getByRole('group', { name: 'SMTP password' })).not.toContainText('A value is stored');

    // A password for the new host, security "none", not confirmed: Test connection says it was not sent.
    await form.getByRole('textbox', { name: 'SMTP password' }).fill('new-password');
    const confirm = form.getByRole('checkbox', { name: /Send my SMTP password to 192\.0\.2\.1 without encryption/ });
    await expect(confirm).not.toBeChecked();
    await form.getByRole('button', { name: 'Test SMTP connection' }).click();
    await expect(form.getByRole('status', { name: 'Test SMTP connection result' })).toContainText('did not send your SMTP password to 192.0.2.1');

    // The confirmation is saved for that host; a different host is not confirmed by it.
    await confirm.check();
    await save(page);
    await page.reload();
    await go(page, 'Preferences');
    await expect(confirm).toBeChecked();
    await form.getByLabel('SMTP server').fill('192.0.2.2');
    await expect(form.getByRole('checkbox', { name: /Send my SMTP password to 192\.0\.2\.2 without encryption/ })).not.toBeChecked();
  } finally {
    await app.stop();
  }
});
