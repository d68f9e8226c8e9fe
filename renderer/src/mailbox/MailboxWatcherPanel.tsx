import type { MailboxStatus, WatcherState } from '../../../main/api/contract';
import { ErrorBanner, formatSeconds } from '../components/form';
import { href } from '../routes';
import { useMailboxStatus } from './use-mailbox-status';

const TONE: Record<WatcherState, string> = {
  off: 'muted', connecting: 'muted', checking: 'muted', idle: 'ok-text', polling: 'ok-text', reconnecting: 'warn-text', login_failed: 'error-text',
};

/**
 * The mailbox watcher's state, as the core words it, with "Check now". Full in Preferences
 * (account, folders with their last UID, last error); `compact` on the dashboard.
 */
export function MailboxWatcherPanel({ initial, compact = false }: { initial?: MailboxStatus; compact?: boolean }) {
  const { status: s, error, checking, checkNow } = useMailboxStatus(initial);
  return (
    <div className={`mailbox-panel${compact ? ' compact' : ''}`}>
      <div className="mailbox-head">
        <p role="status" aria-label="Mailbox watcher" className={`watcher-message ${s ? TONE[s.state] : 'muted'}`}>
          {s ? s.message : 'Reading the watcher’s state…'}
        </p>
        <button type="button" onClick={checkNow} disabled={checking}>{checking ? 'Checking…' : 'Check now'}</button>
      </div>
      <ErrorBanner error={error} />
      {s && (
        <dl className="mailbox-facts small">
          {!compact && <div><dt>Account</dt><dd>{s.account ?? 'none'}</dd></div>}
          <div><dt>Last checked</dt><dd>{s.lastCheckedAt ? formatSeconds(s.lastCheckedAt) : 'never'}</dd></div>
          <div><dt>Reports stored</dt><dd>{s.reportsStored.toLocaleString()}</dd></div>
          <div><dt>Unmatched</dt><dd>{s.unmatched > 0 ? <a href={href('failed')}>{s.unmatched.toLocaleString()}</a> : 0}</dd></div>
          {!compact && s.retryAt && <div><dt>Next try</dt><dd>{formatSeconds(s.retryAt)}</dd></div>}
          {!compact && s.lastError && <div className="wide"><dt>Last error</dt><dd className="error-text">{s.lastError}</dd></div>}
        </dl>
      )}
      {s && !compact && (s.folders.length === 0 ? <p className="muted small">No folder watched yet.</p> : (
        <table className="plain" aria-label="Watched folders">
          <thead><tr><th>Folder</th><th>Last UID</th><th>Last checked</th></tr></thead>
          <tbody>
            {s.folders.map((f) => (
              <tr key={f.folder}><td>{f.folder}</td><td>{f.lastUid}</td><td>{f.lastCheckedAt ? formatSeconds(f.lastCheckedAt) : 'never'}</td></tr>
            ))}
          </tbody>
        </table>
      ))}
      {s && compact && s.folders.length > 0 && (
        <p className="muted small">Watching {s.folders.map((f) => f.folder).join(', ')} · <a href={href('preferences')}>settings</a></p>
      )}
    </div>
  );
}
