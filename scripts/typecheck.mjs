// Type-checks the whole tree; the Electron-only files too where the electron package is installed.
import { execFileSync } from 'node:child_process';
import { electronVersion } from './native.mjs';

const tsc = (project) => execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', project], { stdio: 'inherit' });
try {
  tsc('tsconfig.json');
  if (electronVersion()) tsc('tsconfig.electron.json');
  else console.log('typecheck: Electron files skipped (the electron package is not installed here).');
} catch {
  process.exit(1);
}
