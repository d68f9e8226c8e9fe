import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventApplier } from './apply-events';
import { ownIpsStore } from './own-ips-store';
import type { FeedEvent, FeedPage } from './relay-feed-client';
import { dropSentEmail, emailRow, recipientRow, sentEmail, type SentEmail } from './sent-email.fixture';

const SOURCE = 'https://relay.example';
const SENT = Date.parse('2026-03-01T12:00:00Z');
const HOUR = 3_600_000;
const APPLE_MAIL = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)';
const CHROME_WIN = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

let f: SentEmail;
let apply: ReturnType<typeof eventApplier>;
let seq = 0;

function ev(over: Partial<FeedEvent> & { atMs?: number }): FeedEvent {
  const { atMs, ...rest } = over;
  seq++;
  return {
    id: `inst.${seq}`, kind: 'open', emailId: f.emailId, recipientId: f.clientId, at: new Date(atMs ?? SENT + HOUR).toISOString(),
    ip: '198.51.100.20', userAgent: APPLE_MAIL, method: 'GET', ...rest,
  };
}
const page = (events: FeedEvent[], more = false): FeedPage => ({ events, next: events.at(-1)?.id ?? 'inst.0', more });
const count = (sql: string, ...args: unknown[]) => (f.db.prepare(sql).get(...args) as { n: number }).n;
const syncRow = () => f.db.prepare(`SELECT cursor, events_stored AS stored, last_error AS lastError FROM relay_sync WHERE source = ?`).get(SOURCE);

beforeEach(() => {
  f = sentEmail(SENT);
  apply = eventApplier(f.db);
});
afterEach(() => dropSentEmail(f));

describe('eventApplier', () => {
  it("a person's open makes the recipient Opened with one view and the email Read", () => {
    const result = apply(SOURCE, page([ev({})]), SENT + 2 * HOUR);
    expect(result).toMatchObject({ stored: 1, skipped: 0 });
    expect(recipientRow(f.db, f.clientId)).toMatchObject({ status: 'Opened', views: 1, clicks: 0, firstViewedAt: SENT + HOUR, lastProgram: 'Apple Mail' });
    expect(emailRow(f.db, f.emailId)).toMatchObject({ viewed: 'Read', totalViews: 1, firstViewedAt: SENT + HOUR, lastProgram: 'Apple Mail' });
    const event = f.db.prepare(`SELECT verdict, why, program FROM tracking_events`).get();
    expect(event).toEqual({ verdict: 'person', why: 'Apple Mail 1 h after sending: a mail program, with no sign of a machine', program: 'Apple Mail' });
    expect(f.db.prepare(`SELECT contact_id AS contactId, kind, detail, verdict FROM activities`).all()).toEqual([
      { contactId: f.contactId, kind: 'email_opened', detail: 'Apple Mail', verdict: 'person' },
    ]);
  });

  it('events applied twice count once', () => {
    const events = [ev({}), ev({ kind: 'click', linkIndex: 1, url: 'https://studio.example/prices', userAgent: CHROME_WIN, atMs: SENT + HOUR + 60_000 })];
    apply(SOURCE, page(events), SENT + 2 * HOUR);
    const again = apply(SOURCE, page(events), SENT + 2 * HOUR);
    expect(again).toEqual({ stored: 0, skipped: 0, firsts: [] });
    expect(recipientRow(f.db, f.clientId)).toMatchObject({ views: 1, clicks: 1 });
    expect(count(`SELECT count(*) AS n FROM tracking_events`)).toBe(2);
    expect(count(`SELECT count(*) AS n FROM activities`)).toBe(2);
    expect(syncRow()).toEqual({ cursor: events[1]!.id, stored: 2, lastError: null });
  });

  it('a click alone marks Opened, counts the click and a view, and records the link', () => {
    apply(SOURCE, page([ev({ kind: 'click', linkIndex: 0, url: 'https://studio.example/gallery', userAgent: CHROME_WIN })]), SENT + 2 * HOUR);
    expect(recipientRow(f.db, f.clientId)).toMatchObject({ status: 'Opened', views: 1, clicks: 1, lastProgram: 'Chrome on Windows' });
    expect(emailRow(f.db, f.emailId).viewed).toBe('Read');
    expect(f.db.prepare(`SELECT kind, link_index AS linkIndex, url FROM tracking_events`).get()).toEqual({ kind: 'click', linkIndex: 0, url: 'https://studio.example/gallery' });
    expect(f.db.prepare(`SELECT kind, detail FROM activities`).get()).toEqual({ kind: 'link_clicked', detail: 'https://studio.example/gallery' });
  });

  it('machine-only events are kept with their reasons, name no program, and leave the email Unread and the recipient Sent', () => {
    const machines = [
      ev({ userAgent: 'Mozilla/5.0', ip: '17.58.1.2', atMs: SENT + 3_000 }),
      ev({ kind: 'click', linkIndex: 0, url: 'https://studio.example/gallery', method: 'HEAD', userAgent: 'Mozilla/5.0', atMs: SENT + 4_000 }),
      ev({ kind: 'click', linkIndex: 1, url: 'https://studio.example/prices', userAgent: 'Mozilla/5.0 (compatible; Barracuda Sentinel)', atMs: SENT + 4_100 }),
      ev({ userAgent: 'YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html', ip: '203.0.113.7', atMs: SENT + 5_000 }),
      ev({ recipientId: f.selfId, userAgent: APPLE_MAIL, atMs: SENT + HOUR }),
    ];
    const result = apply(SOURCE, page(machines), SENT + 2 * HOUR);
    expect(result.stored).toBe(5);
    expect(f.db.prepare(`SELECT verdict, why, program FROM tracking_events ORDER BY id`).all()).toEqual([
      { verdict: 'privacy_prefetch', why: expect.stringContaining('Apple Mail Privacy Protection'), program: null },
      { verdict: 'security_scanner', why: expect.stringMatching(/^a HEAD request 4 s after sending/), program: null },
      { verdict: 'security_scanner', why: expect.stringContaining('Barracuda'), program: null },
      { verdict: 'privacy_prefetch', why: expect.stringMatching(/^Yahoo Mail fetched the pixel 5 s after sending, as the message arrived/), program: null },
      { verdict: 'self', why: expect.stringContaining("sender's own address"), program: null },
    ]);
    expect(recipientRow(f.db, f.clientId)).toMatchObject({ status: 'Sent', views: 0, clicks: 0, firstViewedAt: null, lastProgram: null });
    expect(recipientRow(f.db, f.selfId)).toMatchObject({ status: 'Sent', views: 0 });
    expect(emailRow(f.db, f.emailId)).toMatchObject({ viewed: 'Unread', totalViews: 0, lastProgram: null, fetches: 5, machineFetches: 4 });
    // The contact's timeline still shows them, each saying which machine (the self copy has no contact), naming no program.
    expect(f.db.prepare(`SELECT kind, verdict, detail FROM activities ORDER BY id`).all()).toEqual([
      { kind: 'email_opened', verdict: 'privacy_prefetch', detail: '' },
      { kind: 'link_clicked', verdict: 'security_scanner', detail: 'https://studio.example/gallery' },
      { kind: 'link_clicked', verdict: 'security_scanner', detail: 'https://studio.example/prices' },
      { kind: 'email_opened', verdict: 'privacy_prefetch', detail: '' },
    ]);
  });

  it("an open from the user's own address is stored as self and not counted; once removed, a later one is a person's", () => {
    const ownIps = ownIpsStore(f.db);
    ownIps.learn('203.0.113.9', 'test', SENT);
    apply(SOURCE, page([ev({ ip: '203.0.113.9', atMs: SENT + HOUR })]), SENT + 2 * HOUR);
    expect(f.db.prepare(`SELECT ip, verdict FROM tracking_events`).all()).toEqual([{ ip: '203.0.113.9', verdict: 'self' }]);
    expect(recipientRow(f.db, f.clientId)).toMatchObject({ status: 'Sent', views: 0 });
    expect(emailRow(f.db, f.emailId)).toMatchObject({ viewed: 'Unread', totalViews: 0 });

    ownIps.remove('203.0.113.9', SENT + 2 * HOUR);
    apply(SOURCE, page([ev({ ip: '203.0.113.9', atMs: SENT + 3 * HOUR })]), SENT + 3 * HOUR);
    expect(f.db.prepare(`SELECT verdict FROM tracking_events ORDER BY id`).all()).toEqual([{ verdict: 'self' }, { verdict: 'person' }]);
    expect(recipientRow(f.db, f.clientId)).toMatchObject({ status: 'Opened', views: 1 });
    expect(emailRow(f.db, f.emailId)).toMatchObject({ viewed: 'Read', totalViews: 1 });
  });

  it("a person's view after machines' fetches: the program is the person's, every fetch is counted in all", () => {
    apply(SOURCE, page([
      ev({ kind: 'click', linkIndex: 0, url: 'https://studio.example/gallery', method: 'HEAD', userAgent: 'Mozilla/5.0', atMs: SENT + 2_000 }),
      ev({ userAgent: 'Mozilla/5.0', ip: '17.58.1.2', atMs: SENT + 3_000 }),
      ev({ userAgent: CHROME_WIN, atMs: SENT + HOUR }),
    ]), SENT + 2 * HOUR);
    expect(recipientRow(f.db, f.clientId)).toMatchObject({ views: 1, lastProgram: 'Chrome on Windows' });
    expect(emailRow(f.db, f.emailId)).toMatchObject({ viewed: 'Read', totalViews: 1, lastProgram: 'Chrome on Windows', fetches: 3, machineFetches: 2 });
  });

  it('statuses only move forward: Delivered becomes Opened; a never-sent status stays final', () => {
    f.db.prepare(`UPDATE recipients SET status = 'Delivered' WHERE id = ?`).run(f.clientId);
    apply(SOURCE, page([ev({})]), SENT + 2 * HOUR);
    expect(recipientRow(f.db, f.clientId).status).toBe('Opened');
    f.db.prepare(`UPDATE recipients SET status = 'Failed' WHERE id = ?`).run(f.clientId);
    apply(SOURCE, page([ev({ atMs: SENT + 3 * HOUR })]), SENT + 4 * HOUR);
    expect(recipientRow(f.db, f.clientId)).toMatchObject({ status: 'Failed', views: 2 });
  });

  it('an older event arriving late keeps the last program of the latest view', () => {
    apply(SOURCE, page([ev({ atMs: SENT + 2 * HOUR, userAgent: CHROME_WIN })]), SENT + 3 * HOUR);
    apply(SOURCE, page([ev({ atMs: SENT + HOUR })]), SENT + 3 * HOUR);
    expect(recipientRow(f.db, f.clientId)).toMatchObject({ views: 2, firstViewedAt: SENT + HOUR, lastViewedAt: SENT + 2 * HOUR, lastProgram: 'Chrome on Windows' });
  });

  it('skips events naming emails or recipients this database does not have, and still saves the cursor', () => {
    const foreign = [ev({ emailId: 999 }), ev({ recipientId: 999 }), ev({ emailId: f.emailId + 1, recipientId: f.clientId })];
    const result = apply(SOURCE, page([...foreign, ev({})]), SENT + 2 * HOUR);
    expect(result).toMatchObject({ stored: 1, skipped: 3 });
    expect(count(`SELECT count(*) AS n FROM tracking_events`)).toBe(1);
    expect(syncRow()).toMatchObject({ cursor: `inst.${seq}`, stored: 1 });
  });

  it('a page that fails midway stores nothing, not even its cursor', () => {
    apply(SOURCE, page([ev({})]), SENT + 2 * HOUR);
    const before = syncRow();
    f.db.exec(`CREATE TRIGGER refuse BEFORE INSERT ON activities BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    expect(() => apply(SOURCE, page([ev({ atMs: SENT + 3 * HOUR })]), SENT + 4 * HOUR)).toThrow('disk full');
    expect(count(`SELECT count(*) AS n FROM tracking_events`)).toBe(1);
    expect(recipientRow(f.db, f.clientId).views).toBe(1);
    expect(syncRow()).toEqual(before);
  });
});
