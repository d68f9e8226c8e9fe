// npm run bench:sync — what applying relay events costs (main/tracking/apply-events.ts): each
// event judged by the verdict rules (own copy and own addresses, scanners, isbot, prefetch,
// proxies, mail programs) with its reason, stored, counted for people, the contact's activity,
// the email's aggregates, follow-up clearing and the first-open claims for notifications.
// Baseline: the same events only stored, raw, in the same pages and transactions. 10,000 sent
// copies (1,000 emails of 10), 30,000 events in feed pages of FEED_PAGE_LIMIT, a mix of people,
// Gmail's proxy, Apple's prefetch, HEAD scanners and clicks. Fresh database per side and round;
// sides alternate; BENCH_ROUNDS=n rounds (default 5).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../main/db/open-database';
import { queueEmail } from '../main/send/test-servers/queue-email';
import { eventApplier } from '../main/tracking/apply-events';
import { ownIpsStore } from '../main/tracking/own-ips-store';
import { FEED_PAGE_LIMIT, type FeedEvent, type FeedPage } from '../main/tracking/relay-feed-client';
import { median, printTable, timeMs } from './lib/measure';

const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS) || 5);
const EMAILS = 1_000;
const COPIES = 10;
const EVENTS_PER_COPY = 3;
const SOURCE = 'https://relay.example';
const SENT = Date.parse('2026-03-01T12:00:00Z');

/** Who fetches, in turn: [user agent, method, kind, seconds after sending]. */
const MIX: readonly [string, 'GET' | 'HEAD', 'open' | 'click', number][] = [
  ['Mozilla/5.0', 'GET', 'open', 4], // Apple's prefetch
  ['Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)', 'GET', 'open', 3_600],
  ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)', 'GET', 'open', 7_200],
  ['Mozilla/5.0', 'HEAD', 'click', 2], // a link checker
  ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36', 'GET', 'click', 9_000],
  ['Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 'GET', 'open', 600],
];

function seed(db: Db): { emailId: number; recipientIds: number[] }[] {
  const emails = Array.from({ length: EMAILS }, (_, e) =>
    queueEmail(db, { tracking: 'opens_clicks', recipients: Array.from({ length: COPIES }, (_, i) => ({ address: `c${e}.${i}@client.example` })) }));
  db.prepare("UPDATE recipients SET status = 'Sent', send_state = 'done', last_attempt_at = ?").run(SENT);
  db.prepare('UPDATE emails SET sent_at = ?').run(SENT);
  // One learned address of the user's, so the own-address rule looks up a real row.
  ownIpsStore(db).learn('203.0.113.9', 'sync', SENT);
  return emails;
}

function pages(emails: { emailId: number; recipientIds: number[] }[]): FeedPage[] {
  const events: FeedEvent[] = [];
  let n = 0;
  for (const { emailId, recipientIds } of emails) {
    for (const recipientId of recipientIds) {
      for (let k = 0; k < EVENTS_PER_COPY; k++) {
        const [userAgent, method, kind, after] = MIX[n % MIX.length]!;
        n++;
        events.push({
          id: `e.${n}`, kind, emailId, recipientId, at: new Date(SENT + after * 1_000 + k).toISOString(),
          ip: `198.51.100.${n % 250}`, userAgent, method,
          ...(kind === 'click' ? { linkIndex: 0, url: 'https://studio.example/gallery' } : {}),
        });
      }
    }
  }
  const out: FeedPage[] = [];
  for (let i = 0; i < events.length; i += FEED_PAGE_LIMIT) {
    const slice = events.slice(i, i + FEED_PAGE_LIMIT);
    out.push({ events: slice, next: slice.at(-1)!.id, more: i + FEED_PAGE_LIMIT < events.length });
  }
  return out;
}

/** The baseline: each page's events stored raw, one transaction per page, as the app's insert does. */
function rawStore(db: Db): (page: FeedPage) => void {
  const insert = db.prepare(`
    INSERT INTO tracking_events (source, source_id, email_id, recipient_id, kind, at, ip, user_agent, method, link_index, url, verdict)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'person') ON CONFLICT (source, source_id) DO NOTHING`);
  return db.transaction((page: FeedPage) => {
    for (const e of page.events) {
      insert.run(SOURCE, e.id, e.emailId, e.recipientId, e.kind, Date.parse(e.at), e.ip, e.userAgent, e.method,
        e.kind === 'click' ? (e.linkIndex ?? null) : null, e.kind === 'click' ? (e.url ?? null) : null);
    }
  });
}

function side(app: boolean): { ms: number; events: number; verdicts: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-bench-sync-'));
  const db = openDatabase(dir);
  try {
    const feed = pages(seed(db));
    const apply = eventApplier(db);
    const raw = rawStore(db);
    const now = SENT + 86_400_000;
    const ms = timeMs(() => {
      for (const page of feed) {
        if (app) apply(SOURCE, page, now);
        else raw(page);
      }
    });
    const stored = (db.prepare('SELECT count(*) AS n FROM tracking_events').get() as { n: number }).n;
    const verdicts = (db.prepare('SELECT verdict, count(*) AS n FROM tracking_events GROUP BY verdict ORDER BY n DESC').all() as { verdict: string; n: number }[])
      .map((v) => `${v.verdict} ${v.n}`).join(', ');
    return { ms, events: stored, verdicts };
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function main() {
  side(true); // warm-up: JIT, isbot's pattern, the file cache
  const base: ReturnType<typeof side>[] = [];
  const app: ReturnType<typeof side>[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    base.push(side(false));
    app.push(side(true));
  }
  const expected = EMAILS * COPIES * EVENTS_PER_COPY;
  for (const s of [...base, ...app]) if (s.events !== expected) throw new Error(`stored ${s.events} events, expected ${expected}`);
  const spread = (xs: number[], digits = 0) => `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;
  const perSecond = (xs: typeof base) => xs.map((x) => x.events / (x.ms / 1000));
  const ratios = app.map((a, i) => a.ms / base[i]!.ms);
  console.log(`${expected} relay events for ${EMAILS * COPIES} copies, pages of ${FEED_PAGE_LIMIT}; median (min–max) of ${ROUNDS} rounds`);
  printTable(['side', 'wall ms', 'events/s', 'µs per event'], [
    ['stored raw (baseline)', spread(base.map((x) => x.ms)), spread(perSecond(base)), spread(base.map((x) => (x.ms * 1000) / x.events), 1)],
    ['applied by the app', spread(app.map((x) => x.ms)), spread(perSecond(app)), spread(app.map((x) => (x.ms * 1000) / x.events), 1)],
    ['ratio app / baseline', spread(ratios, 2), '', ''],
  ]);
  console.log(`verdicts the app gave: ${app[0]!.verdicts}`);
}

main();
