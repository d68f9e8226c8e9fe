import { useEffect, useState } from 'react';
import type { OwnIp } from '../../../main/api/contract';
import { call } from '../api/client';
import { asCallError, useCall } from '../api/use-call';
import { ErrorBanner, formatTime } from '../components/form';

const LEARNED_FROM: Record<OwnIp['learnedFrom'], string> = { sync: 'relay sync', test: 'relay test' };

/**
 * Preferences' "Your own addresses" (`ownIps.list`): opens from them count as the user's. Remove
 * (`ownIps.remove`) says "not mine". `reloadOn` changes when a relay Test ran, which may have learned one.
 */
export function OwnIps({ reloadOn }: { reloadOn: unknown }) {
  const list = useCall('ownIps.list', {});
  const [error, setError] = useState<Error>();
  const { reload } = list;
  useEffect(() => {
    if (reloadOn) reload();
  }, [reloadOn, reload]);

  async function remove(ip: string) {
    try {
      await call('ownIps.remove', { ip });
      setError(undefined);
    } catch (err) {
      setError(asCallError(err));
    }
    reload();
  }

  const rows = list.data ?? [];
  return (
    <div role="group" aria-label="Your own addresses" className="field">
      <span className="label">Your own addresses</span>
      <ErrorBanner error={error ?? list.error} />
      {rows.length === 0 ? (
        <p className="muted small">None yet. Each relay sync and Test tells the app the address the relay sees it at (never this computer’s own loopback address).</p>
      ) : (
        <table className="plain" aria-label="Your own addresses">
          <thead><tr><th>Address</th><th>Learned from</th><th>First seen</th><th>Last seen</th><th /></tr></thead>
          <tbody>
            {rows.map((o) => (
              <tr key={o.ip}>
                <td>{o.ip}</td>
                <td>{LEARNED_FROM[o.learnedFrom]}</td>
                <td>{formatTime(o.firstSeenAt)}</td>
                <td>{formatTime(o.lastSeenAt)}</td>
                <td><button type="button" aria-label={`Remove ${o.ip}`} onClick={() => void remove(o.ip)}>Remove</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <span className="hint">Opens from these addresses, within a day of when the relay saw this app there, count as yours, not a client’s. Remove one that is not yours: later opens from it count again.</span>
    </div>
  );
}
