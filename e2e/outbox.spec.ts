import { expect, test, type Page } from '@playwright/test';
import { openDatabase } from '../main/db/open-database';
import { seedDatabase } from '../main/seed/seed-database';
import { startBrowserApp, tempDataDir } from './app-process';

// A seeded data folder: 300 emails of the last 60 days, some with Cc and Bcc copies, and one
// dispatch of 7 of them.
function seededFolder() {
  const dataDir = tempDataDir();
  const db = openDatabase(dataDir);
  seedDatabase(db, { emails: 300, recipients: 900, days: 60, seed: 11 });
  const dispatchId = Number(db.prepare(`INSERT INTO dispatches (name, subject, status, created_at) VALUES ('Spring mini sessions', 'Spring', 'done', 1)`).run().lastInsertRowid);
  const dispatched = db.prepare('SELECT id FROM emails ORDER BY id LIMIT 7').pluck().all() as number[];
  db.prepare('UPDATE emails SET dispatch_id = ? WHERE id IN (SELECT value FROM json_each(?))').run(dispatchId, JSON.stringify(dispatched));
  // An address that is in Cc only: never the To the recipients column names.
  const cc = db.prepare(`SELECT address FROM recipients WHERE kind = 'cc' AND address LIKE '%@newsletter.example.com'
                         AND address NOT IN (SELECT address FROM recipients WHERE kind = 'to') LIMIT 1`).pluck().get() as string;
  // A search is a substring: anna.12@… also finds anna.123@….
  const ccEmails = db.prepare(`SELECT e.subject FROM emails e WHERE e.id IN (SELECT email_id FROM recipients WHERE instr(lower(address), lower(?)))`).pluck().all(cc) as string[];
  const views = db.prepare('SELECT total_views FROM emails ORDER BY total_views DESC, id DESC').pluck().all() as number[];
  db.close();
  return { dataDir, dispatchId, cc, ccEmails, views };
}

const count = (page: Page) => page.locator('.filters [aria-live]');
const firstRow = (page: Page) => page.getByRole('table', { name: 'Emails' }).locator('[role="row"][aria-rowindex="1"]');
const viewsOf = (page: Page) => page.getByRole('table', { name: 'Emails' }).locator('[role="row"][data-loaded="true"] [role="cell"]:nth-child(9)');

test('Outbox: a header sorts in the database both ways, and the sort is kept across a restart', async ({ page }) => {
  const data = seededFolder();
  let app = await startBrowserApp(data.dataDir);
  try {
    await page.goto(app.url);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Outbox' }).click();
    await expect(count(page)).toHaveText('300 emails');
    const header = page.getByRole('columnheader', { name: /Views/ });
    await header.getByRole('button').click();
    await expect(header).toHaveAttribute('aria-sort', 'descending');
    await expect(firstRow(page).locator('[role="cell"]').nth(8)).toHaveText(String(data.views[0]));
    const shown = (await viewsOf(page).allTextContents()).map(Number);
    expect(shown).toEqual(data.views.slice(0, shown.length));
    await header.getByRole('button').click();
    await expect(header).toHaveAttribute('aria-sort', 'ascending');
    await expect(firstRow(page).locator('[role="cell"]').nth(8)).toHaveText(String(data.views.at(-1)));
    await app.stop();

    app = await startBrowserApp(data.dataDir);
    await page.goto(app.url);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Outbox' }).click();
    await expect(page.getByRole('columnheader', { name: /Views/ })).toHaveAttribute('aria-sort', 'ascending');
    await expect(firstRow(page).locator('[role="cell"]').nth(8)).toHaveText(String(data.views.at(-1)));
  } finally {
    await app.stop();
  }
});

test('Outbox: search finds an address that is only in Cc; a dispatch link filters to its emails until cleared', async ({ page }) => {
  const data = seededFolder();
  const app = await startBrowserApp(data.dataDir);
  try {
    await page.goto(app.url);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Outbox' }).click();
    await expect(count(page)).toHaveText('300 emails');
    await page.getByLabel('Search emails').fill(data.cc.toUpperCase());
    await expect(count(page)).toHaveText(`${data.ccEmails.length} email${data.ccEmails.length === 1 ? '' : 's'}`);
    const subjects = page.getByRole('table', { name: 'Emails' }).locator('[role="row"][data-loaded="true"] [role="cell"]:nth-child(2)');
    expect((await subjects.allTextContents()).sort()).toEqual([...data.ccEmails].sort());
    await page.getByLabel('Search emails').fill('');
    await expect(count(page)).toHaveText('300 emails');

    await page.evaluate((id) => (location.hash = `#/outbox?dispatch=${id}`), data.dispatchId);
    await expect(count(page)).toHaveText('7 emails');
    await expect(page.getByLabel('Dispatch', { exact: true })).toHaveValue(String(data.dispatchId));
    const chips = page.getByRole('group', { name: 'Active filters' });
    // A dispatch is named by its subject (without unfilled fields) and its day.
    await expect(chips.getByRole('button', { name: /^Clear Dispatch: Spring · / })).toBeVisible();
    // A status filter on top: any of the ticked statuses, within the dispatch.
    await page.locator('.status-filter summary').click();
    await page.getByRole('group', { name: 'Status' }).getByLabel('Bounced', { exact: true }).check();
    await expect(count(page)).toHaveText(/^\d emails?$/);
    await chips.getByRole('button', { name: 'Clear filters' }).click();
    await expect(count(page)).toHaveText('300 emails');
    await expect(page.getByLabel('Dispatch', { exact: true })).toHaveValue('');
  } finally {
    await app.stop();
  }
});

test('Outbox: at 1400 px and narrower the table scrolls sideways, and Show details leaves "Sync now" free', async ({ page }) => {
  const data = seededFolder();
  const app = await startBrowserApp(data.dataDir);
  try {
    await page.setViewportSize({ width: 1100, height: 800 });
    await page.goto(app.url);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Outbox' }).click();
    await expect(count(page)).toHaveText('300 emails');
    const grid = page.locator('.outbox .grid');
    const widths = await grid.evaluate((g) => ({ scroll: g.scrollWidth, client: g.clientWidth }));
    expect(widths.scroll).toBeGreaterThan(widths.client);
    await grid.evaluate((g) => g.scrollBy({ left: 2000 }));
    await expect(page.getByRole('columnheader', { name: /Email program/ })).toBeInViewport();

    await firstRow(page).getByRole('link').first().click();
    await expect(page.getByRole('dialog', { name: 'Email details' })).toBeVisible();
    await expect(page.getByRole('dialog', { name: 'Email details' }).getByText(/created .*\d{1,2}:\d{2}:\d{2}/)).toBeVisible();
    // "Sync now" still takes the click: nothing lies over it.
    const sync = page.getByRole('button', { name: /Sync now/ });
    await sync.click({ trial: true, timeout: 2000 });
  } finally {
    await app.stop();
  }
});
