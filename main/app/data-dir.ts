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
