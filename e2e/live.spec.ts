import { expect, test } from '@playwright/test';
import { generateSecret } from '../relay/token';
import { api } from './api';
import { PERSON_UA, pixelUrl } from './send-steps';
import { startBrowserApp, startRelay, tempDataDir } from './app-process';
import { go } from './scenario';
import { startSmtpSink } from './smtp-sink';

const FILLERS = 60;

test('an open synced while the Outbox is open shows in its row and in Show details without a reload, keeping scroll and the open email', async ({ page }) => {
  const secret = generateSecret();
  const smtp = await startSmtpSink();
  const relay = await startRelay(secret);
  const app = await startBrowserApp(tempDataDir());
  try {
    await api(app.url, 'preferences.save', {
      smtp: { host: '127.0.0.1', port: smtp.port, security: 'none', fromName: 'Studio', fromAddress: 'studio@outpost.test', messagesPerMinute: 6000 },
      imap: { host: '' },
      tracking: { mode: 'opens_clicks', relayUrl: relay.url, relaySecret: secret },
    });
    // The tracked email first, so it is the oldest: at the bottom of the Outbox, below the fold.
    await api(app.url, 'emails.send', { to: [{ address: 'ana@client.example' }], subject: 'Live gallery', bodyText: 'Hello Ana', tracking: 'opens_clicks' });
    for (let i = 1; i <= FILLERS; i++) await api(app.url, 'emails.send', { to: [{ address: `c${i}@client.example` }], subject: `Filler ${i}`, bodyText: 'x', tracking: 'off' });
    const mails = await smtp.waitFor(FILLERS + 1);
    const pixel = pixelUrl(String(mails.find((m) => m.envelopeTo[0] === 'ana@client.example')!.parsed.html));

    await page.goto(app.url);
    await go(page, 'Outbox');
    const table = page.getByRole('table', { name: 'Emails' });
    const row = table.getByRole('row').filter({ hasText: 'Live gallery' });
    const body = table.locator('.grid-body');
    await expect(table.getByRole('row').filter({ hasText: 'Filler 60' })).toBeVisible();
    await body.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect(row).toContainText('Sent');
    await expect(row).toContainText('Unread');
    await row.getByRole('link', { name: 'Live gallery' }).click();
    const details = page.getByRole('dialog', { name: 'Email details' });
    await expect(details.getByTestId('details-viewed')).toHaveText('Unread');
    const scrolled = await body.evaluate((el) => el.scrollTop);
    expect(scrolled).toBeGreaterThan(500);
    const openUrl = page.url();
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

    // The client opens it; the core pulls the relay (as its timer would), called from outside the page.
    expect((await fetch(pixel, { headers: { 'user-agent': PERSON_UA } })).status).toBe(200);
    await api(app.url, 'tracking.syncNow', {});
    const synced = Date.now();

    await expect(row).toContainText('Opened', { timeout: 5_000 });
    const shownAfterMs = Date.now() - synced;
    await expect(row.getByRole('cell').filter({ hasText: /^Read$/ })).toBeVisible();
    await expect(details.getByTestId('details-viewed')).toHaveText('Read');
    await expect(details.getByTestId('details-views')).toHaveText('1 view by people');
    await expect(details.getByRole('table', { name: 'Recipients' })).toContainText('Opened');
    console.log(`live: the synced open showed in the Outbox row ${shownAfterMs} ms after the sync returned`);
    expect(shownAfterMs).toBeLessThan(2_000);

    // Same page, same place, same email open.
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(await body.evaluate((el) => el.scrollTop)).toBe(scrolled);
    expect(page.url()).toBe(openUrl);
    await expect(details.getByRole('heading', { name: 'Live gallery' })).toBeVisible();
  } finally {
    await app.stop();
    await relay.stop();
    await smtp.close();
  }
});
