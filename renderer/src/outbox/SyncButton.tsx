import { useEffect, useState } from 'react';
import type { SyncStatus } from '../../../main/api/contract';
import { call } from '../api/client';
import { asCallError } from '../api/use-call';
import { formatTime } from '../components/form';

/** "Sync now" for relay events, with the last result. */
export function SyncButton({ onSynced }: { onSynced?: () => void }) {
  const [status, setStatus] = useState<SyncStatus>();
  const [error, setError] = useState<string>();
  const sync = () => {
    setStatus((s) => (s ? { ...s, state: 'syncing' } : s));
    call('tracking.syncNow', {}).then((s) => (setStatus(s), setError(undefined), onSynced?.()), (e: unknown) => setError(asCallError(e).message));
  };
  useEffect(() => {
    call('tracking.status', {}).then(setStatus, () => {});
  }, []);
  const text = error ?? (status?.state === 'off' ? 'Tracking is off or no relay is set'
    : status?.state === 'error' ? `Relay: ${status.lastError}`
    : status?.lastOkAt ? `Synced ${formatTime(status.lastOkAt)}` : '');
  return (
    <span className="sync">
      <button type="button" onClick={sync} disabled={status?.state === 'syncing'}>{status?.state === 'syncing' ? 'Syncing…' : 'Sync now'}</button>
      <span className={`small ${status?.state === 'error' || error ? 'error-text' : 'muted'}`} role="status" aria-label="Relay sync status">{text}</span>
    </span>
  );
}
