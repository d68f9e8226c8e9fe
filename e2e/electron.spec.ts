import { _electron as electron, test } from '@playwright/test';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tempDataDir } from './app-process';
import { enterData, findData } from './scenario';

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

test('electron: data entered survives a restart of the app', async () => {
  test.skip(!binary, 'Electron is not installed on this machine (its binary download needs the internet)');
  const nativeBinding = execFileSync(process.execPath, ['scripts/native.mjs', 'electron'], { encoding: 'utf8' }).trim().split('\n').at(-1)!;
  const dataDir = tempDataDir();
  const launch = () => electron.launch({ executablePath: binary!, args: ['.'], env: { ...process.env, OUTPOST_DATA_DIR: dataDir, OUTPOST_NATIVE_BINDING: nativeBinding } });

  const first = await launch();
  await enterData(await first.firstWindow());
  await first.close();

  const second = await launch();
  await findData(await second.firstWindow());
  await second.close();
});
