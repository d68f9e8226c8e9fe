import type { RecipientReport } from '../../../main/api/contract';
import { formatSeconds } from '../components/form';
import { appliedWords, matchedByWords, words } from './report-words';
import { ViewReportButton } from './ViewReportButton';

/** The reports that came back about one recipient copy (or about none), oldest first. */
export function RecipientReports({ reports, label }: { reports: RecipientReport[]; label: string }) {
  return (
    <table className="plain reports" aria-label={label}>
      <thead>
        <tr><th>Received</th><th>Kind</th><th>Class</th><th>Reason</th><th>Code</th><th>Diagnostic</th><th>Server</th><th>Matched</th><th>Result</th><th /></tr>
      </thead>
      <tbody>
        {reports.map((r) => (
          <tr key={r.reportId}>
            <td className="nowrap">{formatSeconds(r.receivedAt)}</td>
            <td>{words(r.kind)}</td>
            <td>{words(r.class)}</td>
            <td>{r.reasonWords}{r.returnDate && <div className="small muted">returns {r.returnDate}</div>}</td>
            <td>{r.statusCode}</td>
            <td className="small diagnostic">{r.diagnostic}</td>
            <td className="small">{r.host}</td>
            <td className={r.matchedBy === 'address' ? 'small warn-text' : 'small'} title={r.matchedBy === 'address' ? 'No id of ours came back: matched by the failed address near a recent send' : undefined}>
              {matchedByWords(r.matchedBy)}
            </td>
            <td>{appliedWords(r)}</td>
            <td><ViewReportButton id={r.reportId} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
