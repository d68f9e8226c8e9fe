// Reports as the UI reads them: the list (all, or the unmatched), one raw report shown as text,
// and the reports behind each copy in Show details.
import type { Db } from '../db/open-database';
import type { MailReportRaw, MailReportSummary, RecipientReport } from '../api/contract';
import { notFound } from '../api/errors';
import { prepareAll } from '../store/prepare';
import { reasonWords } from '../domain/reason-words';

const SUMMARY = `id, kind, format, subject, from_address AS "from", received_at AS receivedAt, mailbox, matched_by AS matchedBy,
                 email_id AS emailId, error, size`;

const SQL = {
  list: `SELECT ${SUMMARY} FROM mail_reports WHERE (:unmatched = 0 OR matched_by IS NULL)
         ORDER BY received_at DESC, id DESC LIMIT :limit OFFSET :offset`,
  total: `SELECT count(*) AS n FROM mail_reports WHERE (:unmatched = 0 OR matched_by IS NULL)`,
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
  const q = prepareAll(db, SQL);
  return {
    list({ unmatched, offset, limit }: { unmatched: boolean; offset: number; limit: number }) {
      const params = { unmatched: unmatched ? 1 : 0 };
      return {
        rows: q.list.all({ ...params, offset, limit }) as MailReportSummary[],
        total: (q.total.get(params) as { n: number }).n,
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
