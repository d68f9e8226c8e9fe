import { expect, test, type Page } from '@playwright/test';
import { generateSecret } from '../relay/token';
import { api } from './api';
import { PERSON_UA, pixelUrl, sendWithReminder } from './send-steps';
import { startBrowserApp, startRelay, tempDataDir } from './app-process';
import { go } from './scenario';
import { startSmtpSink } from './smtp-sink';

const DAY = 86_400_000;

const later = (days: number) => ({ OUTPOST_CLOCK_OFFSET_MS: String(days * DAY) });

const dueList = (page: Page) => page.getByRole('list', { name: 'Follow-ups due' });
const dueItem = (page: Page, subject: string) => dueList(page).getByRole('listitem').filter({ hasText: subject });

test("follow-ups: due after N days by the app's clock, cleared by a person's open; Open email, Snooze and Done", async ({ page }) => {
  const secret = generateSecret();
  const smtp = await startSmtpSink();
  const relay = await startRelay(secret);
  const dataDir = tempDataDir();
  let app = await startBrowserApp(dataDir);
  try {
    await api(app.url, 'preferences.save', {
      smtp: { host: '127.0.0.1', port: smtp.port, security: 'none', fromName: 'Studio', fromAddress: 'studio@outpost.test' },
      imap: { host: '' }, tracking: { mode: 'opens_clicks', relayUrl: relay.url, relaySecret: secret },
    });
    await page.goto(app.url);
    await sendWithReminder(page, 'Ana <ana@client.example>', 'Proofs are ready', 3);
    await sendWithReminder(page, 'bo@client.example', 'Invoice 12', 2);
    await sendWithReminder(page, 'cy@client.example', 'Album choices', 2);
    const mails = await smtp.waitFor(3);
    await go(page, 'Dashboard');
    await expect(page.getByText('No follow-up is due.')).toBeVisible();

    // Two and a half days later (the same data, the app's clock moved on): the two-day ones are due.
    await app.stop();
    app = await startBrowserApp(dataDir, later(2.5));
    await page.goto(app.url);
    await expect(dueList(page).getByRole('listitem')).toHaveCount(2);
    await expect(dueItem(page, 'Proofs are ready')).toHaveCount(0);

    // Four days later: all three.
    await app.stop();
    app = await startBrowserApp(dataDir, later(4));
    await page.goto(app.url);
    await expect(dueList(page).getByRole('listitem')).toHaveCount(3);
    await expect(dueItem(page, 'Proofs are ready')).toContainText('to Ana: not opened by a person, sent 4 days ago');

    await dueItem(page, 'Proofs are ready').getByRole('link', { name: 'Open email' }).click();
    const details = page.getByRole('dialog', { name: 'Email details' });
    await expect(details).toContainText('Proofs are ready');
    await page.getByRole('button', { name: 'Close details' }).click();

    // Ana opens it in her mail program: after a sync the reminder is gone.
    const proofs = mails.find((m) => m.parsed.subject === 'Proofs are ready')!;
    await fetch(pixelUrl(String(proofs.parsed.html)), { headers: { 'user-agent': PERSON_UA } });
    await go(page, 'Outbox');
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByRole('status', { name: 'Relay sync status' })).toContainText('Synced');
    await go(page, 'Dashboard');
    await expect(dueList(page).getByRole('listitem')).toHaveCount(2);
    await expect(dueItem(page, 'Proofs are ready')).toHaveCount(0);

    await dueItem(page, 'Invoice 12').getByRole('button', { name: 'Done' }).click();
    await expect(dueItem(page, 'Invoice 12')).toHaveCount(0);
    await dueItem(page, 'Album choices').getByRole('button', { name: 'Snooze' }).click();
    await expect(page.getByText('No follow-up is due.')).toBeVisible();

    // A day after the snooze the snoozed one is back; the done one never is.
    await app.stop();
    app = await startBrowserApp(dataDir, later(5.5));
    await page.goto(app.url);
    await expect(dueList(page).getByRole('listitem')).toHaveCount(1);
    await expect(dueItem(page, 'Album choices')).toContainText('sent 5 days ago');
  } finally {
    await app.stop();
    await relay.stop();
    await smtp.close();
  }
});

test('a template: saved, picked, changed and deleted; a field without a value is shown and refused, never sent raw', async ({ page }) => {
  const smtp = await startSmtpSink();
  const app = await startBrowserApp(tempDataDir());
  try {
    await api(app.url, 'preferences.save', {
      smtp: { host: '127.0.0.1', port: smtp.port, security: 'none', fromName: 'Studio', fromAddress: 'studio@outpost.test' },
      imap: { host: '' }, tracking: { mode: 'off' },
    });
    const ann = (await api(app.url, 'contacts.create', { name: 'Ann Lee', addresses: [{ email: 'ann@client.example', purposes: ['client mail'] }] })) as { id: number };
    await api(app.url, 'shoots.create', { title: 'Lee wedding', clientId: ann.id, shootDate: '2027-06-20', status: 'booked' });
    await page.goto(app.url);

    await go(page, 'Compose');
    const form = page.getByRole('form', { name: 'Email' });
    await form.getByLabel('Subject').fill('Your {{shoot_title}}');
    await form.getByLabel('Message').fill('Hi {{first_name}}, see you on {{shoot_date}}.');
    await form.getByLabel('Template name', { exact: true }).fill('Booking');
    await form.getByRole('button', { name: 'Save as new template' }).click();
    await expect(form.getByRole('status').filter({ hasText: 'Saved as template "Booking".' })).toBeVisible();

    // A fresh form: picking the template fills it.
    await page.reload();
    await form.getByLabel('Template', { exact: true }).selectOption({ label: 'Booking' });
    await expect(form.getByLabel('Subject')).toHaveValue('Your {{shoot_title}}');
    await expect(form.getByLabel('Message')).toHaveValue('Hi {{first_name}}, see you on {{shoot_date}}.');

    // To an address of no contact: nothing fills the fields; the preview says so and sending is refused.
    await form.getByLabel('To address').fill('stranger@elsewhere.example');
    await form.getByLabel('To address').press('Enter');
    const preview = form.getByRole('region', { name: 'Preview' });
    await expect(preview.getByRole('alert')).toContainText('No value for {{shoot_title}}, {{first_name}}, {{shoot_date}} for stranger@elsewhere.example');
    await form.getByRole('button', { name: 'Send' }).click();
    await expect(form.locator('.form-message')).toContainText('No value for {{shoot_title}}, {{first_name}}, {{shoot_date}}');
    expect((await api(app.url, 'outbox.page', { scope: { kind: 'all' } }) as { total: number }).total).toBe(0);

    // Changed and saved: picking it again gives the new text.
    await form.getByLabel('Message').fill('Hello {{first_name}}, see you on {{shoot_date}}.');
    await form.getByRole('button', { name: 'Save changes to "Booking"' }).click();
    await expect(form.getByRole('status').filter({ hasText: 'Template "Booking" saved.' })).toBeVisible();
    await form.getByLabel('Message').fill('');
    await form.getByLabel('Template', { exact: true }).selectOption({ label: 'Booking' });
    await expect(form.getByLabel('Message')).toHaveValue('Hello {{first_name}}, see you on {{shoot_date}}.');

    // To Ann, whose shoot fills every field: the preview and the mail say the same.
    await form.getByRole('button', { name: 'Remove stranger@elsewhere.example' }).click();
    await form.getByLabel('To address').fill('ann@client.example');
    await form.getByLabel('To address').press('Enter');
    await expect(preview.getByRole('heading')).toHaveText('Preview for Ann Lee');
    await expect(preview).toContainText('Hello Ann, see you on 2027-06-20.');
    await expect(preview.getByRole('alert')).toHaveCount(0);
    await form.getByRole('button', { name: 'Send' }).click();
    const [mail] = await smtp.waitFor(1);
    expect(mail!.parsed.subject).toBe('Your Lee wedding');
    expect(String(mail!.parsed.text)).toContain('Hello Ann, see you on 2027-06-20.');
    expect(mail!.raw).not.toContain('{{');
    await page.getByRole('button', { name: 'Close details' }).click();

    await go(page, 'Compose');
    await form.getByLabel('Template', { exact: true }).selectOption({ label: 'Booking' });
    await form.getByRole('button', { name: 'Delete template' }).click();
    await expect(form.getByRole('status').filter({ hasText: 'Template "Booking" deleted.' })).toBeVisible();
    await expect(form.getByLabel('Template', { exact: true }).locator('option')).toHaveText(['— none —']);
    expect(await api(app.url, 'templates.list', {})).toEqual([]);
  } finally {
    await app.stop();
    await smtp.close();
  }
});
