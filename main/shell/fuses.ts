// The Electron fuses Outpost ships with: switches compiled into the Electron binary, flipped at
// package time (scripts/after-pack.cjs) so no environment variable or flag can turn them back.
// Pure data plus the binary's path per platform; does not import electron.
import path from 'node:path';
import { FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';

export const FUSES = {
  version: FuseVersion.V1,
  // Every fuse of this wire is named, so an Electron upgrade that adds one fails the packaging.
  strictlyRequireAllFuses: true,
  // ELECTRON_RUN_AS_NODE would turn the signed app into a general-purpose Node interpreter.
  [FuseV1Options.RunAsNode]: false,
  // Cookies and other session data encrypted at rest with the OS keychain.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS (e.g. --require) and --inspect would inject code into the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // app.asar is checked against the hash electron-builder embeds; only the asar is loaded.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The UI is served from app://, so file:// needs none of its old extra powers.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
} as const satisfies FuseV1Config;

/** Flipping fuses breaks a macOS signature: re-sign ad hoc (arm64 runs nothing unsigned). */
export function fusesFor(platform: string): FuseV1Config {
  return platform === 'darwin' ? { ...FUSES, resetAdHocDarwinSignature: true } : FUSES;
}

/** What electron-builder passes to afterPack, as far as the fuses need it. */
export interface PackedApp {
  platform: string; // electron-builder's platform nodeName: 'darwin' | 'win32' | 'linux'
  appOutDir: string;
  productFilename: string;
  executableName: string;
}

/** The packed Electron binary whose fuses are flipped (the .app bundle on macOS). */
export function electronBinaryPath(packed: PackedApp): string {
  switch (packed.platform) {
    case 'darwin':
    case 'mas':
      return path.join(packed.appOutDir, `${packed.productFilename}.app`);
    case 'win32':
      return path.join(packed.appOutDir, `${packed.productFilename}.exe`);
    case 'linux':
      return path.join(packed.appOutDir, packed.executableName);
    default:
      throw new Error(`no Electron binary known for platform ${packed.platform}`);
  }
}
