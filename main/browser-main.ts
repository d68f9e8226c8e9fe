// Browser mode: the core plus the loopback host, for machines without Electron and for tests.
import path from 'node:path';
import { createCore } from './app/core';
import { defaultDataDir } from './app/data-dir';
import { startHttpHost } from './host/http-host';
import { keyFileBox } from './secrets/key-file-box';
import { openInBrowser } from './host/open-in-browser';
import { keepRunningOnRejection } from './host/process-guard';
import { clockFromEnv } from './reminders/clock';

async function main() {
  keepRunningOnRejection();
  const dataDir = defaultDataDir();
  const core = createCore({ dataDir, mode: 'browser', secretBox: keyFileBox, background: true, now: clockFromEnv(process.env) });
  const host = await startHttpHost({
    handlers: core.handlers,
    rendererDir: process.env.OUTPOST_RENDERER_DIR ?? path.join(__dirname, '..', 'renderer'),
    port: process.env.OUTPOST_PORT ? Number(process.env.OUTPOST_PORT) : 0,
    token: process.env.OUTPOST_TOKEN || undefined,
    live: { subscribe: core.live.subscribe, notifications: core.notifications.subscribe },
  });
  console.log(`Outpost (browser mode) data: ${dataDir}`);
  // Secrets sealed with a key this folder no longer has: say so; Preferences asks for them again.
  const { secretProblems } = await core.handlers['preferences.get']({});
  for (const p of secretProblems) console.warn(`Outpost: ${p.message} in Preferences.`);
  console.log(`Outpost is running at ${host.openUrl}`);
  if (process.env.OUTPOST_NO_OPEN !== '1') openInBrowser(host.openUrl);
  const stop = () => {
    void host.close().then(() => core.close()).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`Outpost could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
