import { expect, test, type Page } from '@playwright/test';
import { api } from './api';
import { go } from './scenario';
import { compose, PERSON_UA, pixelUrl, sendWithReminder, startTrackedApp } from './send-steps';
import type { Received } from './smtp-sink';

declare global {
  interface Window {
    shownNotifications: Notification[];
  }
}

/** Init script: every Notification the page constructs is recorded, and still made by the real one. */
function recordNotifications() {
  const Real = window.Notification;
  const shown: Notification[] = [];
  window.shownNotifications = shown;
  window.Notification = class extends Real {
    constructor(title: string, options?: NotificationOptions) {
      super(title, options);
      shown.push(this);
    }
  };
}

const shown = (page: Page) => page.evaluate(() => window.shownNotifications.map((n) => ({ title: n.title, body: n.body })));
const titles = async (page: Page) => (await shown(page)).map((n) => n.title);
const clickNotification = (page: Page, index: number) => page.evaluate((i) => window.shownNotifications[i]!.dispatchEvent(new Event('click')), index);
const pixelOf = (mail: Received) => pixelUrl(String(mail.parsed.html));
const fetchAs = (url: string, userAgent: string) => fetch(url, { headers: { 'user-agent': userAgent } });
/** Apple Mail Privacy Protection's bare user agent: it fetches every image whether anyone reads or not. */
const PREFETCH_UA = 'Mozilla/5.0';
const DAY = 86_400_000;

/** HH:MM of the machine's local time `minutes` from now (the app runs on this machine). */
const localTime = (minutes: number) => {
  const d = new Date(Date.now() + minutes * 60_000);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

test("a person's first open notifies once with contact, subject and time; its click opens the email; machines, repeats, off and quiet hours never", async ({ page, context }) => {
  const world = await startTrackedApp();
  const { smtp } = world;
  try {
    await page.addInitScript(recordNotifications);
    await page.goto(world.url());

    // This browser has not allowed notifications yet: Preferences says so and asks on a click.
    await go(page, 'Preferences');
    const settings = page.getByRole('group', { name: 'Notifications' });
    await expect(settings.getByRole('note')).toContainText('has not allowed Outpost’s notifications yet');
    await context.grantPermissions(['notifications']);
    await settings.getByRole('button', { name: 'Allow notifications' }).click();
    await expect(settings.getByRole('note')).toHaveCount(0);

    let sent = 0;
    /** Sends an email and has its recipient's mail program load the pixel once; then the core syncs. */
    const sendAndOpen = async (to: string, subject: string) => {
      await compose(page, to, subject, 'Hello,\n\nyour photos: https://studio.example/gallery\n');
      await page.getByRole('button', { name: 'Close details' }).click();
      const mail = (await smtp.waitFor(++sent)).find((m) => m.parsed.subject === subject)!;
      await fetchAs(pixelOf(mail), PERSON_UA);
      await api(world.url(), 'tracking.syncNow', {});
      return mail;
    };

    await compose(page, 'Ana Client <ana@client.example>', 'Your gallery is ready', 'Hello Ana,\n\nyour photos: https://studio.example/gallery\n');
    const details = page.getByRole('dialog', { name: 'Email details' });
    const detailsUrl = page.url();
    await page.getByRole('button', { name: 'Close details' }).click();
    const [gallery] = await smtp.waitFor(++sent);

    // Apple's privacy prefetch is synced first: a machine, never told. Then Ana opens it herself.
    await fetchAs(pixelOf(gallery!), PREFETCH_UA);
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByRole('status', { name: 'Relay sync status' })).toContainText('Synced');
    await fetchAs(pixelOf(gallery!), PERSON_UA);
    await api(world.url(), 'tracking.syncNow', {});
    await expect.poll(() => shown(page)).toEqual([
      { title: 'Ana Client opened “Your gallery is ready”', body: expect.stringMatching(/^opened (less than a minute|\d+ minutes?) after sending$/) },
    ]);

    // Clicking the notification opens that email's details.
    await go(page, 'Dashboard');
    await expect(details).toHaveCount(0);
    await clickNotification(page, 0);
    await expect(details).toContainText('Your gallery is ready');
    expect(page.url()).toBe(detailsUrl);
    await page.getByRole('button', { name: 'Close details' }).click();

    // Ana opens it again: not news.
    await fetchAs(pixelOf(gallery!), PERSON_UA);
    await api(world.url(), 'tracking.syncNow', {});

    // Turned off in Preferences: Bo's first open is not told.
    await go(page, 'Preferences');
    await settings.getByRole('checkbox', { name: /Desktop notifications/ }).uncheck();
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
    await sendAndOpen('bo@client.example', 'Invoice 12');

    // On again, with quiet hours around now (the page says what they do): Cy's first open is not told either.
    await go(page, 'Preferences');
    await settings.getByRole('checkbox', { name: /Desktop notifications/ }).check();
    await settings.getByRole('checkbox', { name: 'Quiet hours' }).check();
    await settings.getByLabel('Quiet from').fill(localTime(-60));
    await settings.getByLabel('Quiet until').fill(localTime(60));
    await expect(settings).toContainText('During quiet hours nothing pops up');
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
    await sendAndOpen('cy@client.example', 'Album choices');

    // Quiet hours off: Di's first open is told, the only one since Ana's (the stream keeps order).
    await go(page, 'Preferences');
    await settings.getByRole('checkbox', { name: 'Quiet hours' }).uncheck();
    await page.getByRole('button', { name: 'Save preferences' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
    await sendAndOpen('di@client.example', 'Second shoot');
    await expect.poll(() => titles(page)).toEqual(['Ana Client opened “Your gallery is ready”', 'di@client.example opened “Second shoot”']);
  } finally {
    await world.stop();
  }
});

test('a follow-up that came due notifies when the app runs days later; its click opens the email', async ({ page, context }) => {
  const world = await startTrackedApp();
  try {
    await context.grantPermissions(['notifications']);
    await page.addInitScript(recordNotifications);
    await page.goto(world.url());
    await sendWithReminder(page, 'Ana <ana@client.example>', 'Quote for June', 1, 'replied');
    await world.smtp.waitFor(1);

    // Two days later by the app's clock (reminders/clock.ts), on the same data.
    await world.restart({ OUTPOST_CLOCK_OFFSET_MS: String(2 * DAY) });
    await page.goto(world.url());
    await expect.poll(() => shown(page)).toEqual([
      { title: 'Follow up: Ana hasn\'t replied to “Quote for June” in 2 days', body: 'No reply has come to the watched mailbox.' },
    ]);
    await clickNotification(page, 0);
    await expect(page.getByRole('dialog', { name: 'Email details' })).toContainText('Quote for June');
  } finally {
    await world.stop();
  }
});
