// Reports as the UI reads them: the list (all, or the unmatched), one raw report shown as text,
// and the reports behind each copy in Show details.
import type { Db } from '../db/open-database';
import type { MailReportRaw, MailReportSummary, RecipientReport } from '../api/contract';
import { notFound } from '../api/errors';
import { prepareAll } from '../store/prepare';
import { reasonWords } from '../domain/reason-words';

const SUMMARY = `id, kind, format, subject, from_address AS "from", received_at AS receivedAt, mailbox, matched_by AS matchedBy,
                 email_id AS emailId, error, size`;

export const REPORTS_SQL = {
  // Two of each, so each walks its own index (mail_reports_by_time, mail_reports_unmatched).
  all: `SELECT ${SUMMARY} FROM mail_reports ORDER BY received_at DESC LIMIT :limit OFFSET :offset`,
  allTotal: `SELECT count(*) AS n FROM mail_reports`,
  unmatched: `SELECT ${SUMMARY} FROM mail_reports WHERE matched_by IS NULL ORDER BY received_at DESC LIMIT :limit OFFSET :offset`,
  unmatchedTotal: `SELECT count(*) AS n FROM mail_reports WHERE matched_by IS NULL`,
  get: `SELECT ${SUMMARY}, raw FROM mail_reports WHERE id = ?`,
  ofEmail: `
    SELECT m.id AS reportId, rr.recipient_id AS recipientId, m.kind, rr.class, rr.reason, rr.status_code AS statusCode,
           rr.diagnostic, rr.host, m.received_at AS receivedAt, m.matched_by AS matchedBy, rr.applied, rr.return_date AS returnDate
    FROM mail_reports m JOIN report_recipients rr ON rr.report_id = m.id
    WHERE m.email_id = ? ORDER BY m.received_at, m.id LIMIT 1000`,
} as const;

/** Shown as text only; a report bigger than this is cut (the stored bytes stay whole). */
const MAX_SHOWN = 1024 * 1024;

export function reportsView(db: Db) {
  const q = prepareAll(db, REPORTS_SQL);
  return {
    list({ unmatched, offset, limit }: { unmatched: boolean; offset: number; limit: number }) {
      return {
        rows: (unmatched ? q.unmatched : q.all).all({ offset, limit }) as MailReportSummary[],
        total: ((unmatched ? q.unmatchedTotal : q.allTotal).get() as { n: number }).n,
      };
    },
    get(id: number): MailReportRaw {
      const row = q.get.get(id) as (MailReportSummary & { raw: Buffer }) | undefined;
      if (!row) throw notFound('Report', id);
      const { raw, ...summary } = row;
      return { ...summary, raw: raw.subarray(0, MAX_SHOWN).toString('utf8'), truncated: raw.length > MAX_SHOWN };
    },
    ofEmail(emailId: number): RecipientReport[] {
      return (q.ofEmail.all(emailId) as Omit<RecipientReport, 'reasonWords'>[]).map((r) => ({ ...r, reasonWords: reasonWords(r.reason) }));
    },
  };
}
