import { expect, test, type Page } from '@playwright/test';
import { generateSecret } from '../relay/token';
import { startBrowserApp, startRelay, tempDataDir } from './app-process';
import { startSmtpSink } from './smtp-sink';
import { compose, savePreferences, trackingUrls } from './send-steps';

/** A person's browser on the desktop (webmail, or the link opened from a mail program). */
const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
/** Apple Mail Privacy Protection's agent, which scanners also send. */
const BARE_UA = 'Mozilla/5.0';

const outboxRow = (page: Page, subject: string) => page.getByRole('row').filter({ hasText: subject });
const cellUnder = async (page: Page, subject: string, header: string) => {
  const headers = (await page.getByRole('columnheader').allTextContents()).map((h) => h.replace(/[▲▼]/g, '').trim());
  return outboxRow(page, subject).getByRole('cell').nth(headers.indexOf(header));
};

test("opens counted honestly: a click implies a person's view, a scanner's HEAD names no program, people's views beside all fetches", async ({ page }) => {
  const secret = generateSecret();
  const smtp = await startSmtpSink();
  const relay = await startRelay(secret);
  // The app's clock runs an hour behind the relay's: what it sends now, the relay sees fetched an
  // hour after sending, past the seconds in which a click is a link checker's.
  const app = await startBrowserApp(tempDataDir(), { OUTPOST_CLOCK_OFFSET_MS: String(-3_600_000) });
  try {
    await savePreferences(app.url, smtp.port, relay.url, secret);
    await page.goto(app.url);
    await compose(page, 'Ana Client <ana@client.example>', 'Gallery link', 'Hello Ana,\n\nyour photos: https://studio.example/gallery\n');
    await page.getByRole('button', { name: 'Close details' }).click();
    await compose(page, 'bo@client.example', 'Invoice 12', 'Hello Bo,\n\nthe invoice: https://studio.example/invoice\n');
    await page.getByRole('button', { name: 'Close details' }).click();
    const mails = await smtp.waitFor(2);
    const gallery = trackingUrls(String(mails.find((m) => m.parsed.subject === 'Gallery link')!.parsed.html));
    const invoice = trackingUrls(String(mails.find((m) => m.parsed.subject === 'Invoice 12')!.parsed.html));

    // Ana's phone preloads images (Privacy Protection) but she reads with images blocked, then clicks.
    await fetch(gallery.pixel, { headers: { 'user-agent': BARE_UA } });
    expect((await fetch(gallery.click, { headers: { 'user-agent': BROWSER_UA }, redirect: 'manual' })).status).toBe(302);
    // Bo's mail gateway checks the pixel with a HEAD request and the agent of Apple's prefetch.
    expect((await fetch(invoice.pixel, { method: 'HEAD', headers: { 'user-agent': BARE_UA } })).status).toBe(200);

    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByRole('status', { name: 'Relay sync status' })).toContainText('Synced');

    // The Outbox says whom it counts: Ana's click is one view by a person; Bo's scanner counts for nothing.
    await expect(page.getByRole('columnheader', { name: 'Viewed (people)' })).toBeVisible();
    await expect(page.getByRole('columnheader', { name: 'Views (people)' })).toBeVisible();
    await expect(outboxRow(page, 'Gallery link')).toContainText('Read');
    const galleryViews = await cellUnder(page, 'Gallery link', 'Views (people)');
    await expect(galleryViews).toHaveText('1');
    await expect(galleryViews.locator('span')).toHaveAttribute('title', '1 view by people · 2 fetches in all (1 by machines)');
    await expect(await cellUnder(page, 'Gallery link', 'Email program')).toHaveText('Chrome on Linux');
    await expect(outboxRow(page, 'Invoice 12')).toContainText('Unread');
    const invoiceViews = await cellUnder(page, 'Invoice 12', 'Views (people)');
    await expect(invoiceViews).toHaveText('0');
    await expect(invoiceViews.locator('span')).toHaveAttribute('title', '0 views by people · 1 fetch in all (1 by machines)');
    await expect(await cellUnder(page, 'Invoice 12', 'Email program')).toHaveText('');

    // Details: the view implied by the click, and each fetch with who made it and why.
    await outboxRow(page, 'Gallery link').getByRole('link', { name: 'Gallery link' }).click();
    const details = page.getByRole('dialog', { name: 'Email details' });
    await expect(details.getByTestId('details-viewed')).toHaveText('Read');
    await expect(details.getByTestId('details-views')).toHaveText('1 view by people');
    await expect(details.getByTestId('details-fetches')).toHaveText('2 fetches in all (1 by machines)');
    await expect(details.getByRole('table', { name: 'Recipients' })).toContainText('Opened (implied by a click — images were not loaded)');
    let events = details.getByRole('table', { name: 'Events' }).getByRole('row');
    await expect(events).toHaveCount(3);
    await expect(events.nth(1).getByRole('cell').nth(3)).toContainText('privacy prefetch — not counted');
    await expect(events.nth(1).getByRole('cell').nth(3)).toContainText('the bare "Mozilla/5.0" of Apple Mail Privacy Protection 1 h after sending');
    await expect(events.nth(1).getByRole('cell').nth(4)).toHaveText('');
    await expect(events.nth(2)).toContainText('clicked https://studio.example/gallery');
    await expect(events.nth(2).getByRole('cell').nth(3)).toContainText('person');
    await expect(events.nth(2).getByRole('cell').nth(3)).not.toContainText('not counted');
    await expect(events.nth(2).getByRole('cell').nth(4)).toHaveText('Chrome on Linux');
    await page.getByRole('button', { name: 'Close details' }).click();

    await outboxRow(page, 'Invoice 12').getByRole('link', { name: 'Invoice 12' }).click();
    await expect(details.getByTestId('details-viewed')).toHaveText('Unread');
    await expect(details.getByTestId('details-views')).toHaveText('0 views by people');
    await expect(details.getByTestId('details-fetches')).toHaveText('1 fetch in all (1 by machines)');
    await expect(details.getByRole('table', { name: 'Recipients' })).not.toContainText('implied by a click');
    events = details.getByRole('table', { name: 'Events' }).getByRole('row');
    await expect(events).toHaveCount(2);
    await expect(events.nth(1)).toContainText('opened (HEAD)');
    await expect(events.nth(1).getByRole('cell').nth(3)).toContainText('security scanner — not counted');
    await expect(events.nth(1).getByRole('cell').nth(3)).toContainText('a HEAD request 1 h after sending: checkers ask whether a link or image is there');
    await expect(events.nth(1).getByRole('cell').nth(4)).toHaveText('');
  } finally {
    await app.stop();
    await relay.stop();
    await smtp.close();
  }
});
