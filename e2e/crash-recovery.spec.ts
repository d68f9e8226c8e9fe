// The app killed while a copy's message was on its way: after a restart, the copy that never
// began goes out once; the one whose message the server took without answering is "unknown", says
// how to check, and "Mark as sent" settles it.
import { expect, test } from '@playwright/test';
import { startScriptedSmtp } from '../main/send/test-servers/scripted-smtp';
import { api } from './api';
import { startBrowserApp, tempDataDir } from './app-process';
import { go } from './scenario';

test('after a crash mid-send: the never-begun copy is sent once, the uncertain one asks, and "Mark as sent" settles it', async ({ page }) => {
  // The first message is taken and never answered; every later one is accepted.
  const server = await startScriptedSmtp((command) => (command === '.' && server.messages() === 1 ? 'silence' : null));
  const dataDir = tempDataDir();
  const first = await startBrowserApp(dataDir);
  await api(first.url, 'preferences.save', {
    smtp: { host: '127.0.0.1', port: server.port, security: 'none', fromName: 'Studio', fromAddress: 'studio@outpost.test', maxConnections: 1, messagesPerMinute: 600 },
    imap: { host: '' }, tracking: { mode: 'off' },
  });
  await api(first.url, 'emails.send', {
    to: [{ address: 'ana@outpost.test' }, { address: 'bo@outpost.test' }], subject: 'Your proofs', bodyText: 'Hello', tracking: 'off',
  });
  await expect.poll(() => server.messages(), { timeout: 15_000 }).toBe(1);
  await first.kill();

  const app = await startBrowserApp(dataDir);
  try {
    await expect.poll(() => server.messages(), { timeout: 15_000 }).toBe(2);
    await page.goto(app.url);
    await expect(page.getByText(/1 copy may or may not have left/)).toBeVisible();
    await go(page, 'Outbox');
    await page.getByRole('row').filter({ hasText: 'Your proofs' }).getByRole('link', { name: 'Your proofs' }).click();
    const details = page.getByRole('dialog', { name: 'Email details' });
    const recipients = details.getByRole('table', { name: 'Recipients' });
    const ana = recipients.getByRole('row').filter({ hasText: 'ana@outpost.test' }).first();
    const bo = recipients.getByRole('row').filter({ hasText: 'bo@outpost.test' }).first();
    await expect(bo).toContainText('Sent');
    await expect(ana).toContainText('unknown — check');
    await expect(ana).toContainText('began to go to the server, before the server answered');
    await ana.getByRole('button', { name: 'Mark as sent' }).click();
    await expect(ana).toContainText('you marked it as sent after checking');
    await expect(ana.getByRole('button', { name: 'Mark as sent' })).toHaveCount(0);
    // Nothing re-sent the uncertain copy on its own.
    expect(server.messages()).toBe(2);
    await go(page, 'Dashboard');
    await expect(page.getByText(/may or may not have left/)).toHaveCount(0);
  } finally {
    await app.stop();
    await server.close();
  }
});
