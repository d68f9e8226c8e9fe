// One side of bench/send.bench.ts in a fresh process, so each side's memory is its own:
//   pipeline: from dispatches().create() of a merge to 10,000 contacts (merge fields, recipient
//             checks, one queued email each) until the sender has recorded every copy's answer
//   baseline: nodemailer alone, its pooled transport as it comes, sends the same number of
//             messages built before the clock starts
//   transport: the app's own pool (connection-pool.ts) alone sends those same pre-built messages:
//             what the pipeline's checks, copies and database cost on top of its own sending
// Usage: send-side.ts <pipeline|baseline|transport> <port> <recipients> <connections>; prints one JSON line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { generateSecret } from '../../relay/token';
import { dispatchInput } from '../../main/api/schemas';
import type { ComposeSettings } from '../../main/compose/compose';
import { dispatches } from '../../main/compose/dispatch';
import { openDatabase } from '../../main/db/open-database';
import { copySigner, relayOf } from '../../main/send/copy-signer';
import { IN_OUTBOX } from '../../main/send/in-outbox';
import { createSender } from '../../main/send/sender';
import type { SendSettings } from '../../main/send/settings';
import { emailAggregates } from '../../main/store/email-aggregates';
import { createThreadPool } from '../../main/send/smtp-thread';
import { createSmtpPool } from '../../main/send/connection-pool';
import { connectionOptions, paceOf, type TransportFactory } from '../../main/send/transport';
import { extractLinks, instrument } from '../../main/tracking/instrument';

export interface SideResult {
  seconds: number;
  /** Peak resident memory of this process (MB). */
  peakRssMb: number;
  /** CPU time of this process over the timed span (user + system, s): steadier than seconds on a shared machine. */
  cpuSeconds: number;
  /** Pipeline only: the part of `seconds` that create() took (checks, the first chunk; the rest is queued while sending). */
  composeMs: number;
}

const [side, portText, recipientsText, connectionsText] = process.argv.slice(2);
const port = Number(portText);
const recipients = Number(recipientsText);

const template = (name: string) => `<!doctype html><html><body>
<p>Hi ${name},</p>
<p>Your gallery from the spring session is ready. Pick your favourites before the end of the month:</p>
<p><a href="https://photos.example.com/galleries/spring?ref=mail">Open your gallery</a></p>
<p>Prints and albums: <a href="https://photos.example.com/shop">the shop</a>. Questions? Just reply.</p>
<p>Warmly,<br>Sam</p></body></html>`;

// One settings object for compose and the sender, as the preferences store gives both.
const settings: SendSettings & ComposeSettings = {
  smtp: { host: '127.0.0.1', port, security: 'none', username: '', password: '', fromName: 'Sam Studio', fromAddress: 'studio@outpost.test',
    maxConnections: Number(connectionsText), messagesPerMinute: 60_000_000 },
  imap: { host: '', port: 993, security: 'tls', username: '', password: '', sentFolder: 'Sent' },
  tracking: { relayUrl: 'https://relay.example.com', relaySecret: generateSecret(), consentPolicy: 'track-unless-denied' },
  bccMyself: false,
};

const cpuSince = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
};

// smtp-server holds every new connection ~100 ms before its greeting: every side keeps its connections.
// The pipeline uses the app's pool in its own thread, as the app does.
const appPool: TransportFactory = (smtp, journal) => createThreadPool(smtp, { maxMessages: Infinity, journal });

async function pipeline(): Promise<SideResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-bench-send-'));
  const db = openDatabase(dir);
  // Setup, not timed: the contacts the merge goes to, one newsletter address each.
  db.transaction(() => {
    const contact = db.prepare(`INSERT INTO contacts (name, created_at, updated_at) VALUES (?, 0, 0)`);
    const address = db.prepare(`INSERT INTO addresses (contact_id, email, email_norm, purposes) VALUES (?, ?, ?, '["newsletter"]')`);
    for (let i = 0; i < recipients; i++) {
      const contactId = Number(contact.run(`Client ${i}`).lastInsertRowid);
      address.run(contactId, `client${i}@outpost.test`, `client${i}@outpost.test`);
    }
  })();
  // The same deps core.ts gives compose and the sender.
  const sender = createSender({ db, preferences: () => settings, transportFactory: appPool, journal: path.join(dir, 'send-journal') });
  const merges = dispatches({ db, settings: () => settings, extractLinks, refresh: emailAggregates(db), onQueued: () => sender.kick() });
  sender.start();
  const started = performance.now();
  const cpu = process.cpuUsage();
  merges.create(dispatchInput.parse({ filter: {}, subject: '{{name}}, your gallery is ready', format: 'html',
    bodyHtml: template('{{name}}'), bodyText: 'Hi {{name}}, your gallery is ready.', tracking: 'opens_clicks' }));
  const composeMs = performance.now() - started;
  // Done once no contact waits to be queued and no copy is queued or sending (each answer
  // recorded). Index probes, not sender.status()'s count of the queue, so watching costs the
  // pipeline nothing measurable.
  const waiting = db.prepare(`SELECT EXISTS (SELECT 1 FROM recipients WHERE ${IN_OUTBOX} AND send_state IN ('queued', 'sending'))
    OR EXISTS (SELECT 1 FROM dispatches WHERE to_queue > 0) AS n`).pluck();
  await new Promise<void>((resolve) => {
    const check = setInterval(() => {
      if (!waiting.get()) {
        clearInterval(check);
        resolve();
      }
    }, 10);
  });
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = cpuSince(cpu);
  await sender.stop();
  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  const sent = count(`SELECT count(*) AS n FROM recipients WHERE status = 'Sent' AND send_state = 'done'`);
  const activities = count(`SELECT count(*) AS n FROM activities`);
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  if (sent !== recipients || activities !== recipients) throw new Error(`pipeline recorded ${sent} Sent copies and ${activities} activities of ${recipients}`);
  return { seconds, cpuSeconds, peakRssMb: process.resourceUsage().maxRSS / 1024, composeMs };
}

/**
 * The same number of finished messages of the same shape (own pixel and links each), built by
 * nodemailer's own MailComposer before the clock starts, so the reference sides owe nothing to ours.
 */
async function prebuilt(): Promise<Buffer[]> {
  const relay = relayOf(settings.tracking)!;
  const messages: Buffer[] = [];
  for (let i = 0; i < recipients; i++) {
    const name = `Client ${i}`;
    const html = instrument(template(name), 'opens_clicks', copySigner(relay, i + 1, i + 1));
    const node = new MailComposer({
      from: { name: settings.smtp.fromName, address: settings.smtp.fromAddress }, to: { name, address: `client${i}@outpost.test` },
      subject: `${name}, your gallery is ready`, messageId: `<bench.${i}@outpost.test>`, date: new Date(),
      text: `Hi ${name}, your gallery is ready.`, html, headers: { 'X-Outpost-Copy': `copy${i}` },
    }).compile();
    messages.push(await new Promise<Buffer>((resolve, reject) => node.build((err, raw) => (err ? reject(err) : resolve(raw)))));
  }
  return messages;
}

const envelopeOf = (i: number) => ({ from: settings.smtp.fromAddress, to: [`client${i}@outpost.test`] });
// The delivery reports the sender asks for, in the form both pools take.
const dsnOf = (i: number) => ({ id: `copy${i}`, return: 'headers' as const, notify: ['success' as const, 'failure' as const], recipient: `client${i}@outpost.test` });

/** Sends every message at once through `send`, timed. */
async function timed(messages: Buffer[], send: (raw: Buffer, i: number) => Promise<unknown>): Promise<SideResult> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(messages.map(send));
  return { seconds: (performance.now() - started) / 1000, cpuSeconds: cpuSince(cpu), peakRssMb: process.resourceUsage().maxRSS / 1024, composeMs: 0 };
}

/** nodemailer's pooled transport as it comes, with the pool settings the app derives from the account. */
async function baseline(): Promise<SideResult> {
  const messages = await prebuilt();
  const transporter = nodemailer.createTransport({
    pool: true, ...connectionOptions(settings.smtp), maxConnections: settings.smtp.maxConnections, maxMessages: Infinity,
    ...paceOf(settings.smtp.messagesPerMinute), maxRequeues: 0,
  });
  const result = await timed(messages, (raw, i) => transporter.sendMail({
    raw, envelope: envelopeOf(i), dsn: dsnOf(i),
  }));
  transporter.close();
  return result;
}

/** The app's own pool, in this thread, with nothing else. */
async function transport(): Promise<SideResult> {
  const messages = await prebuilt();
  const pool = createSmtpPool(settings.smtp, { maxMessages: Infinity });
  const result = await timed(messages, (message, i) => pool.send({
    envelope: envelopeOf(i), message, onTransmitted: () => {}, dsn: dsnOf(i),
  }));
  pool.close();
  return result;
}

// No top-level await: the bench runs this file bundled to CommonJS.
const sides = { pipeline, baseline, transport };
if (!(side! in sides)) throw new Error(`no side ${side}: pipeline, baseline or transport`);
void sides[side as keyof typeof sides]().then((result) => console.log(JSON.stringify(result)));
