// `npm start`: builds what changed, then opens Outpost in Electron where its runtime is
// installed, otherwise in browser mode at a loopback URL. It always says which.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { electronVersion, ensureElectronBuild, ensureNodeBuild } from './native.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

function buildIfStale() {
  const stamp = path.join(root, 'dist', '.built');
  const sources = Math.max(...['main', 'preload', 'renderer', 'relay'].map((d) => newestMtime(path.join(root, d))), fs.statSync(path.join(root, 'package.json')).mtimeMs);
  if (fs.existsSync(stamp) && fs.statSync(stamp).mtimeMs >= sources) return;
  console.log('Building Outpost…');
  execFileSync(npm, ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  fs.writeFileSync(stamp, new Date().toISOString());
}

/** The Electron binary's path, or why there is none. */
function findElectron() {
  const version = electronVersion();
  if (!version) return { why: 'the electron package is not installed (its download needs the internet; npm skipped it)' };
  try {
    const binary = require('electron');
    if (typeof binary === 'string' && fs.existsSync(binary)) return { binary, version };
    return { why: `Electron ${version}'s binary is missing` };
  } catch (err) {
    return { why: `Electron ${version} is not usable: ${err.message.split('\n')[0]}` };
  }
}

buildIfStale();
const electron = process.env.OUTPOST_BROWSER_MODE === '1' ? { why: 'OUTPOST_BROWSER_MODE=1' } : findElectron();

if (electron.binary) {
  const nativeBinding = ensureElectronBuild(electron.version);
  console.log(`Starting Outpost in Electron ${electron.version} (window mode).`);
  const child = spawn(electron.binary, [root], { stdio: 'inherit', env: { ...process.env, OUTPOST_NATIVE_BINDING: nativeBinding } });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  ensureNodeBuild();
  console.log(`Starting Outpost in browser mode: ${electron.why}.`);
  const child = spawn(process.execPath, [path.join(root, 'dist', 'main', 'browser-main.cjs')], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}
