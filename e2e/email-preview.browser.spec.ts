import { expect, test } from '@playwright/test';
import { startBrowserApp, tempDataDir } from './app-process';
import { startSmtpSink } from './smtp-sink';

// Named *.browser.spec.ts so the browser project runs it. The email as it arrived in a client's
// mailbox: a style block, inline styles, a remote image and background, a script.
const HTML = `<html><head><style>.note { color: rgb(0, 128, 0); font-weight: 700 } .bg { background-image: url(https://images.example/bg.png) }
@import url(https://images.example/more.css);</style></head>
<body><p id="inline" style="color: rgb(200, 0, 0); font-size: 22px">Inline red</p>
<p id="block" class="note">Green from the style block</p>
<img id="remote" src="https://images.example/pixel.png" alt="remote"><img id="local" alt="local" src="data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==">
<div id="bg" class="bg" style="background: url('http://images.example/x.png') rgb(1, 2, 3)">bg</div>
<script>document.body.dataset.ran = 'yes'</script><p id="handler" onclick="document.body.dataset.ran = 'yes'">x</p></body></html>`;

// Tracing snapshots every frame by running a script in it: in this sandboxed frame that is itself
// reported as "Blocked script execution", which would be Playwright's noise, not the app's.
test.use({ trace: 'off' });

async function call(appUrl: string, name: string, input: unknown) {
  const token = new URL(appUrl).hash.replace('#token=', '');
  const res = await fetch(new URL(`/api/call/${name}`, appUrl), {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(input),
  });
  const body = await res.json() as { ok: boolean };
  expect(body, name).toMatchObject({ ok: true });
  return body;
}

test('an HTML email is previewed with its own styles, nothing remote is fetched, no script runs, and the console stays clean', async ({ page }) => {
  const smtp = await startSmtpSink();
  const app = await startBrowserApp(tempDataDir());
  try {
    await call(app.url, 'preferences.save', {
      smtp: { host: '127.0.0.1', port: smtp.port, security: 'none', fromName: 'Studio', fromAddress: 'studio@outpost.test' },
      imap: { host: '' }, tracking: { mode: 'off' },
    });
    await call(app.url, 'emails.send', { to: [{ address: 'ana@client.example' }], subject: 'Styled newsletter', format: 'html', bodyHtml: HTML, bodyText: 'Inline red', tracking: 'off' });

    const problems: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    const remote: string[] = [];
    page.on('request', (r) => { if (!new URL(r.url()).hostname.match(/^(127\.0\.0\.1|localhost)$/) && !r.url().startsWith('data:')) remote.push(r.url()); });

    await page.goto(app.url);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Outbox' }).click();
    await page.getByRole('row').filter({ hasText: 'Styled newsletter' }).getByRole('link', { name: 'Styled newsletter' }).click();
    const details = page.getByRole('dialog', { name: 'Email details' });
    const frameElement = details.locator('iframe[title="Message"]');
    await expect(frameElement).toHaveAttribute('sandbox', ''); // no scripts, an origin of its own
    await expect(frameElement).toBeVisible();
    // What the user's console shows, before this test looks inside the frame (Playwright's own
    // probes of a frame without scripts are reported as blocked script execution).
    await page.waitForTimeout(1000);
    expect(problems).toEqual([]);
    expect(remote).toEqual([]);

    const frame = details.frameLocator('iframe[title="Message"]');
    await expect(frame.locator('#inline')).toHaveCSS('color', 'rgb(200, 0, 0)');
    await expect(frame.locator('#inline')).toHaveCSS('font-size', '22px');
    await expect(frame.locator('#block')).toHaveCSS('color', 'rgb(0, 128, 0)');
    await expect(frame.locator('#block')).toHaveCSS('font-weight', '700');
    await expect(frame.locator('#bg')).toHaveCSS('background-color', 'rgb(1, 2, 3)');
    await expect(frame.locator('#bg')).toHaveCSS('background-image', 'none');
    await expect(frame.locator('#remote')).not.toHaveAttribute('src', /./);
    await expect(frame.locator('#local')).toHaveAttribute('src', /^data:image\/gif/);
    await expect(frame.locator('script')).toHaveCount(0);
    await expect(frame.locator('#handler')).not.toHaveAttribute('onclick', /./);
    await expect(frame.locator('body')).not.toHaveAttribute('data-ran', /./);

    expect(remote).toEqual([]);
  } finally {
    await app.stop();
    await smtp.close();
  }
});
