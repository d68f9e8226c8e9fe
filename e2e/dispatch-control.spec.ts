import { expect, test } from '@playwright/test';
import { api } from './api';
import { startBrowserApp, tempDataDir } from './app-process';
import { go } from './scenario';
import { startSmtpSink } from './smtp-sink';

const CONTACTS = 30;
const CONNECTIONS = 4;

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a mail merge: the confirm states the true number of copies; Pause stops copies reaching the server, Resume goes on, Cancel leaves the rest Cancelled', async ({ page }) => {
  const sink = await startSmtpSink();
  const app = await startBrowserApp(tempDataDir());
  try {
    // 10 copies a second over 4 connections: the sender hands the pool more than it can start at once.
    await api(app.url, 'preferences.save', {
      smtp: { host: '127.0.0.1', port: sink.port, security: 'none', fromName: 'Studio', fromAddress: 'studio@outpost.test', maxConnections: CONNECTIONS, messagesPerMinute: 600 },
      imap: { host: '' }, tracking: { mode: 'off' },
    });
    for (let i = 0; i < CONTACTS; i++) {
      await api(app.url, 'contacts.create', { name: `Client ${i}`, addresses: [{ email: `c${i}@outpost.test`, purposes: ['newsletter'] }] });
    }
    // One contact without a newsletter address: no copy for them, and the dialog says so.
    await api(app.url, 'contacts.create', { name: 'No News', addresses: [{ email: 'nonews@outpost.test', purposes: ['client mail'] }] });
    await page.goto(app.url);
    await go(page, 'Compose');
    await page.getByRole('link', { name: 'Mail merge' }).click();
    const form = page.getByRole('form', { name: 'Mail merge' });
    await form.getByLabel('Subject').fill('Spring minis');
    await form.getByLabel('Message').fill('Hi {{first_name}}, spring sessions are open.');
    await form.getByLabel('Track').selectOption('off');
    let question = '';
    page.once('dialog', (d) => {
      question = d.message();
      void d.accept();
    });
    await form.getByRole('button', { name: `Send ${CONTACTS} copies` }).click();
    const card = page.getByRole('article', { name: /Spring minis/ });
    await expect(card).toBeVisible();
    expect(question).toContain(`as ${CONTACTS} copies`);

    await expect.poll(() => sink.received.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    await card.getByRole('button', { name: 'Pause' }).click();
    await expect(card).toContainText('paused');
    const atPause = sink.received.length;
    await pause(2_000);
    const paused = sink.received.length;
    // Only copies already in a server conversation may finish; nothing after that.
    expect(paused).toBeLessThanOrEqual(atPause + CONNECTIONS);
    await pause(1_000);
    expect(sink.received.length).toBe(paused);

    await card.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => sink.received.length, { timeout: 15_000 }).toBeGreaterThan(paused);
    let cancelQuestion = '';
    page.once('dialog', (d) => {
      cancelQuestion = d.message();
      void d.accept();
    });
    await card.getByRole('button', { name: 'Cancel' }).click();
    await expect(card).toContainText('cancelled');
    expect(cancelQuestion).toMatch(/^Cancel \d+ cop(y|ies) not sent yet\?/);
    const atCancel = sink.received.length;
    await pause(2_000);
    const sent = sink.received.length;
    expect(sent).toBeLessThanOrEqual(atCancel + CONNECTIONS);
    expect(sent).toBeLessThan(CONTACTS);
    await pause(1_000);
    expect(sink.received.length).toBe(sent);
    // Every copy that did not leave says so on the card, and no address got two.
    await page.reload();
    await go(page, 'Dashboard');
    const after = page.getByRole('article', { name: /Spring minis/ });
    await expect(after).toContainText(`Cancelled${CONTACTS - sent}`);
    expect(new Set(sink.received.map((m) => m.envelopeTo[0])).size).toBe(sent);
  } finally {
    await app.stop();
    await sink.close();
  }
});
