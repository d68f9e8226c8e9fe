import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Where browser mode keeps its data: the OS's per-user app-data folder (Electron's userData is
 * the same folder, so both modes open the same file). OUTPOST_DATA_DIR overrides both.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.OUTPOST_DATA_DIR) return path.resolve(env.OUTPOST_DATA_DIR);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Outpost');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Outpost');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Outpost');
}

/** Owner only: the folder holds client mail, contacts and (in browser mode) the key to the secrets. */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates the data folder readable by its owner only, and tightens one an earlier version (or
 * Electron) created with the default 0755. Windows has no such modes: its profile folder is private.
 */
export function ensurePrivateDir(dir: string, platform = process.platform): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (platform !== 'win32') fs.chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Owner read/write only, for each of these files that exists. */
export function makePrivate(files: string[], platform = process.platform): void {
  if (platform === 'win32') return;
  for (const file of files) {
    try {
      fs.chmodSync(file, PRIVATE_FILE_MODE);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
}
