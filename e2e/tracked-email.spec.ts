import { expect, test } from '@playwright/test';
import { generateSecret } from '../relay/token';
import { startBrowserApp, startRelay, tempDataDir } from './app-process';
import { startSmtpSink } from './smtp-sink';
import { compose, PERSON_UA, savePreferences, trackingUrls } from './send-steps';

test('a tracked email: sent through SMTP, opened and clicked through a real relay, shown as Read after Sync now', async ({ page }) => {
  const secret = generateSecret();
  const smtp = await startSmtpSink();
  const relay = await startRelay(secret);
  const app = await startBrowserApp(tempDataDir());
  try {
    await savePreferences(app.url, smtp.port, relay.url, secret);
    await page.goto(app.url);

    await compose(page, 'Ana Client <ana@client.example>', 'Your gallery is ready', 'Hello Ana,\n\nyour photos: https://studio.example/gallery\n');
    const [mail] = await smtp.waitFor(1);
    expect(mail!.envelopeTo).toEqual(['ana@client.example']);
    const { pixel, click } = trackingUrls(String(mail!.parsed.html));
    expect(pixel.startsWith(relay.url.replace(/\/$/, ''))).toBe(true);

    // The recipient's mail program loads the pixel, then the recipient follows the link.
    const opened = await fetch(pixel, { headers: { 'user-agent': PERSON_UA } });
    expect(opened.headers.get('content-type')).toContain('image/gif');
    const followed = await fetch(click, { headers: { 'user-agent': PERSON_UA }, redirect: 'manual' });
    expect(followed.status).toBe(302);
    expect(followed.headers.get('location')).toBe('https://studio.example/gallery');

    await page.getByRole('button', { name: 'Close details' }).click();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByRole('status', { name: 'Relay sync status' })).toContainText('Synced');
    const row = page.getByRole('row').filter({ hasText: 'Your gallery is ready' });
    await expect(row).toContainText('Read');
    await expect(row.getByRole('cell').nth(8)).toHaveText('1');

    await row.getByRole('link', { name: 'Your gallery is ready' }).click();
    const details = page.getByRole('dialog', { name: 'Email details' });
    await expect(details.getByTestId('details-viewed')).toHaveText('Read');
    await expect(details.getByTestId('details-views')).toHaveText('1 view by people');
    const events = details.getByRole('table', { name: 'Events' }).getByRole('row');
    await expect(events).toHaveCount(3); // header + open + click
    await expect(events.nth(1)).toContainText('opened');
    await expect(events.nth(1)).toContainText('Thunderbird');
    await expect(events.nth(2)).toContainText('clicked https://studio.example/gallery');
    await expect(details.getByRole('table', { name: 'Recipients' })).toContainText('Opened');
    await page.getByRole('button', { name: 'Close details' }).click();

    // With tracking off the copy carries no pixel and the Outbox says so.
    await compose(page, 'bo@client.example', 'Untracked note', 'Just a note.', { track: 'off' });
    const [, plain] = await smtp.waitFor(2);
    expect(plain!.raw).not.toContain('/o/');
    expect(plain!.parsed.html).toBeFalsy();
    await page.getByRole('button', { name: 'Close details' }).click();
    await expect(page.getByRole('row').filter({ hasText: 'Untracked note' })).toContainText('Untracked');
  } finally {
    await app.stop();
    await relay.stop();
    await smtp.close();
  }
});
