// The Failed section: every recipient copy that failed, newest first, with the reason in the words
// users know. One reason rule (REASON below) serves the rows, the filter and the counts.
import type { Db } from '../db/open-database';
import { FAILURE_REASONS, type FailedPage, type FailedRow, type FailureReason } from '../api/contract';
import { escapeLike } from '../store/like';
import { prepareAll } from '../store/prepare';


const REASON = `CASE
    WHEN r.auto_reply_at IS NOT NULL AND r.status NOT IN ('Bounced', 'Soft Bounced', 'Failed', 'Blocked') THEN 'auto responder'
    WHEN r.status = 'Blocked' OR r.bounce_class = 'blocked' THEN 'blocked'
    WHEN r.status IN ('Bounced', 'Soft Bounced') AND r.bounce_class = 'transient' THEN 'transient bounce'
    WHEN r.status = 'Soft Bounced' OR r.bounce_class = 'soft' THEN 'soft bounce'
    WHEN r.status = 'Bounced' THEN 'hard bounce'
    WHEN r.status_reason LIKE 'address deactivated%' THEN 'deactivated address'
    ELSE 'invalid address' END`;

// Repeats recipients_failed's WHERE (migration 7): SQLite uses a partial index only then.
export const FAILED = `
  SELECT r.id, ${REASON} AS reason FROM recipients r
  WHERE (r.status IN ('Bounced', 'Soft Bounced', 'Failed', 'Blocked') OR r.auto_reply_at IS NOT NULL)`;

const MATCHES = `(:q = '' OR r.address_norm LIKE :like ESCAPE '\\' OR e.subject LIKE :like ESCAPE '\\' OR c.name LIKE :like ESCAPE '\\')`;

// Exported for the CSV export, which runs `rows` with LIMIT -1 (no limit) on its own connection.
export const FAILED_LIST_SQL = {
  rows: `
    WITH failed AS (${FAILED})
    SELECT r.id AS recipientId, r.email_id AS emailId, e.subject, r.contact_id AS contactId, c.name AS contactName,
           r.address, r.status, f.reason, r.status_reason AS detail, r.updated_at AS at,
           COALESCE(rr.status_code, '') AS statusCode, COALESCE(rr.diagnostic, r.smtp_reply, '') AS diagnostic,
           EXISTS (SELECT 1 FROM suppressions s WHERE s.email_norm = r.address_norm AND s.kind = 'deactivated' AND s.reactivated_at IS NULL) AS deactivated
    FROM failed f JOIN recipients r ON r.id = f.id JOIN emails e ON e.id = r.email_id
    LEFT JOIN contacts c ON c.id = r.contact_id
    -- The report behind the row: the auto-reply for "auto responder", else the one that set the status.
    LEFT JOIN report_recipients rr ON rr.rowid = (
      SELECT max(x.rowid) FROM report_recipients x WHERE x.recipient_id = r.id
        AND CASE WHEN f.reason = 'auto responder' THEN x.class = 'autoreply' ELSE x.applied = r.status END)
    WHERE (:reason = '' OR f.reason = :reason) AND ${MATCHES}
    ORDER BY r.updated_at DESC, r.id DESC LIMIT :limit OFFSET :offset`,
  counts: `
    WITH failed AS (${FAILED})
    SELECT f.reason, count(*) AS n FROM failed f JOIN recipients r ON r.id = f.id JOIN emails e ON e.id = r.email_id
    LEFT JOIN contacts c ON c.id = r.contact_id
    WHERE ${MATCHES} GROUP BY f.reason`,
} as const;

export interface FailedQuery { reason: FailureReason | ''; search: string; offset: number; limit: number }

/** The search's parameters, as both of FAILED_LIST_SQL's statements bind them. */
export function failedSearch(search: string) {
  const words = search.trim().toLowerCase();
  return { q: words, like: `%${escapeLike(words)}%` };
}

export function failedList(db: Db) {
  const q = prepareAll(db, FAILED_LIST_SQL);
  return ({ reason, search, offset, limit }: FailedQuery): FailedPage => {
    const params = failedSearch(search);
    const counts = Object.fromEntries(FAILURE_REASONS.map((r) => [r, 0])) as Record<FailureReason, number>;
    for (const { reason: r, n } of q.counts.all(params) as { reason: FailureReason; n: number }[]) counts[r] = n;
    const rows = (q.rows.all({ ...params, reason, limit, offset }) as (Omit<FailedRow, 'deactivated'> & { deactivated: 0 | 1 })[])
      .map((r) => ({ ...r, deactivated: r.deactivated === 1 }));
    const total = reason ? counts[reason] : Object.values(counts).reduce((a, b) => a + b, 0);
    return { rows, total, counts };
  };
}
