import { useEffect, useState } from 'react';
import { FAILURE_REASONS, type FailedPage, type FailedRow, type FailureReason } from '../../../main/api/contract';
import { call } from '../api/client';
import { ErrorBanner, formatSeconds } from '../components/form';
import { href } from '../routes';
import { ReactivateButton } from './ReactivateButton';
import { ExportButton } from '../export/ExportButton';
import { usePagedList } from './use-paged-list';

/**
 * Every recipient that failed, newest first, with the reason in words; filtered by reason (each
 * with its count) and by a search over address, contact and subject. A subject opens that email's
 * details over this section (#/failed/EMAILID).
 */
export function FailedTable({ version, onChanged }: { version: number; onChanged: () => void }) {
  const [reason, setReason] = useState<'' | FailureReason>('');
  const [search, setSearch] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setDebounced(search.trim()), 250);
    return () => clearTimeout(t);
  }, [search]);

  const list = usePagedList<FailedRow, FailedPage>(
    (offset, limit) => call('failed.list', { reason, search: debounced, offset, limit }),
    JSON.stringify({ reason, debounced }), version, (r) => r.recipientId,
  );
  const p = list.page;
  const all = p ? FAILURE_REASONS.reduce((n, r) => n + (p.counts[r] ?? 0), 0) : null;
  const filtered = reason !== '' || debounced !== '';

  return (
    <div className="failed">
      <div className="filters">
        <input type="search" placeholder="Search address, contact or subject" aria-label="Search failed" value={search} onChange={(e) => setSearch(e.target.value)} />
        <select aria-label="Reason" value={reason} onChange={(e) => setReason(e.target.value as '' | FailureReason)}>
          <option value="">All reasons{all === null ? '' : ` (${all})`}</option>
          {FAILURE_REASONS.map((r) => <option key={r} value={r}>{r}{p ? ` (${p.counts[r] ?? 0})` : ''}</option>)}
        </select>
        <ExportButton choices={[{ label: 'Failed recipients as filtered', report: { kind: 'failed', reason, search: debounced } }]} />
        <span className="muted" aria-live="polite">{!p ? 'Loading…' : `${p.total.toLocaleString()} failed recipient${p.total === 1 ? '' : 's'}`}</span>
      </div>
      <ErrorBanner error={list.error} />
      <div className="table-scroll">
        <table className="plain failed-table" aria-label="Failed recipients">
          <thead>
            <tr><th>Date</th><th>Address</th><th>Contact</th><th>Email</th><th>Reason</th><th>Code</th><th>Diagnostic</th><th /></tr>
          </thead>
          <tbody>
            {p?.rows.map((r) => (
              <tr key={r.recipientId}>
                <td className="nowrap">{formatSeconds(r.at)}</td>
                <td>{r.address}{r.deactivated && <div className="small error-text">deactivated</div>}</td>
                <td>{r.contactId !== null ? <a href={href('contacts', r.contactId)}>{r.contactName || 'contact'}</a> : ''}</td>
                <td><a href={href('failed', r.emailId)} title="Show details">{r.subject || '(no subject)'}</a></td>
                <td><span className="reason">{r.reason}</span>{r.detail && <div className="small muted">{r.detail}</div>}</td>
                <td>{r.statusCode}</td>
                <td className="small diagnostic">{r.diagnostic}</td>
                <td>{r.deactivated && <ReactivateButton address={r.address} onDone={onChanged} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {p?.total === 0 && <p className="muted empty">{filtered ? 'No failed recipient matches.' : 'No recipient has failed.'}</p>}
      </div>
      {list.hasMore && <button type="button" onClick={list.more}>More</button>}
    </div>
  );
}
