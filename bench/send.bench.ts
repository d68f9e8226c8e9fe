// `npm run bench:send`: a 10,000-recipient mail merge through the whole sending pipeline
// (durable queue in SQLite, a personalized tracked copy per recipient, results and aggregates
// recorded) against nodemailer alone sending the same number of pre-built messages over the
// same pool, side by side, alternating, to the same real SMTP server on loopback.
//
// The server is npm smtp-server in a child process (its own core on this 2-core machine).
// Postfix would measure Postfix: it writes every message to its queue and delivers it, so both
// sides would wait on the server's disk. smtp-server holds each connection ~100 ms before its
// greeting, so both sides keep their connections for the whole run (maxMessages unbounded).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateSecret } from '../relay/token';
import { openDatabase } from '../main/db/open-database';
import { buildCopy, type EmailToSend } from '../main/send/build-copy';
import { copySigner, relayOf } from '../main/send/copy-signer';
import { createSender } from '../main/send/sender';
import type { SendSettings } from '../main/send/settings';
import { queueEmail } from '../main/send/test-servers/queue-email';
import { createSmtpPool, type TransportFactory } from '../main/send/transport';
import { extractLinks } from '../main/tracking/instrument';
import { median, printTable } from './lib/measure';

const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4);
const DEADLINE_MS = 10 * 60_000;

const deadline = setTimeout(() => {
  console.error(`bench:send did not finish within ${DEADLINE_MS / 60_000} minutes`);
  process.exit(1);
}, DEADLINE_MS);

function startSink(): Promise<{ child: ChildProcess; port: number; count(): Promise<number> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'lib/send-smtp-sink.ts')], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const count = () => new Promise<number>((resolve) => {
    child.once('message', (n) => resolve(Number(n)));
    child.send('count');
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (\d+)/.exec(out);
      if (match) resolve({ child, port: Number(match[1]), count });
    });
    child.once('exit', (code) => reject(new Error(`smtp sink exited with ${code}`)));
  });
}

const template = (name: string) => `<!doctype html><html><body>
<p>Hi ${name},</p>
<p>Your gallery from the spring session is ready. Pick your favourites before the end of the month:</p>
<p><a href="https://photos.example.com/galleries/spring?ref=mail">Open your gallery</a></p>
<p>Prints and albums: <a href="https://photos.example.com/shop">the shop</a>. Questions? Just reply.</p>
<p>Warmly,<br>Sam</p></body></html>`;

function settingsFor(port: number): SendSettings {
  return {
    smtp: { host: '127.0.0.1', port, security: 'none', username: '', password: '', fromName: 'Sam Studio', fromAddress: 'studio@outpost.test',
      maxConnections: CONNECTIONS, messagesPerMinute: 60_000_000 },
    imap: { host: '', port: 993, security: 'tls', username: '', password: '', sentFolder: 'Sent' },
    tracking: { relayUrl: 'https://relay.example.com', relaySecret: generateSecret() },
  };
}

const pool: TransportFactory = (smtp) => createSmtpPool(smtp, { maxMessages: Infinity });

/** A mail merge as compose stores it: one contact and one queued, personalized email each. */
function composeMerge(dir: string) {
  const db = openDatabase(dir);
  const started = performance.now();
  db.transaction(() => {
    const contact = db.prepare(`INSERT INTO contacts (name, created_at, updated_at) VALUES (?, 0, 0)`);
    const dispatchId = Number(db.prepare(`INSERT INTO dispatches (name, subject, status, created_at) VALUES ('Gallery', 'Gallery', 'sending', 0)`).run().lastInsertRowid);
    for (let i = 0; i < RECIPIENTS; i++) {
      const name = `Client ${i}`;
      const contactId = Number(contact.run(name).lastInsertRowid);
      const html = template(name);
      queueEmail(db, { subject: `${name}, your gallery is ready`, html, text: `Hi ${name}, your gallery is ready.`, links: extractLinks(html),
        tracking: 'opens_clicks', dispatchId, recipients: [{ address: `client${i}@outpost.test`, name, contactId }] });
    }
  })();
  return { db, composeMs: performance.now() - started };
}

async function runPipeline(port: number): Promise<Run> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-bench-send-'));
  const { db, composeMs } = composeMerge(dir);
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const settings = settingsFor(port);
  const sender = createSender({ db, preferences: () => settings, transportFactory: pool });
  const started = performance.now();
  sender.start();
  await new Promise<void>((resolve) => {
    const check = setInterval(() => {
      if (sender.status().state === 'idle') {
        clearInterval(check);
        resolve();
      }
    }, 25);
  });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  await sender.stop();
  const sent = (db.prepare(`SELECT count(*) AS n FROM recipients WHERE status = 'Sent' AND send_state = 'done'`).get() as { n: number }).n;
  const activities = (db.prepare(`SELECT count(*) AS n FROM activities`).get() as { n: number }).n;
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  if (sent !== RECIPIENTS || activities !== RECIPIENTS) throw new Error(`pipeline recorded ${sent} Sent copies and ${activities} activities of ${RECIPIENTS}`);
  return { seconds, peakRss, composeMs };
}

/** The same number of finished messages of the same shape, built before the clock starts. */
async function prebuilt(settings: SendSettings): Promise<Buffer[]> {
  const relay = relayOf(settings.tracking)!;
  const out: Buffer[] = [];
  for (let i = 0; i < RECIPIENTS; i++) {
    const name = `Client ${i}`;
    const email: EmailToSend = {
      id: i + 1, messageId: `<bench.${i}@outpost.test>`, fromAddress: settings.smtp.fromAddress, subject: `${name}, your gallery is ready`,
      bodyHtml: template(name), bodyText: `Hi ${name}, your gallery is ready.`, tracking: 'opens_clicks', createdAt: Date.now(),
      to: [{ name, address: `client${i}@outpost.test` }], cc: [], bcc: [], attachments: [],
    };
    out.push(await buildCopy(email, settings.smtp.fromName, { address: `client${i}@outpost.test`, copyId: `copy${i}`, signer: copySigner(relay, i + 1, i + 1), showBcc: false }));
  }
  return out;
}

interface Run {
  seconds: number;
  /** Pipeline only: the process's peak RSS while sending, and the time compose took to queue the merge. */
  peakRss: number;
  composeMs: number;
}

async function runBaseline(port: number): Promise<Run> {
  const settings = settingsFor(port);
  const messages = await prebuilt(settings);
  const transport = pool(settings.smtp);
  const started = performance.now();
  await Promise.all(messages.map((raw, i) => transport.send({
    envelope: { from: settings.smtp.fromAddress, to: [`client${i}@outpost.test`] }, raw,
    dsn: { id: `copy${i}`, return: 'headers', notify: ['success', 'failure'], recipient: `client${i}@outpost.test` },
  })));
  const seconds = (performance.now() - started) / 1000;
  transport.close();
  return { seconds, peakRss: 0, composeMs: 0 };
}

const startRss = process.memoryUsage().rss;
const sink = await startSink();
const rows: string[][] = [];
const rates = { baseline: [] as number[], pipeline: [] as number[] };
let peakRss = 0;
let composeMs = 0;
try {
  for (let round = 1; round <= ROUNDS; round++) {
    // Alternate which side goes first so warm-up and server state favour neither.
    const order = round % 2 ? (['baseline', 'pipeline'] as const) : (['pipeline', 'baseline'] as const);
    for (const side of order) {
      const before = await sink.count();
      const run = side === 'baseline' ? await runBaseline(sink.port) : await runPipeline(sink.port);
      const received = (await sink.count()) - before;
      if (received !== RECIPIENTS) throw new Error(`${side}: the server received ${received} of ${RECIPIENTS}`);
      if (side === 'pipeline') {
        peakRss = Math.max(peakRss, run.peakRss);
        composeMs = Math.max(composeMs, run.composeMs);
      }
      const rate = RECIPIENTS / run.seconds;
      rates[side].push(rate);
      rows.push([String(round), side, String(RECIPIENTS), run.seconds.toFixed(2), rate.toFixed(0)]);
    }
  }
} finally {
  sink.child.disconnect();
}

console.log(`\n${RECIPIENTS} recipients, ${CONNECTIONS} pooled connections, smtp-server on 127.0.0.1 (child process), ${os.cpus().length} cores\n`);
printTable(['round', 'side', 'messages', 'seconds', 'messages/s'], rows);
const ratio = median(rates.pipeline) / median(rates.baseline);
const mb = peakRss / 1024 / 1024;
console.log('');
printTable(['measure', 'value', 'target'], [
  ['nodemailer alone, median messages/s', median(rates.baseline).toFixed(0), ''],
  ['pipeline, median messages/s', median(rates.pipeline).toFixed(0), ''],
  ['ratio pipeline / nodemailer', ratio.toFixed(2), '>= 0.85'],
  ['pipeline peak RSS (MB)', mb.toFixed(0), '< 250'],
  ['process RSS before any run (MB)', (startRss / 1024 / 1024).toFixed(0), ''],
  ['compose of the merge (ms, not in the ratio)', composeMs.toFixed(0), ''],
]);
clearTimeout(deadline);
process.exitCode = ratio >= 0.85 && mb < 250 ? 0 : 1;
