// Applies one page of relay events to the database in one transaction: raw events kept
// idempotently, verdicts with their reasons, recipient counts and status, contact activity (machines' too, with
// their verdict), email aggregates, each copy's first counted open and click (main/notify/), and
// the cursor. A crash mid-sync therefore loses nothing and repeats nothing.
import type { Db } from '../db/open-database';
import { advance, type RecipientStatus } from '../domain/status';
import { isCounted } from '../domain/views';
import { normalizeAddress } from '../domain/address';
import { emailAggregates } from '../store/email-aggregates';
import { unknownCopies } from '../send/unknown-copies';
import { prepareAll } from '../store/prepare';
import { reminderClearing } from '../reminders/reminder-clearing';
import { firstActivityStore } from '../notify/first-activity-store';
import type { FirstActivity } from '../notify/first-activity';
import { emailProgram } from './email-program';
import { ownIpsStore } from './own-ips-store';
import type { FeedEvent, FeedPage } from './relay-feed-client';
import { judgeEvent, LOOKBACK_MS, type EarlierEvent } from './verdict';

const SQL = {
  target: `
    SELECT r.id, r.email_id AS emailId, r.contact_id AS contactId, r.address_norm AS addressNorm, r.status,
           r.views, r.first_viewed_at AS firstViewedAt, r.last_viewed_at AS lastViewedAt,
           e.from_address AS fromAddress, COALESCE(r.last_attempt_at, e.sent_at) AS sentAt
    FROM recipients r JOIN emails e ON e.id = r.email_id
    WHERE r.id = ? AND r.email_id = ?`,
  earlier: `
    SELECT at, kind, ip, user_agent AS userAgent, link_index AS linkIndex, verdict
    FROM tracking_events WHERE recipient_id = ? AND at BETWEEN ? AND ? ORDER BY at`,
  insert: `
    INSERT INTO tracking_events (source, source_id, email_id, recipient_id, kind, at, ip, user_agent, method, link_index, url, verdict, why, program)
    VALUES (:source, :sourceId, :emailId, :recipientId, :kind, :at, :ip, :userAgent, :method, :linkIndex, :url, :verdict, :why, :program)
    ON CONFLICT (source_id) DO NOTHING`,
  count: `
    UPDATE recipients SET status = :status, views = :views, clicks = clicks + :clicks,
      first_viewed_at = :first, last_viewed_at = :last,
      last_program = CASE WHEN :isLast THEN :program ELSE last_program END,
      updated_at = :now
    WHERE id = :id`,
  activity: `INSERT INTO activities (contact_id, kind, at, email_id, recipient_id, detail, verdict) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  cursor: `
    INSERT INTO relay_sync (source, cursor, last_try_at, last_ok_at, last_error, events_stored)
    VALUES (:source, :cursor, :now, :now, NULL, :stored)
    ON CONFLICT (source) DO UPDATE SET cursor = excluded.cursor, last_try_at = excluded.last_try_at,
      last_ok_at = excluded.last_ok_at, last_error = NULL, events_stored = events_stored + excluded.events_stored`,
} as const;

interface Target {
  id: number; emailId: number; contactId: number | null; addressNorm: string; status: RecipientStatus;
  views: number; firstViewedAt: number | null; lastViewedAt: number | null; fromAddress: string; sentAt: number | null;
}

export interface PageResult {
  /** New events stored (repeats and events for unknown ids are not). */
  stored: number;
  /** Events naming an email or recipient this database does not have (another device's). */
  skipped: number;
  /** Copies' first counted open or click, each handed once ever: for the desktop notification (main/notify/). */
  firsts: FirstActivity[];
}

/** Returns apply(source, page, now): one transaction per page, cursor saved with the events. */
export function eventApplier(db: Db) {
  const q = prepareAll(db, SQL);
  const refresh = emailAggregates(db);
  const unknown = unknownCopies(db);
  const reminders = reminderClearing(db);
  const ownIps = ownIpsStore(db);
  const firstActivity = firstActivityStore(db);

  function applyOne(source: string, e: FeedEvent, now: number, firsts: FirstActivity[]): 'stored' | 'repeat' | 'skipped' {
    const target = q.target.get(e.recipientId, e.emailId) as Target | undefined;
    if (!target) return 'skipped';
    const at = Date.parse(e.at);
    const linkIndex = e.kind === 'click' ? (e.linkIndex ?? null) : null;
    const earlier = q.earlier.all(target.id, at - LOOKBACK_MS, at) as EarlierEvent[];
    const { verdict, why } = judgeEvent({
      kind: e.kind, userAgent: e.userAgent, ip: e.ip, method: e.method, at, linkIndex, sentAt: target.sentAt,
      toSelf: target.addressNorm !== '' && target.addressNorm === normalizeAddress(target.fromAddress), earlier,
      ownIp: ownIps.seen(e.ip),
    });
    // Only people's events name a program: a scanner's bare "Mozilla/5.0" is no Apple Mail.
    const counted = isCounted(verdict);
    const program = counted ? emailProgram(e.userAgent) : null;
    const inserted = q.insert.run({
      source, sourceId: e.id, emailId: e.emailId, recipientId: target.id, kind: e.kind, at, ip: e.ip,
      userAgent: e.userAgent, method: e.method, linkIndex, url: e.kind === 'click' ? (e.url ?? null) : null, verdict, why, program,
    });
    if (inserted.changes === 0) return 'repeat';
    // Any fetch of this copy's own signed pixel or link, a machine's too, proves it left.
    if (unknown.settle(target.id, now)) target.status = 'Sent';
    if (counted) {
      count(target, e, at, program, now);
      const first = firstActivity.claim(target.id, e.kind, at);
      if (first) firsts.push(first);
    }
    // Machines' events too: the timeline says who it was, while only people's count as views.
    if (target.contactId !== null) {
      const detail = e.kind === 'click' ? (e.url ?? '') : (program ?? '');
      q.activity.run(target.contactId, e.kind === 'open' ? 'email_opened' : 'link_clicked', at, target.emailId, target.id, detail, verdict);
    }
    return 'stored';
  }

  function count(t: Target, e: FeedEvent, at: number, program: string | null, now: number): void {
    // A click proves the message was opened even when its images were blocked: at least one view.
    const views = e.kind === 'open' ? t.views + 1 : Math.max(t.views, 1);
    const isLast = t.lastViewedAt === null || at >= t.lastViewedAt;
    q.count.run({
      id: t.id, status: advance(t.status, 'Opened'), views, clicks: e.kind === 'click' ? 1 : 0,
      first: t.firstViewedAt === null ? at : Math.min(t.firstViewedAt, at), last: isLast ? at : t.lastViewedAt,
      isLast: isLast ? 1 : 0, program, now,
    });
  }

  return db.transaction((source: string, page: FeedPage, now: number): PageResult => {
    const result: PageResult = { stored: 0, skipped: 0, firsts: [] };
    const touched = new Set<number>();
    for (const e of page.events) {
      const outcome = applyOne(source, e, now, result.firsts);
      if (outcome === 'stored') {
        result.stored++;
        touched.add(e.emailId);
      } else if (outcome === 'skipped') result.skipped++;
    }
    for (const emailId of touched) {
      refresh(emailId);
      reminders.opened(emailId, now);
    }
    q.cursor.run({ source, cursor: page.next, now, stored: result.stored });
    return result;
  });
}
