import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { tempDataDir } from './app-process';
import { enterData, findData } from './scenario';
import { APP_ORIGIN } from '../main/shell/app-protocol';
import { FUSES } from '../main/shell/fuses';

const require = createRequire(import.meta.url);

/** The Electron binary, where the electron package and its download are present. */
function electronBinary(): string | null {
  try {
    const binary = require('electron') as unknown;
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const SKIP = 'Electron is not installed on this machine (its binary download needs the internet)';

function launch(dataDir = tempDataDir()): Promise<ElectronApplication> {
  const nativeBinding = execFileSync(process.execPath, ['scripts/native.mjs', 'electron'], { encoding: 'utf8' }).trim().split('\n').at(-1)!;
  return electron.launch({ executablePath: binary!, args: ['.'], env: { ...process.env, OUTPOST_DATA_DIR: dataDir, OUTPOST_NATIVE_BINDING: nativeBinding } });
}

test('electron: data entered survives a restart of the app', async () => {
  test.skip(!binary, SKIP);
  const dataDir = tempDataDir();
  const first = await launch(dataDir);
  await enterData(await first.firstWindow());
  await first.close();

  const second = await launch(dataDir);
  await findData(await second.firstWindow());
  await second.close();
});

test('electron: the UI comes from app://, never navigates, opens no window and gets no permission', async () => {
  test.skip(!binary, SKIP);
  const app = await launch();
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  expect(page.url().startsWith(`${APP_ORIGIN}/`)).toBe(true);

  // The app protocol serves the renderer folder and nothing outside it.
  const statuses = await page.evaluate(async () =>
    Promise.all(['app://outpost/index.html', 'app://outpost/..%2f..%2fpackage.json', 'app://outpost/..%2fmain%2felectron-main.cjs'].map((u) => fetch(u).then((r) => r.status, () => 0))),
  );
  expect(statuses[0]).toBe(200);
  expect(statuses.slice(1).every((s) => s === 404 || s === 0)).toBe(true);

  // The core answers only its own origin's frames: the bridge works from app://.
  expect(await page.evaluate(() => typeof (window as unknown as { outpost?: unknown }).outpost)).toBe('object');

  // Navigation of the window and of a subframe is refused; window.open opens nothing.
  const before = page.url();
  await page.evaluate(() => (location.href = 'https://example.com/'));
  await page.waitForTimeout(500);
  expect(page.url()).toBe(before);
  const frameUrl = await page.evaluate(async () => {
    const frame = document.createElement('iframe');
    document.body.append(frame);
    frame.src = 'https://example.com/';
    await new Promise((resolve) => setTimeout(resolve, 500));
    const url = frame.contentWindow?.location.href ?? 'unreadable';
    frame.remove();
    return url;
  });
  expect(frameUrl).not.toContain('example.com');
  expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
  expect(app.windows()).toHaveLength(1);

  // Permission checks and requests are denied.
  const states = await page.evaluate(async () =>
    Promise.all((['geolocation', 'notifications', 'camera', 'microphone'] as PermissionName[]).map((name) => navigator.permissions.query({ name }).then((s) => s.state, () => 'denied'))),
  );
  expect(states.every((s) => s === 'denied')).toBe(true);
  expect(await page.evaluate(() => Notification.requestPermission())).toBe('denied');
  await app.close();
});

test('electron: a packaged build has its fuses flipped', async () => {
  const packed = path.join('release', 'linux-unpacked', 'outpost');
  test.skip(!binary || !fs.existsSync(packed), 'no packaged Linux build here (run `npm run dist` where Electron is installed)');
  const { getCurrentFuseWire } = await import('@electron/fuses');
  const wire = (await getCurrentFuseWire(packed)) as unknown as Record<string, number>;
  for (const [index, wanted] of Object.entries(FUSES)) {
    if (!/^\d+$/.test(index) || typeof wanted !== 'boolean') continue;
    expect(wire[index], `fuse ${index}`).toBe(wanted ? 49 : 48);
  }
});
