import { test } from '@playwright/test';
import { startBrowserApp, tempDataDir } from './app-process';
import { enterData, findData } from './scenario';

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
