import type { Db } from '../db/open-database';
import { emailStatus, emailViewed, type RecipientStatus, type Viewed } from '../domain/status';
import { MACHINE_VERDICTS } from '../domain/views';
import { prepareAll } from './prepare';

const SQL = {
  // The email's tracking mode with its recipients, in one statement; one row of NULLs when it has none.
  recipients: `SELECT e.tracking, r.id, r.display_name, r.address, r.kind, r.status, r.tracked, r.views, r.first_viewed_at, r.last_viewed_at, r.last_program
               FROM emails e LEFT JOIN recipients r ON r.email_id = e.id WHERE e.id = ? ORDER BY r.id`,
  // :sentAt, when a copy was just accepted: the email's first send time, and its stopping error is over.
  // Fetches (every open and click, a machine's too) are counted from the events themselves.
  update: `UPDATE emails SET recipients_label = :label, recipient_count = :count, status = :status, viewed = :viewed,
             first_viewed_at = :first, last_viewed_at = :last, total_views = :views, last_program = :program,
             sent_at = COALESCE(sent_at, :sentAt), last_error = CASE WHEN :sentAt IS NULL THEN last_error END,
             fetches = (SELECT count(*) FROM tracking_events WHERE email_id = :id),
             machine_fetches = (SELECT count(*) FROM tracking_events WHERE email_id = :id AND verdict IN (SELECT value FROM json_each(:machines)))
           WHERE id = :id`,
} as const;

export interface AggregateRow {
  display_name: string; address: string; kind: 'to' | 'cc' | 'bcc'; status: RecipientStatus; tracked: 0 | 1; views: number;
  first_viewed_at: number | null; last_viewed_at: number | null; last_program: string | null;
}

/** An email's Outbox columns, named as the UPDATE (and compose's INSERT) binds them. */
export interface Aggregates {
  label: string; count: number; status: RecipientStatus; viewed: Viewed;
  first: number | null; last: number | null; views: number; program: string | null;
}

const MACHINES = JSON.stringify(MACHINE_VERDICTS);
const KIND_ORDER = { to: 0, cc: 1, bcc: 2 } as const;

/** The Outbox columns of an email from its recipients, given in the order they were added. Pure. */
export function aggregatesOf(tracking: string, rows: readonly AggregateRow[]): Aggregates {
  // The label names To first, then Cc, then Bcc (a stable sort keeps each list's order).
  const named = [...rows].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]).map((r) => r.display_name || r.address || '(no address)');
  const label = named.slice(0, 2).join(', ') + (named.length > 2 ? ` +${named.length - 2}` : '');
  let first: number | null = null;
  let last: number | null = null;
  let program: string | null = null;
  let views = 0;
  for (const r of rows) {
    views += r.views;
    if (r.first_viewed_at !== null && (first === null || r.first_viewed_at < first)) first = r.first_viewed_at;
    if (r.last_viewed_at !== null && (last === null || r.last_viewed_at > last)) {
      last = r.last_viewed_at;
      program = r.last_program;
    }
  }
  // The email's mode decides "tracked"; a copy's own flag only tells which copies carry a pixel.
  const viewed = emailViewed(tracking !== 'off', rows.map((r) => ({ status: r.status, views: r.views, tracked: r.tracked === 1 })));
  return { label, count: rows.length, status: emailStatus(rows.map((r) => r.status)), viewed, first, last, views, program };
}

/**
 * Recomputes an email's Outbox columns from its recipients. Everything that changes a recipient
 * (sending, bounces, relay events) calls this in the same transaction, so the Outbox never
 * disagrees with Show details.
 */
export function emailAggregates(db: Db) {
  const q = prepareAll(db, SQL);
  /** `sentAt`: a copy of it was accepted then (the sender's answers), in the same UPDATE. */
  return function refresh(emailId: number, sentAt: number | null = null): void {
    const rows = q.recipients.all(emailId) as (AggregateRow & { tracking: string; id: number | null })[];
    if (rows.length === 0) return; // deleted meanwhile
    q.update.run({ id: emailId, sentAt, machines: MACHINES, ...aggregatesOf(rows[0]!.tracking, rows[0]!.id === null ? [] : rows) });
  };
}
