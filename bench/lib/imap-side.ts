// One side of bench/imap.bench.ts in a fresh process, so each side's memory is its own:
//   watcher: one pass of the mailbox watcher over the folder (fetch, parse, classify, match,
//            apply with checkpoints, mark processed) on a copy of the seeded database
//   fetch:   imapflow alone fetches the same messages' bytes, nothing else
// Usage: imap-side.ts <watcher|fetch> <imapPort> <folder> <dbDir>; prints one JSON line.
import { openDatabase } from '../../main/db/open-database';
import { reportApplier } from '../../main/mailbox/apply-reports';
import { checkpoints } from '../../main/mailbox/checkpoints';
import { runPass } from '../../main/mailbox/folder-pass';
import { watcherClient } from '../../main/mailbox/mailbox-watcher';
import type { WatchSettings } from '../../main/mailbox/settings';

export interface ImapSideResult {
  seconds: number;
  messages: number;
  /** Reports stored, and copies whose status they changed (watcher side). */
  stored: number;
  changed: number;
  peakRssMb: number;
  cpuSeconds: number;
}

const [side, port, folder, dbDir] = process.argv.slice(2) as [string, string, string, string];
const BENCH_ACCOUNT: Omit<WatchSettings, 'port'> = {
  host: '127.0.0.1', security: 'none', username: 'studio@outpost.test', password: 'studiopass', sentFolder: 'Sent',
  watchFolders: [], pollMinutes: 2, processedFolder: '', markReportsRead: false,
};

async function main(): Promise<ImapSideResult> {
  const settings: WatchSettings = { ...BENCH_ACCOUNT, port: Number(port), watchFolders: [folder] };
  const client = watcherClient(settings);
  client.on('error', () => {});
  await client.connect();
  const cpu = process.cpuUsage();
  const start = performance.now();
  let result: Omit<ImapSideResult, 'seconds' | 'peakRssMb' | 'cpuSeconds'>;
  if (side === 'watcher') {
    const db = openDatabase(dbDir);
    const r = await runPass(client, { account: 'bench', mailbox: folder }, { apply: reportApplier(db), marks: checkpoints(db), settings, now: Date.now });
    if (r.markError) throw new Error(r.markError);
    result = { messages: r.read, stored: r.stored, changed: r.changed };
    db.close();
  } else {
    await client.mailboxOpen(folder);
    let messages = 0;
    for await (const m of client.fetch('1:*', { uid: true, source: true }, { uid: true })) if (m.source) messages++;
    result = { messages, stored: 0, changed: 0 };
  }
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  await client.logout();
  return { ...result, seconds, cpuSeconds: (used.user + used.system) / 1e6, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

main().then((r) => console.log(JSON.stringify(r)), (err) => {
  console.error(err);
  process.exit(1);
});
