import type { MailReportSummary } from '../../../main/api/contract';
import { call } from '../api/client';
import { ErrorBanner, formatSeconds } from '../components/form';
import { ViewReportButton } from '../reports/ViewReportButton';
import { words } from '../reports/report-words';
import { usePagedList } from './use-paged-list';

/** Reports from the mailbox that matched no copy: listed for the user to read, never guessed. */
export function UnmatchedReports({ version }: { version: number }) {
  const list = usePagedList<MailReportSummary, { rows: MailReportSummary[]; total: number }>(
    (offset, limit) => call('reports.list', { unmatched: true, offset, limit }), 'unmatched', version, (r) => r.id,
  );
  const p = list.page;
  return (
    <div className="unmatched">
      <ErrorBanner error={list.error} />
      {p && p.total === 0 ? <p className="muted">No unmatched reports.</p> : (
        <div className="table-scroll">
          <table className="plain" aria-label="Unmatched reports">
            <thead><tr><th>Received</th><th>Kind</th><th>Subject</th><th>From</th><th>Why not matched</th><th /></tr></thead>
            <tbody>
              {p?.rows.map((r) => (
                <tr key={r.id}>
                  <td className="nowrap">{formatSeconds(r.receivedAt)}</td>
                  <td>{words(r.kind)}</td>
                  <td>{r.subject || '(no subject)'}</td>
                  <td>{r.from}</td>
                  <td className="small">{r.error ?? ''}</td>
                  <td><ViewReportButton id={r.id} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.hasMore && <button type="button" onClick={list.more}>More reports</button>}
    </div>
  );
}
