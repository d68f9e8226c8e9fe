import { expect, test } from '@playwright/test';
import { startBrowserApp, tempDataDir } from './app-process';
import { enterData, findData, go } from './scenario';

test('browser mode: data entered survives a restart of the app', async ({ page }) => {
  const dataDir = tempDataDir();
  const first = await startBrowserApp(dataDir);
  await page.goto(first.url);
  await enterData(page);
  await first.stop();

  const second = await startBrowserApp(dataDir);
  await page.goto(second.url);
  await findData(page);
  await second.stop();
});

test('browser mode: the API refuses a page that lacks the launch token', async ({ page }) => {
  const app = await startBrowserApp(tempDataDir());
  await page.goto(app.url.replace(/#.*/, ''));
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Contacts' }).click();
  await page.getByText(/launch token/).first().waitFor();
  await app.stop();
});

test('browser mode: the Failed section opens empty, and the mailbox watcher settings persist', async ({ page }) => {
  const app = await startBrowserApp(tempDataDir());
  try {
    await page.goto(app.url);
    await go(page, 'Failed');
    await expect(page.getByRole('table', { name: 'Failed recipients' })).toBeVisible();
    await expect(page.getByText('No recipient has failed.')).toBeVisible();
    const reason = page.getByLabel('Reason', { exact: true });
    await expect(reason).toHaveValue('');
    await expect(reason.locator('option')).toHaveText([
      'All reasons (0)', 'hard bounce (0)', 'soft bounce (0)', 'auto responder (0)', 'transient bounce (0)', 'blocked (0)', 'invalid address (0)', 'deactivated address (0)',
    ]);
    await expect(page.getByLabel('Search failed')).toBeVisible();
    await expect(page.getByText('No unmatched reports.')).toBeVisible();

    await go(page, 'Preferences');
    const prefs = page.getByRole('form', { name: 'Preferences' });
    await expect(prefs.getByLabel('Check every (minutes)')).toHaveValue('2');
    await expect(prefs.getByLabel('Move processed reports to')).toHaveValue('');
    await expect(prefs.getByRole('checkbox', { name: 'Mark processed reports as read' })).not.toBeChecked();
    // No IMAP account yet: the watcher is off and says so in its own words.
    await expect(page.getByRole('status', { name: 'Mailbox watcher' })).not.toHaveText('');

    // A bad interval is refused in place, naming the field.
    await prefs.getByLabel('Check every (minutes)').fill('0');
    await prefs.getByRole('button', { name: 'Save preferences' }).click();
    await expect(prefs.locator('label.field', { hasText: 'Check every (minutes)' }).getByRole('alert')).toBeVisible();

    await prefs.getByLabel('Check every (minutes)').fill('5');
    await prefs.getByLabel('Move processed reports to').fill('Outpost/Processed');
    await prefs.getByRole('checkbox', { name: 'Mark processed reports as read' }).check();
    await prefs.getByRole('button', { name: 'Save preferences' }).click();
    await expect(prefs.getByRole('status')).toHaveText('Saved');

    await page.reload();
    await expect(prefs.getByLabel('Check every (minutes)')).toHaveValue('5');
    await expect(prefs.getByLabel('Move processed reports to')).toHaveValue('Outpost/Processed');
    await expect(prefs.getByRole('checkbox', { name: 'Mark processed reports as read' })).toBeChecked();
  } finally {
    await app.stop();
  }
});
