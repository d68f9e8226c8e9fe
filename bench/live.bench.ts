// npm run bench:live — what the live triggers (main/live/) cost the writes they watch, and how
// many events a burst becomes. A 10,000-copy merge's writes, on a fresh database per round: compose
// queues 1,000 emails of 10 copies, then every copy gets its SMTP answer as the sender records it
// (status, then the email's Outbox columns, 50 answers per transaction). Baseline: the same writes
// on a connection without the triggers. Sides alternate; BENCH_ROUNDS=n rounds (default 5).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../main/db/open-database';
import { liveBus } from '../main/live/live-bus';
import { watchChanges } from '../main/live/change-triggers';
import { queueEmail } from '../main/send/test-servers/queue-email';
import { emailAggregates } from '../main/store/email-aggregates';
import { median, printTable, timeMs } from './lib/measure';

const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS) || 5);
const EMAILS = 1_000;
const COPIES = 10;

function writes(db: Db): void {
  for (let e = 0; e < EMAILS; e++) queueEmail(db, { tracking: 'off', recipients: Array.from({ length: COPIES }, (_, i) => ({ address: `c${e}.${i}@client.example` })) });
  const answer = db.prepare("UPDATE recipients SET status = 'Sent', send_state = 'done', smtp_reply = '250 2.0.0 Ok' WHERE id = ?");
  const refresh = emailAggregates(db);
  const copies = db.prepare('SELECT id, email_id AS emailId FROM recipients ORDER BY id').all() as { id: number; emailId: number }[];
  const batch = db.transaction((rows: typeof copies) => {
    for (const r of rows) {
      answer.run(r.id);
      refresh(r.emailId, Date.now());
    }
  });
  for (let i = 0; i < copies.length; i += 50) batch(copies.slice(i, i + 50));
}

async function side(live: boolean): Promise<{ ms: number; cpuMs: number; events: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-bench-live-'));
  const db = openDatabase(dir);
  const bus = liveBus();
  let events = 0;
  if (live) {
    watchChanges(db, bus.publish);
    bus.subscribe(() => events++);
  }
  const cpu = process.cpuUsage();
  const ms = timeMs(() => writes(db));
  const used = process.cpuUsage(cpu);
  await new Promise((r) => setTimeout(r, 200)); // the last window's event
  bus.close();
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { ms, cpuMs: (used.user + used.system) / 1000, events };
}

async function main() {
  const base: Awaited<ReturnType<typeof side>>[] = [];
  const withLive: typeof base = [];
  await side(false); // warm-up: JIT and the file cache
  for (let r = 0; r < ROUNDS; r++) {
    base.push(await side(false));
    withLive.push(await side(true));
  }
  const spread = (xs: number[]) => `${median(xs).toFixed(0)} (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;
  const of = (xs: typeof base, k: 'ms' | 'cpuMs' | 'events') => xs.map((x) => x[k]);
  const ratio = (k: 'ms' | 'cpuMs') => {
    const rs = withLive.map((w, i) => w[k] / base[i]![k]);
    return `${median(rs).toFixed(2)} (${Math.min(...rs).toFixed(2)}–${Math.max(...rs).toFixed(2)})`;
  };
  console.log(`${EMAILS * COPIES} copies queued and answered; median (min–max) of ${ROUNDS} rounds`);
  printTable(['side', 'wall ms', 'CPU ms', 'live events'], [
    ['no triggers (baseline)', spread(of(base, 'ms')), spread(of(base, 'cpuMs')), '—'],
    ['live triggers + bus', spread(of(withLive, 'ms')), spread(of(withLive, 'cpuMs')), spread(of(withLive, 'events'))],
    ['ratio live / baseline', ratio('ms'), ratio('cpuMs'), ''],
  ]);
  console.log('(events: the writes ran synchronously, so each round is one burst; the bus sends one event per 150 ms window)');
}

void main();
