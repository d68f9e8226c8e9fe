import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const tempDataDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-e2e-'));

/** Starts a built entry (node) and resolves with the URL it prints on its first matching line. */
async function startPrinting(script: string, env: Record<string, string>, pattern: RegExp): Promise<{ url: string; stop: () => Promise<void>; kill: () => Promise<void> }> {
  const child = spawn(process.execPath, [script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start:\n${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code}:\n${output}`)));
  });
  return {
    url, stop: () => stop(child),
    /** As a crash or a user's force quit: no chance to finish anything. */
    kill: () => new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    }),
  };
}

/** The built browser-mode app on a data folder; its URL carries the launch token. `env`: e.g. OUTPOST_CLOCK_OFFSET_MS. */
export const startBrowserApp = (dataDir: string, env: Record<string, string> = {}) =>
  startPrinting('dist/main/browser-main.cjs', { ...env, OUTPOST_DATA_DIR: dataDir, OUTPOST_NO_OPEN: '1', OUTPOST_PORT: '0' }, /running at (http:\/\/\S+)/);

/** The built relay on a free loopback port, as a user deploys it. `env`: e.g. RELAY_TRUSTED_PROXY. */
export const startRelay = (secret: string, env: Record<string, string> = {}) =>
  startPrinting('dist/relay/relay.cjs', { ...env, RELAY_PORT: '0', RELAY_HOST: '127.0.0.1', RELAY_DB: path.join(tempDataDir(), 'relay.sqlite'), RELAY_SECRET: secret }, /listening on (http:\/\/\S+)/);

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
