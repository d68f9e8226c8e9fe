// The afterPack hook against a file carrying Electron's fuse wire (sentinel, version, length,
// one byte per fuse, as in Electron 38's binary with its default states): Electron itself cannot
// be downloaded here, the wire format and @electron/fuses are the real ones.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterEach, beforeEach, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const { SENTINEL } = require('@electron/fuses/dist/constants') as { SENTINEL: string };
const afterPack = (require('./after-pack.cjs') as { default: (context: unknown) => Promise<void> }).default;

const ENABLED = 49;
const DISABLED = 48;
/** Electron's shipped defaults: run-as-node on, cookie encryption off, NODE_OPTIONS on, inspect on, integrity off, asar-only off, snapshot off, file:// privileges on. */
const ELECTRON_DEFAULTS = '10110001';
let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'outpost-after-pack-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function fakePackedBinary(file: string, wire: string): void {
  const bytes = Buffer.concat([Buffer.from('ELF...code...'), Buffer.from(SENTINEL), Buffer.from([1, wire.length]), Buffer.from(wire), Buffer.from('...more code')]);
  writeFileSync(file, bytes);
}

const context = (platform: string) => ({
  electronPlatformName: platform,
  appOutDir: dir,
  packager: { appInfo: { productFilename: 'Outpost' }, executableName: platform === 'linux' ? 'outpost' : undefined },
});

it('flips the packed binary to: run-as-node off, NODE_OPTIONS off, cookie encryption on, asar only, asar integrity on', async () => {
  const binary = join(dir, 'outpost');
  fakePackedBinary(binary, ELECTRON_DEFAULTS);
  await afterPack(context('linux'));
  const wire = (await getCurrentFuseWire(binary)) as unknown as Record<number, number>;
  expect(wire[FuseV1Options.RunAsNode]).toBe(DISABLED);
  expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(DISABLED);
  expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(DISABLED);
  expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(ENABLED);
  expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ENABLED);
  expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(ENABLED);
  expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(DISABLED);
  // Only the wire changed.
  expect(readFileSync(binary).length).toBe(13 + SENTINEL.length + 2 + 8 + 12);
});

it('finds the Windows binary by product name, and stops the build when the wire has a fuse it does not know', async () => {
  fakePackedBinary(join(dir, 'Outpost.exe'), ELECTRON_DEFAULTS);
  await afterPack(context('win32'));
  expect(((await getCurrentFuseWire(join(dir, 'Outpost.exe'))) as unknown as Record<number, number>)[FuseV1Options.RunAsNode]).toBe(DISABLED);

  fakePackedBinary(join(dir, 'outpost'), `${ELECTRON_DEFAULTS}0`);
  await expect(afterPack(context('linux'))).rejects.toThrow(/strictlyRequireAllFuses/);
});
