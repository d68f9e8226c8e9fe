// `npm test`: everything, in order of speed, stopping at the first failure.
// Type check, fast unit tests, slow real-server tests, then the built app end to end in Chromium
// (and in Electron too, where its binary is installed: see e2e/).
import { execFileSync } from 'node:child_process';
import { ensureNodeBuild } from './native.mjs';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = (...args) => execFileSync(npm, ['run', '--silent', ...args], { stdio: 'inherit' });

try {
  ensureNodeBuild();
  run('typecheck');
  run('test:unit');
  run('test:slow');
  run('build');
  run('test:e2e');
} catch (err) {
  process.exit(typeof err.status === 'number' ? err.status : 1);
}
