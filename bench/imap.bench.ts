// `npm run bench:imap`: the mailbox watcher against real Postfix and Dovecot on loopback.
//   (a) send → visible: a copy to an unknown user through Postfix; from the moment the app has
//       recorded the SMTP answer until its API shows the copy Bounced (Postfix's genuine bounce,
//       delivered to Dovecot, announced by IDLE, read, classified, matched, applied). 20 sends.
//   (b) throughput: 10,000 reports in a Dovecot folder (Postfix's own bounce and success reports
//       from (a), each made unique and pointing at its own seeded copy) processed end to end in one
//       pass, beside imapflow alone fetching the same messages, in fresh processes, alternating.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ImapFlow } from 'imapflow';
import { bundleNode } from '../scripts/node-bundle.mjs';
import { invoke } from '../main/api/invoke';
import { createCore, type Core } from '../main/app/core';
import { openDatabase } from '../main/db/open-database';
import { keyFileBox } from '../main/secrets/key-file-box';
import { mailServersMissing, startMailServers, type MailServers } from '../main/send/test-servers/mail-servers';
import type { ImapSideResult } from './lib/imap-side';
import { median, printTable } from './lib/measure';
import { until } from '../main/test/until';

const SENDS = Number(process.env.BENCH_SENDS ?? 20);
const REPORTS = Number(process.env.BENCH_REPORTS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const FOLDER = 'Bench';
const BUNDLE_DIR = path.join(import.meta.dirname, '..', 'dist', 'bench');
const SIDE_TIMEOUT_MS = 5 * 60_000;
const execFileAsync = promisify(execFile);
const studio = 'studio@outpost.test';

const tmp = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));


async function call<T>(core: Core, name: string, input: unknown = {}): Promise<T> {
  const r = await invoke(core.handlers, name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as T;
}

/** (a): the app as a user runs it; returns each send's milliseconds from SMTP answer to Bounced in the API. */
async function sendToVisible(servers: MailServers): Promise<number[]> {
  const core = createCore({ dataDir: tmp('outpost-bench-imap-'), mode: 'browser', secretBox: keyFileBox, background: true });
  try {
    await call(core, 'preferences.save', {
      smtp: { host: '127.0.0.1', port: servers.smtpPort, security: 'none', fromAddress: studio, messagesPerMinute: 600 },
      imap: { host: '127.0.0.1', port: servers.imapPort, security: 'none', username: studio, password: 'studiopass', watchFolders: ['INBOX'] },
      tracking: { mode: 'off' },
    });
    await until(() => core.watcher.status().state === 'idle', 'the watcher to idle', 30_000, 2);
    const answered = core.db.prepare(`SELECT send_state FROM recipients WHERE email_id = ?`);
    const times: number[] = [];
    for (let i = 0; i < SENDS; i++) {
      const { emailId } = await call<{ emailId: number }>(core, 'emails.send', { to: [{ address: `nobody${i}@outpost.test` }, { address: 'ana@outpost.test' }], subject: `Bench ${i}`, bodyText: 'Hello', tracking: 'off' });
      await until(() => (answered.all(emailId) as { send_state: string }[]).every((r) => r.send_state === 'done'), 'the SMTP answer', 30_000, 2);
      const answeredAt = performance.now();
      await until(async () => (await call<{ recipients: { status: string }[] }>(core, 'outbox.details', { id: emailId })).recipients[0]!.status === 'Bounced', 'Bounced in the API', 30_000, 2);
      times.push(performance.now() - answeredAt);
    }
    return times;
  } finally {
    await core.close();
  }
}

/** Genuine Postfix reports from (a) made into `REPORTS` unique ones, each naming its own copy. */
function templates(servers: MailServers): { raw: string; copyId: string }[] {
  const found = servers.maildir('studio').filter((m) => /Content-Type: message\/delivery-status/i.test(m));
  const failure = found.find((m) => /Action: failed/.test(m));
  const success = found.find((m) => /Action: delivered/.test(m));
  if (!failure || !success) throw new Error('Postfix wrote no bounce or success report in (a)');
  return [failure, success].map((raw) => ({ raw, copyId: /Original-Envelope-Id: (\S+)/.exec(raw)![1]! }));
}

/** A database with REPORTS sent copies, copy ids bench-<i>, as the seeded side's starting point. */
function seedDatabase(dir: string, imapPort: number): void {
  const db = openDatabase(dir);
  const insertEmail = db.prepare(`INSERT INTO emails (message_id, from_address, subject, tracking, created_at, sent_at, status) VALUES (?, ?, 'Bench', 'off', 1, 1, 'Sent')`);
  const insertCopy = db.prepare(`INSERT INTO recipients (email_id, kind, address, address_norm, status, send_state, copy_id, last_attempt_at, updated_at)
                                 VALUES (?, 'to', ?, ?, 'Sent', 'done', ?, 1, 1)`);
  db.transaction(() => {
    for (let i = 0; i < REPORTS; i++) {
      const emailId = Number(insertEmail.run(`<bench-${i}@outpost.test>`, studio).lastInsertRowid);
      const address = `copy${i}@outpost.test`;
      insertCopy.run(emailId, address, address, `bench-${i}`);
    }
  })();
  db.close();
  void imapPort;
}

/** The reports put straight into the folder's maildir (as a delivery would), then counted over IMAP. */
async function fillFolder(servers: MailServers, t: { raw: string; copyId: string }[]): Promise<number> {
  for (let i = 0; i < REPORTS; i++) {
    const { raw, copyId } = t[i % t.length]!;
    servers.deliverRaw('studio', `Message-ID: <report-${i}@bench.outpost.test>\r\n${raw.split(copyId).join(`bench-${i}`)}`, FOLDER);
  }
  const client = new ImapFlow({ host: '127.0.0.1', port: servers.imapPort, secure: false, doSTARTTLS: false, auth: { user: studio, pass: 'studiopass' }, logger: false });
  await client.connect();
  try {
    const status = await client.status(FOLDER, { messages: true, uidValidity: true });
    if (!status || status.messages !== REPORTS) throw new Error(`the folder holds ${status ? status.messages : 'no'} messages, not ${REPORTS}`);
    return Number(status.uidValidity);
  } finally {
    await client.logout();
  }
}

async function runSide(side: 'watcher' | 'fetch', port: number, dbDir: string): Promise<ImapSideResult> {
  const { stdout } = await execFileAsync(process.execPath, [path.join(BUNDLE_DIR, 'imap-side.cjs'), side, String(port), FOLDER, dbDir], { encoding: 'utf8', timeout: SIDE_TIMEOUT_MS });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as ImapSideResult;
}

const missing = mailServersMissing();
if (missing) throw new Error(missing);
await bundleNode({ 'imap-side': 'bench/lib/imap-side.ts' }, BUNDLE_DIR);
const servers = await startMailServers([{ user: 'studio', password: 'studiopass' }, { user: 'ana', password: 'anapass' }]);
try {
  const visible = await sendToVisible(servers);
  await until(() => servers.maildir('studio').some((m) => /Action: delivered/.test(m)), 'a success report', 30_000);

  const seeded = tmp('outpost-bench-seed-');
  seedDatabase(seeded, servers.imapPort);
  const fillStart = performance.now();
  const uidvalidity = await fillFolder(servers, templates(servers));
  const fillSeconds = (performance.now() - fillStart) / 1000;

  const rows: string[][] = [];
  const runs: Record<'watcher' | 'fetch', ImapSideResult[]> = { watcher: [], fetch: [] };
  for (let round = 1; round <= ROUNDS; round++) {
    for (const side of round % 2 ? (['watcher', 'fetch'] as const) : (['fetch', 'watcher'] as const)) {
      const dir = tmp('outpost-bench-round-');
      fs.copyFileSync(path.join(seeded, 'outpost.sqlite'), path.join(dir, 'outpost.sqlite'));
      // Every report is new to this database: the checkpoint stands before the folder's first message.
      const db = openDatabase(dir);
      db.prepare(`INSERT INTO mailbox_folders (account, mailbox, uidvalidity, last_uid) VALUES ('bench', ?, ?, 0)`).run(FOLDER, uidvalidity);
      db.close();
      const r = await runSide(side, servers.imapPort, dir);
      if (r.messages !== REPORTS) throw new Error(`${side}: read ${r.messages} of ${REPORTS}`);
      if (side === 'watcher' && (r.stored !== REPORTS || r.changed !== REPORTS)) throw new Error(`watcher: stored ${r.stored}, changed ${r.changed} of ${REPORTS}`);
      runs[side].push(r);
      rows.push([String(round), side, String(r.messages), r.seconds.toFixed(2), (r.messages / r.seconds).toFixed(0), (r.cpuSeconds * 1e6 / r.messages).toFixed(0), r.peakRssMb.toFixed(0)]);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  const rate = (side: 'watcher' | 'fetch') => runs[side].map((r) => r.messages / r.seconds);
  const sorted = [...visible].sort((a, b) => a - b);
  console.log(`\n(a) send → visible: ${SENDS} copies to unknown users through Postfix; ms from the recorded SMTP answer to Bounced in the API\n`);
  printTable(['measure', 'value', 'target'], [
    ['median ms', median(visible).toFixed(0), '< 2000 (IDLE)'],
    ['fastest - worst ms', `${sorted[0]!.toFixed(0)} - ${sorted.at(-1)!.toFixed(0)}`, ''],
  ]);
  console.log(`\n(b) ${REPORTS} genuine Postfix reports (bounces and success DSNs) in one Dovecot folder (filled in ${fillSeconds.toFixed(1)} s), one pass each, fresh processes\n`);
  printTable(['round', 'side', 'messages', 'seconds', 'messages/s', 'CPU µs/message', 'peak RSS MB'], rows);
  console.log('');
  const w = rate('watcher');
  printTable(['measure', 'value', 'target'], [
    ['watcher, median reports/s (lowest - highest)', `${median(w).toFixed(0)} (${Math.min(...w).toFixed(0)} - ${Math.max(...w).toFixed(0)})`, '>= 500'],
    ['imapflow fetch alone, median messages/s', median(rate('fetch')).toFixed(0), ''],
    ['ratio watcher / fetch alone', (median(w) / median(rate('fetch'))).toFixed(2), ''],
    ['watcher peak RSS MB (fetch alone)', `${Math.max(...runs.watcher.map((r) => r.peakRssMb)).toFixed(0)} (${Math.max(...runs.fetch.map((r) => r.peakRssMb)).toFixed(0)})`, ''],
  ]);
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  process.exitCode = median(visible) < 2000 && median(w) >= 500 ? 0 : 1;
} finally {
  await servers.stop();
}
