// better-sqlite3 is a native module: Node and Electron need it built for their own ABI.
// Node's build stays where npm put it (node_modules/better-sqlite3/build); Electron's is built
// into .native/electron-<version>/ and handed to the core as `nativeBinding`. So `npm start`
// (Electron) and `npm test` (Node) never rebuild over each other.
//   node scripts/native.mjs node      -> make sure Node's build loads (rebuild it if not)
//   node scripts/native.mjs electron  -> print the path of Electron's build, building it once
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function nodeGyp() {
  // npm bundles node-gyp; prefer the one of the npm running us.
  const cli = process.env.npm_execpath;
  const bundled = cli && path.join(path.dirname(cli), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  return bundled && fs.existsSync(bundled) ? [process.execPath, bundled] : [npm, 'exec', '--yes', '--', 'node-gyp'];
}

export function ensureNodeBuild() {
  try {
    execFileSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], { cwd: root, stdio: 'pipe' });
  } catch (err) {
    console.log('better-sqlite3 is not built for this Node (was it rebuilt for Electron?): rebuilding it for Node…');
    execFileSync(npm, ['rebuild', 'better-sqlite3'], { cwd: root, stdio: 'inherit' });
  }
}

export function ensureElectronBuild(electronVersion) {
  const dir = path.join(root, '.native', `electron-${electronVersion}-${process.platform}-${process.arch}`);
  const binary = path.join(dir, 'build', 'Release', 'better_sqlite3.node');
  if (fs.existsSync(binary)) return binary;
  console.log(`Building better-sqlite3 for Electron ${electronVersion} (once, about a minute)…`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(path.dirname(require.resolve('better-sqlite3/package.json')), dir, {
    recursive: true,
    filter: (src) => !src.includes(`${path.sep}build${path.sep}`) && !src.endsWith(`${path.sep}build`),
  });
  const [cmd, ...pre] = nodeGyp();
  execFileSync(cmd, [...pre, 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'], {
    cwd: dir,
    stdio: 'inherit',
  });
  return binary;
}

export function electronVersion() {
  try {
    return JSON.parse(fs.readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const target = process.argv[2];
  if (target === 'node') ensureNodeBuild();
  else if (target === 'electron') {
    const version = electronVersion();
    if (!version) {
      console.error('Electron is not installed (its download needs the internet): cannot build for it.');
      process.exit(1);
    }
    const binary = ensureElectronBuild(version);
    fs.mkdirSync(path.join(root, '.native', 'current'), { recursive: true });
    fs.copyFileSync(binary, path.join(root, '.native', 'current', 'better_sqlite3.node'));
    console.log(binary);
  } else {
    console.error('usage: node scripts/native.mjs node|electron');
    process.exit(2);
  }
}
