import { expect, test } from '@playwright/test';
import { generateSecret } from '../relay/token';
import { startBrowserApp, startRelay, tempDataDir } from './app-process';
import { go } from './scenario';
import { startSmtpSink } from './smtp-sink';
import { api } from './api';
import { pixelUrl, savePreferences, PERSON_UA, syncNow, trackingUrls } from './send-steps';


test("a contact's timeline, a shoot's correspondence and a dispatch card, after real tracked sends, opens and clicks", async ({ page }) => {
  const secret = generateSecret();
  const smtp = await startSmtpSink();
  const relay = await startRelay(secret);
  const app = await startBrowserApp(tempDataDir());
  try {
    await savePreferences(app.url, smtp.port, relay.url, secret);
    const ana = await api<{ id: number }>(app.url, 'contacts.create', { name: 'Ana Client', addresses: [{ email: 'ana@client.example', purposes: ['client mail', 'newsletter'] }] });
    await api(app.url, 'contacts.create', { name: 'Bo Buyer', addresses: [{ email: 'bo@client.example', purposes: ['newsletter'] }] });
    await api(app.url, 'contacts.create', { name: 'Cy Noletter', addresses: [{ email: 'cy@client.example', purposes: ['client mail'] }] });
    await api(app.url, 'shoots.create', { title: 'Client wedding', clientId: ana.id, status: 'booked' });
    await page.goto(app.url);

    // One email of the shoot, composed as a user does.
    await go(page, 'Compose');
    const form = page.getByRole('form', { name: 'Email' });
    await form.getByLabel('To address').fill('ana@client.example');
    await form.getByLabel('To address').press('Enter');
    await form.getByLabel('Shoot').selectOption({ label: 'Client wedding' });
    await form.getByLabel('Subject').fill('Your gallery is ready');
    await form.getByLabel('Message').fill('Hello Ana,\n\nyour photos: https://studio.example/gallery\n');
    await form.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByRole('dialog', { name: 'Email details' })).toBeVisible();
    const emailId = Number(/#\/outbox\/(\d+)/.exec(page.url())![1]);
    await page.getByRole('button', { name: 'Close details' }).click();

    // Ana's mail program shows the image; a link scanner follows the link as the mail arrives.
    const [mail] = await smtp.waitFor(1);
    // The server's answer is recorded (the "sent" line) before anyone can have read the copy.
    await expect.poll(async () => (await api<{ recipients: { status: string }[] }>(app.url, 'outbox.details', { id: emailId })).recipients[0]!.status).toBe('Sent');
    const gallery = trackingUrls(String(mail!.parsed.html));
    await fetch(gallery.pixel, { headers: { 'user-agent': PERSON_UA } });
    const followed = await fetch(gallery.click, { headers: { 'user-agent': PERSON_UA }, redirect: 'manual' });
    expect(followed.status).toBe(302);
    await syncNow(page);

    // The contact's timeline, newest first, says who did what and links each line to its email.
    await go(page, 'Contacts');
    await page.getByRole('list', { name: 'Contact list' }).getByRole('link', { name: /Ana Client/ }).click();
    const timeline = page.getByRole('list', { name: 'Activity' }).getByRole('listitem');
    await expect(timeline).toHaveCount(3);
    await expect(timeline.nth(0)).toContainText('Clicked https://studio.example/gallery by a machine (security scanner)');
    await expect(timeline.nth(1)).toContainText('Opened by a person in Thunderbird');
    await expect(timeline.nth(2)).toContainText('Email sent');
    await timeline.nth(1).getByRole('link', { name: 'Your gallery is ready' }).click();
    await expect(page).toHaveURL(/#\/outbox\/\d+$/);
    await expect(page.getByRole('dialog', { name: 'Email details' }).getByRole('heading', { name: 'Your gallery is ready' })).toBeVisible();

    // The shoot lists its email with status, Viewed, first and last viewed and views; details open on the shoot's page.
    await go(page, 'Shoots');
    await page.getByRole('list', { name: 'Shoot list' }).getByRole('link', { name: /Client wedding/ }).click();
    const row = page.getByRole('table', { name: 'Emails' }).getByRole('row').filter({ hasText: 'Your gallery is ready' });
    await expect(row).toContainText('Opened');
    await expect(row).toContainText('Read');
    const headers = await page.getByRole('table', { name: 'Emails' }).getByRole('columnheader').allTextContents();
    expect(headers.map((h) => h.replace(/[▲▼]/g, '').trim())).toEqual(expect.arrayContaining(['Status', 'Viewed (people)', 'First viewed', 'Last viewed', 'Views (people)']));
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells[headers.findIndex((h) => h.startsWith('Views'))]).toBe('1');
    expect(cells[headers.findIndex((h) => h.startsWith('First viewed'))]).not.toBe('');
    await row.getByRole('link', { name: 'Your gallery is ready' }).click();
    await expect(page.getByRole('dialog', { name: 'Email details' }).getByTestId('details-views')).toHaveText('1 view by people');
    await expect(page).toHaveURL(/#\/shoots\/\d+$/);
    await page.getByRole('button', { name: 'Close details' }).click();

    // A mail merge: two copies go, one contact has no newsletter address; Ana opens hers.
    const dispatch = await api<{ id: number }>(app.url, 'dispatches.create', {
      filter: { purpose: 'newsletter' }, subject: 'Spring minis for {{first_name}}', bodyText: 'Hi {{first_name}}, book at https://studio.example/spring', tracking: 'opens_clicks',
    });
    const copies = await smtp.waitFor(3);
    const anas = copies.slice(1).find((m) => m.envelopeTo.includes('ana@client.example'))!;
    await fetch(pixelUrl(String(anas.parsed.html)), { headers: { 'user-agent': PERSON_UA } });
    await syncNow(page);

    await go(page, 'Dashboard');
    const card = page.getByRole('article', { name: /^Spring minis for · \d{4}-\d{2}-\d{2}$/ });
    await expect(card.getByRole('heading')).not.toContainText('{{');
    await expect(card.getByRole('link', { name: 'Sent: 2' })).toBeVisible();
    await expect(card.getByRole('link', { name: 'Delivered: 1' })).toBeVisible();
    await expect(card.getByRole('link', { name: 'Opened: 1' })).toBeVisible();
    await expect(card.getByRole('link', { name: 'Clicked: 0' })).toBeVisible();
    await expect(card.getByRole('link', { name: 'Failed: 1' })).toBeVisible();
    const chart = card.getByRole('figure', { name: 'Opens and clicks over time' });
    await expect(chart).toContainText('1 open and 0 clicks by people, per hour');
    await expect(chart.locator('canvas')).toHaveCount(1);

    await card.getByRole('link', { name: 'Opened: 1' }).click();
    await expect(page).toHaveURL(new RegExp(`#/outbox\\?dispatch=${dispatch.id}&status=Opened$`));
  } finally {
    await app.stop();
    await relay.stop();
    await smtp.close();
  }
});
