import { expect, type Page } from '@playwright/test';
import { generateSecret } from '../relay/token';
import { api } from './api';
import { go } from './scenario';
import { startBrowserApp, startRelay, tempDataDir } from './app-process';
import { startSmtpSink } from './smtp-sink';

/** A person's mail program, as the relay's verdict rules see it. */
export const PERSON_UA = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Thunderbird/128.3.0';

/** Preferences through the same API the UI uses (the UI path is covered by browser.spec.ts). */
export async function savePreferences(appUrl: string, smtpPort: number, relayUrl: string, relaySecret: string) {
  await api(appUrl, 'preferences.save', {
    smtp: { host: '127.0.0.1', port: smtpPort, security: 'none', fromName: 'Studio', fromAddress: 'studio@outpost.test' },
    imap: { host: '' },
    tracking: { mode: 'opens_clicks', relayUrl, relaySecret },
  });
}

/**
 * An SMTP sink, a relay and the browser-mode app on fresh data, set up to send through them with
 * tracking on; `restart` starts the app again on the same data (e.g. with OUTPOST_CLOCK_OFFSET_MS).
 */
export async function startTrackedApp() {
  const secret = generateSecret();
  const smtp = await startSmtpSink();
  const relay = await startRelay(secret);
  const dataDir = tempDataDir();
  let app = await startBrowserApp(dataDir);
  await savePreferences(app.url, smtp.port, relay.url, secret);
  return {
    smtp,
    relay,
    url: () => app.url,
    async restart(env: Record<string, string>) {
      await app.stop();
      app = await startBrowserApp(dataDir, env);
    },
    async stop() {
      await app.stop();
      await relay.stop();
      await smtp.close();
    },
  };
}

export interface ComposeOptions {
  track?: 'off';
  cc?: string;
  /** "Remind me" if not opened by a person, or not replied, within `days`. */
  remind?: { unless: 'opened' | 'replied'; days: number };
}

/** Compose and Send as a user does; ends with the sent email's details open. */
export async function compose(page: Page, to: string, subject: string, body: string, { track, cc, remind }: ComposeOptions = {}) {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Compose' }).click();
  const form = page.getByRole('form', { name: 'Email' });
  await form.getByLabel('To address').fill(to);
  await form.getByLabel('To address').press('Enter');
  if (cc) {
    await form.getByLabel('Cc address', { exact: true }).fill(cc);
    await form.getByLabel('Cc address', { exact: true }).press('Enter');
  }
  await form.getByLabel('Subject').fill(subject);
  await form.getByLabel('Message').fill(body);
  if (track) await form.getByLabel('Track').selectOption(track);
  if (remind) {
    await form.getByLabel('Remind me').selectOption(remind.unless);
    await form.getByLabel('Within days').fill(String(remind.days));
  }
  await form.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('dialog', { name: 'Email details' })).toBeVisible();
}

/** "Sync now" in the Outbox, until the relay sync says it is done. */
export async function syncNow(page: Page) {
  await go(page, 'Outbox');
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByRole('status', { name: 'Relay sync status' })).toContainText('Synced');
}

/** The open pixel's relay URL in a received copy's HTML. */
export function pixelUrl(html: string): string {
  const pixel = /<img[^>]+src="([^"]+\/o\/[^"]+)"/.exec(html)?.[1];
  expect(pixel, html).toBeTruthy();
  return pixel!;
}

/** The open pixel's and the first tracked link's relay URLs in a received copy's HTML. */
export function trackingUrls(html: string): { pixel: string; click: string } {
  const click = /href="([^"]+\/c\/[^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
  expect(click, html).toBeTruthy();
  return { pixel: pixelUrl(html), click: click! };
}

/** A tracked email with a follow-up reminder, sent; its details closed again. */
export async function sendWithReminder(page: Page, to: string, subject: string, days: number, unless: 'opened' | 'replied' = 'opened') {
  await compose(page, to, subject, 'Hello,\n\nsee https://studio.example/gallery\n', { remind: { unless, days } });
  await page.getByRole('button', { name: 'Close details' }).click();
}
