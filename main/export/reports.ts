// What each CSV export holds: its header, how many rows it will have, and the rows themselves,
// read one at a time from SQLite (stmt.iterate) so memory stays flat at any size.
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open-database';
import type { z } from 'zod';
import type { exportReport } from '../api/schemas';
import type { FailedRow } from '../api/contract';
import { emailViewed, type RecipientStatus } from '../domain/status';
import { FAILED_LIST_SQL, failedList, failedSearch } from '../failed/failed-list';
import { localDay, localIso } from './local-iso';

export type ExportReport = z.output<typeof exportReport>;
export type Cell = string | number | null;

export interface ReportRows {
  header: string[];
  total: number;
  rows: Iterable<Cell[]>;
}

// One row per recipient copy, newest email first: the Outbox's order, read down emails_by_created.
export const COPIES_SQL = `
  SELECT e.created_at, e.subject, s.title AS shoot, r.address, r.display_name, r.kind, r.status, e.tracking, r.tracked,
         r.views, r.first_viewed_at, r.last_viewed_at, r.last_program, r.clicks, r.bounce_class, r.status_reason
  FROM emails e JOIN recipients r ON r.email_id = e.id LEFT JOIN shoots s ON s.id = e.shoot_id
  WHERE e.created_at >= :since AND (:untracked = 1 OR e.viewed <> 'Untracked')
  ORDER BY e.created_at DESC, e.id DESC, r.id`;
const COPIES_COUNT_SQL = `
  SELECT count(*) FROM emails e JOIN recipients r ON r.email_id = e.id
  WHERE e.created_at >= :since AND (:untracked = 1 OR e.viewed <> 'Untracked')`;

interface CopyRow {
  created_at: number; subject: string; shoot: string | null; address: string; display_name: string; kind: string;
  status: RecipientStatus; tracking: string; tracked: 0 | 1; views: number; first_viewed_at: number | null;
  last_viewed_at: number | null; last_program: string | null; clicks: number; bounce_class: string | null; status_reason: string;
}

// Views, clicks, first and last viewed and the program count people only (domain/views.ts), and say so.
const COPY_HEADER = ['Date', 'Subject', 'Shoot', 'Recipient', 'Name', 'Kind', 'Status', 'Viewed (people)', 'First viewed (people)', 'Last viewed (people)',
  'Views (people)', 'Program (people)', 'Clicks (people)', 'Bounce class', 'Bounce reason'];
const KIND = { to: 'To', cc: 'Cc', bcc: 'Bcc' } as Record<string, string>;
const time = (ms: number | null) => (ms === null ? null : localIso(ms));

function copyCells(r: CopyRow): Cell[] {
  // The Outbox's Viewed rule applied to this one copy.
  const viewed = emailViewed(r.tracking !== 'off', [{ status: r.status, views: r.views, tracked: r.tracked === 1 }]);
  return [localIso(r.created_at), r.subject, r.shoot, r.address, r.display_name, KIND[r.kind] ?? r.kind, r.status, viewed,
    time(r.first_viewed_at), time(r.last_viewed_at), r.views, r.last_program, r.clicks, r.bounce_class, r.status_reason];
}

const FAILED_HEADER = ['Date', 'Address', 'Contact', 'Subject', 'Status', 'Reason', 'Detail', 'Code', 'Diagnostic', 'Deactivated'];

function failedCells(r: Omit<FailedRow, 'deactivated'> & { deactivated: 0 | 1 }): Cell[] {
  return [localIso(r.at), r.address, r.contactName, r.subject, r.status, r.reason, r.detail, r.statusCode, r.diagnostic, r.deactivated ? 'yes' : 'no'];
}

/** Lazy: the statement starts only when the first row is pulled, and a stop before that leaves nothing open. */
function* mapped<R, T>(stmt: Statement, params: object, cells: (row: R) => T): Generator<T> {
  for (const row of stmt.iterate(params)) yield cells(row as R);
}

/** A year back from `now` on the calendar (leap days included). */
export function yearBefore(now: number): number {
  const d = new Date(now);
  d.setFullYear(d.getFullYear() - 1);
  return d.getTime();
}

const STEMS = { 'tracking-year': 'outpost-tracking-report', 'all-emails': 'outpost-all-emails', failed: 'outpost-failed' } as const;

/** The file's name without folder or extension, e.g. "outpost-tracking-report-2026-06-20". */
export const reportStem = (report: ExportReport, now: number) => `${STEMS[report.kind]}-${localDay(now)}`;

/**
 * The report's rows on `db`. Call inside a read transaction so `total` and `rows` see the same
 * snapshot; iterating keeps `db` busy, so give it a connection of its own.
 */
export function reportRows(db: Db, report: ExportReport, now: number): ReportRows {
  if (report.kind === 'failed') {
    const total = failedList(db)({ reason: report.reason, search: report.search, offset: 0, limit: 1 }).total;
    const params = { ...failedSearch(report.search), reason: report.reason, limit: -1, offset: 0 };
    return { header: FAILED_HEADER, total, rows: mapped(db.prepare(FAILED_LIST_SQL.rows), params, failedCells) };
  }
  const year = report.kind === 'tracking-year';
  const params = { since: year ? yearBefore(now) : 0, untracked: year ? 0 : 1 };
  const total = db.prepare(COPIES_COUNT_SQL).pluck().get(params) as number;
  return {
    header: COPY_HEADER, total, rows: mapped(db.prepare(COPIES_SQL), params, copyCells),
  };
}
