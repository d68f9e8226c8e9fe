import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventApplier } from '../tracking/apply-events';
import type { FeedEvent } from '../tracking/relay-feed-client';
import { dropSentEmail, sentEmail, type SentEmail } from '../tracking/sent-email.fixture';
import { outboxDetails } from './outbox-details';

const SENT = Date.parse('2026-03-01T12:00:00Z');
const HOUR = 3_600_000;
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

let f: SentEmail;
let seq = 0;
beforeEach(() => {
  f = sentEmail(SENT);
});
afterEach(() => dropSentEmail(f));

function applyEvents(events: Partial<FeedEvent & { atMs: number }>[]): void {
  const feed = events.map(({ atMs, ...e }): FeedEvent => ({
    id: `i.${++seq}`, kind: 'open', emailId: f.emailId, recipientId: f.clientId, at: new Date(atMs ?? SENT + HOUR).toISOString(),
    ip: '198.51.100.20', userAgent: CHROME, method: 'GET', ...e,
  }));
  eventApplier(f.db)('https://relay.example', { events: feed, next: feed.at(-1)!.id, more: false }, SENT + 2 * HOUR);
}

describe('outboxDetails: who fetched, why, and what counts', () => {
  it("each event's verdict, reason and whether it counts; people's and all fetches", () => {
    // Judged before reasons were kept: migration 015 leaves its reason NULL.
    f.db.prepare(`INSERT INTO tracking_events (source, source_id, email_id, recipient_id, kind, at, verdict) VALUES ('old', '1', ?, ?, 'open', ?, 'person')`)
      .run(f.emailId, f.clientId, SENT + 3 * HOUR);
    applyEvents([
      { kind: 'click', linkIndex: 0, url: 'https://studio.example/gallery', method: 'HEAD', userAgent: 'Mozilla/5.0', atMs: SENT + 2_000 },
      { userAgent: 'Mozilla/5.0', ip: '17.58.1.2', atMs: SENT + 3_000 },
      { recipientId: f.selfId, atMs: SENT + HOUR },
      { atMs: SENT + 2 * HOUR },
    ]);
    const d = outboxDetails(f.db)(f.emailId);
    expect(d.events.map(({ verdict, counted, program, why }) => ({ verdict, counted, program, why }))).toEqual([
      { verdict: 'security_scanner', counted: false, program: null, why: expect.stringMatching(/^a HEAD request 2 s after sending/) },
      { verdict: 'privacy_prefetch', counted: false, program: null, why: expect.stringContaining('Privacy Protection') },
      { verdict: 'self', counted: false, program: null, why: expect.stringContaining('own address') },
      { verdict: 'person', counted: true, program: 'Chrome on Linux', why: expect.stringMatching(/^a mail program or browser 2 h after sending/) },
      { verdict: 'person', counted: true, program: null, why: null },
    ]);
    expect(d.email).toMatchObject({ totalViews: 1, fetches: 5, machineFetches: 2, ownFetches: 1 });
    expect(d.recipients.find((r) => r.id === f.clientId)!.openImpliedByClick).toBe(false);
  });

  it("a person's click without any counted open: the view is implied by the click", () => {
    applyEvents([
      { userAgent: 'Mozilla/5.0', ip: '17.58.1.2', atMs: SENT + 3_000 },
      { kind: 'click', linkIndex: 0, url: 'https://studio.example/gallery', atMs: SENT + HOUR },
    ]);
    const d = outboxDetails(f.db)(f.emailId);
    const client = d.recipients.find((r) => r.id === f.clientId)!;
    expect(client).toMatchObject({ status: 'Opened', views: 1, clicks: 1, openImpliedByClick: true });
    expect(d.recipients.find((r) => r.id === f.selfId)!.openImpliedByClick).toBe(false);
    expect(d.email).toMatchObject({ viewed: 'Read', totalViews: 1, fetches: 2, machineFetches: 1, ownFetches: 0 });
  });
});
