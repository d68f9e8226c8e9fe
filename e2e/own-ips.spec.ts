import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { generateSecret } from '../relay/token';
import { startBrowserApp, startRelay, tempDataDir } from './app-process';
import { go } from './scenario';
import { startSmtpSink } from './smtp-sink';
import { compose, PERSON_UA, savePreferences, syncNow, trackingUrls } from './send-steps';

const OWN_IP = '203.0.113.9';

/**
 * The reverse proxy of a deployed relay, on loopback: it forwards every request and names the
 * client it saw in X-Forwarded-For. Here every client is "the user's network" at OWN_IP.
 */
async function startProxy(relayUrl: string) {
  const relay = new URL(relayUrl);
  const server = createServer((req, res) => {
    const upstream = request(
      { host: relay.hostname, port: relay.port, path: req.url, method: req.method, headers: { ...req.headers, 'x-forwarded-for': OWN_IP } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

const ownAddresses = (page: Page) => page.getByRole('group', { name: 'Your own addresses' });

test("opens from the user's own address (learned by the relay Test) are self until removed; a later sync does not learn it again", async ({ page }) => {
  const secret = generateSecret();
  const smtp = await startSmtpSink();
  const relay = await startRelay(secret, { RELAY_TRUSTED_PROXY: '127.0.0.1' });
  const proxy = await startProxy(relay.url);
  const app = await startBrowserApp(tempDataDir());
  try {
    await savePreferences(app.url, smtp.port, proxy.url, secret);
    await page.goto(app.url);

    // The relay Test learns the address the relay sees the app at.
    await go(page, 'Preferences');
    await expect(ownAddresses(page)).toContainText('None yet');
    await page.getByRole('button', { name: 'Test relay' }).click();
    await expect(page.getByRole('status', { name: 'Test relay result' })).toContainText('reachable and accepts the secret');
    const row = ownAddresses(page).getByRole('row').filter({ hasText: OWN_IP });
    await expect(row).toContainText('relay test');

    // The user opens their own email from that address: it is theirs, not the client's.
    await compose(page, 'Ana Client <ana@client.example>', 'Your album proofs', 'Hello Ana,\n\nyour proofs are ready: https://studio.example/proofs\n');
    const [mail] = await smtp.waitFor(1);
    const { pixel } = trackingUrls(String(mail!.parsed.html));
    expect(pixel.startsWith(proxy.url)).toBe(true);
    expect((await fetch(pixel, { headers: { 'user-agent': PERSON_UA } })).status).toBe(200);
    await page.getByRole('button', { name: 'Close details' }).click();
    await syncNow(page);
    const email = page.getByRole('row').filter({ hasText: 'Your album proofs' });
    await email.getByRole('link', { name: 'Your album proofs' }).click();
    const details = page.getByRole('dialog', { name: 'Email details' });
    const events = details.getByRole('table', { name: 'Events' }).getByRole('row');
    await expect(events).toHaveCount(2);
    await expect(events.nth(1)).toContainText(OWN_IP);
    await expect(events.nth(1).getByRole('cell').nth(3)).toContainText('you — not counted');
    await expect(events.nth(1).getByRole('cell').nth(3)).toContainText(`from ${OWN_IP}, your own address`);
    await expect(details.getByTestId('details-viewed')).toHaveText('Unread');
    await expect(details.getByTestId('details-views')).toHaveText('0 views by people');
    await page.getByRole('button', { name: 'Close details' }).click();

    // "Not mine": removed from the list, and a later open from it is a person's.
    await go(page, 'Preferences');
    await row.getByRole('button', { name: `Remove ${OWN_IP}` }).click();
    await expect(ownAddresses(page)).toContainText('None yet');
    await expect(ownAddresses(page)).not.toContainText(OWN_IP);
    await fetch(pixel, { headers: { 'user-agent': PERSON_UA } });
    await syncNow(page);
    await expect(email).toContainText('Read');
    await expect(email.getByRole('cell').nth(8)).toHaveText('1');
    await email.getByRole('link', { name: 'Your album proofs' }).click();
    await expect(events).toHaveCount(3);
    await expect(events.nth(2).getByRole('cell').nth(3)).toContainText('person');
    await expect(events.nth(2).getByRole('cell').nth(3)).not.toContainText('not counted');
    await page.getByRole('button', { name: 'Close details' }).click();

    // That sync went through the same proxy, so the relay named the address again: it stays removed.
    await go(page, 'Preferences');
    await expect(ownAddresses(page)).toContainText('None yet');
    await expect(ownAddresses(page)).not.toContainText(OWN_IP);
  } finally {
    await app.stop();
    await proxy.close();
    await relay.stop();
    await smtp.close();
  }
});
