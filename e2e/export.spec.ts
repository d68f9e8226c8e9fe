import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { generateSecret } from '../relay/token';
import { openDatabase } from '../main/db/open-database';
import { seedDatabase } from '../main/seed/seed-database';
import { readCsv } from '../main/test/read-csv';
import { startBrowserApp, startRelay, tempDataDir } from './app-process';
import { go } from './scenario';
import { compose, PERSON_UA, pixelUrl, savePreferences } from './send-steps';
import { startSmtpSink } from './smtp-sink';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;
const HOSTILE = '=HYPERLINK("http://evil.example") Gallery, "final"';

/** Export CSV from the open section into `folder`; the file's rows once it is saved. */
async function exportCsv(page: Page, folder: string, report?: string): Promise<{ file: string; rows: string[][] }> {
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const panel = page.getByRole('form', { name: 'Export CSV' });
  if (report) await panel.getByLabel('Report').selectOption({ label: report });
  await panel.getByLabel('Folder').fill(folder);
  await panel.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(panel.getByRole('status', { name: 'Export result' })).toContainText('Saved');
  const file = (await panel.getByRole('status', { name: 'Export result' }).locator('code').textContent())!;
  expect(path.dirname(file)).toBe(folder);
  await panel.getByRole('button', { name: 'Close' }).click();
  await expect(panel).toBeHidden();
  const text = fs.readFileSync(file, 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff); // the BOM spreadsheet apps need for UTF-8
  return { file, rows: readCsv(text.slice(1)) };
}

test('CSV export after real sends: the tracking report and all emails read back row by row, and Failed as filtered', async ({ page }) => {
  const secret = generateSecret();
  const smtp = await startSmtpSink();
  const relay = await startRelay(secret);
  const app = await startBrowserApp(tempDataDir());
  const folder = tempDataDir();
  try {
    await savePreferences(app.url, smtp.port, relay.url, secret);
    await page.goto(app.url);

    await compose(page, 'Ana Client <ana@client.example>', HOSTILE, 'Hello Ana,\n\nyour photos: https://studio.example/gallery\n', { cc: 'bo@client.example' });
    const mails = await smtp.waitFor(2);
    const toAna = mails.find((m) => m.envelopeTo.includes('ana@client.example'))!;
    const pixel = pixelUrl(String(toAna.parsed.html));
    expect((await fetch(pixel, { headers: { 'user-agent': PERSON_UA } })).status).toBe(200);
    await page.getByRole('button', { name: 'Close details' }).click();
    await compose(page, 'dee@client.example', 'Untracked note', 'Just a note.', { track: 'off' });
    await page.getByRole('button', { name: 'Close details' }).click();
    await compose(page, 'cy@client.example', 'Invoice 12', 'Attached.', { cc: 'not-an-address' });
    await page.getByRole('button', { name: 'Close details' }).click();
    await smtp.waitFor(4);

    await go(page, 'Outbox');
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByRole('row').filter({ hasText: 'Gallery' })).toContainText('Read');
    await expect(page.getByRole('row').filter({ hasText: 'Invoice 12' })).toContainText('Sent');
    await expect(page.getByRole('row').filter({ hasText: 'Untracked note' })).toContainText('Sent');

    // The year's tracking report: one row per copy, newest email first, the untracked email left out.
    const tracking = await exportCsv(page, folder, 'Tracking report, past year (tracked emails)');
    expect(path.basename(tracking.file)).toMatch(/^outpost-tracking-report-\d{4}-\d{2}-\d{2}\.csv$/);
    const [header, ...rows] = tracking.rows;
    expect(header).toEqual(['Date', 'Subject', 'Shoot', 'Recipient', 'Name', 'Kind', 'Status', 'Viewed (people)', 'First viewed (people)', 'Last viewed (people)',
      'Views (people)', 'Program (people)', 'Clicks (people)', 'Bounce class', 'Bounce reason']);
    expect(rows).toHaveLength(4);
    for (const r of rows) expect(r[0]).toMatch(ISO);
    expect(Date.parse(rows[0]![0]!)).toBeGreaterThanOrEqual(Date.parse(rows[2]![0]!));
    expect(rows[0]!.slice(1, 15)).toEqual(['Invoice 12', '', 'cy@client.example', '', 'To', 'Sent', 'Unread', '', '', '0', '', '0', '', '']);
    expect(rows[1]!.slice(1, 8)).toEqual(['Invoice 12', '', 'not-an-address', '', 'Cc', 'Failed', 'Failed']);
    expect(rows[1]![14]).not.toBe('');
    // The subject a spreadsheet would run as a formula is text, whole, with its comma and quotes.
    const ana = rows[2]!;
    expect(ana.slice(1, 8)).toEqual([`'${HOSTILE}`, '', 'ana@client.example', 'Ana Client', 'To', 'Opened', 'Read']);
    expect(ana[8]).toMatch(ISO);
    expect(ana[9]).toMatch(ISO);
    expect(ana.slice(10, 15)).toEqual(['1', 'Thunderbird', '0', '', '']);
    expect(rows[3]!.slice(1, 15)).toEqual([`'${HOSTILE}`, '', 'bo@client.example', '', 'Cc', 'Sent', 'Unread', '', '', '0', '', '0', '', '']);

    // All emails: the untracked one too.
    const all = await exportCsv(page, folder, 'All emails');
    expect(all.rows.slice(1).map((r) => [r[1], r[3], r[7]])).toEqual([
      ['Invoice 12', 'cy@client.example', 'Unread'], ['Invoice 12', 'not-an-address', 'Failed'],
      ['Untracked note', 'dee@client.example', 'Untracked'], [`'${HOSTILE}`, 'ana@client.example', 'Read'], [`'${HOSTILE}`, 'bo@client.example', 'Unread'],
    ]);

    // Failed, filtered to invalid addresses: only those rows.
    await go(page, 'Failed');
    await page.getByLabel('Reason').selectOption('invalid address');
    const failed = await exportCsv(page, folder);
    expect(failed.rows[0]).toEqual(['Date', 'Address', 'Contact', 'Subject', 'Status', 'Reason', 'Detail', 'Code', 'Diagnostic', 'Deactivated']);
    expect(failed.rows.slice(1).map((r) => [r[1], r[3], r[4], r[5], r[9]])).toEqual([['not-an-address', 'Invoice 12', 'Failed', 'invalid address', 'no']]);
    expect(fs.readdirSync(folder).sort()).toEqual([all.file, failed.file, tracking.file].map((f) => path.basename(f)).sort());
  } finally {
    await app.stop();
    await relay.stop();
    await smtp.close();
  }
});

test('a large export shows its progress, and Cancel stops it and leaves no file', async ({ page }) => {
  // Enough copies that the export is still running when Cancel is pressed; seeding them takes a while.
  test.setTimeout(150_000);
  const dataDir = tempDataDir();
  const db = openDatabase(dataDir);
  seedDatabase(db, { emails: 20_000, recipients: 300_000, days: 300 });
  const copies = db.prepare('SELECT count(*) FROM recipients').pluck().get() as number;
  db.close();
  const app = await startBrowserApp(dataDir);
  const folder = tempDataDir();
  try {
    await page.goto(app.url);
    await go(page, 'Outbox');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const panel = page.getByRole('form', { name: 'Export CSV' });
    await panel.getByLabel('Report').selectOption({ label: 'All emails' });
    await panel.getByLabel('Folder').fill(folder);
    await panel.getByRole('button', { name: 'Export', exact: true }).click();
    const progress = panel.getByRole('progressbar', { name: 'Export progress' });
    await expect(progress).toBeVisible();
    await expect(panel).toContainText(`of ${copies.toLocaleString('en-US')} rows`);
    await expect.poll(async () => Number(await progress.getAttribute('value'))).toBeGreaterThan(0);
    await panel.getByRole('button', { name: 'Cancel export' }).click();
    await expect(panel.getByRole('status', { name: 'Export result' })).toHaveText('Export cancelled: no file was left behind.');
    await expect(progress).toBeHidden();
    expect(fs.readdirSync(folder)).toEqual([]);
  } finally {
    await app.stop();
  }
});
