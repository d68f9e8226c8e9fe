import { useState } from 'react';
import { call } from '../api/client';
import { asCallError } from '../api/use-call';

/** "Reactivate" for an address a hard bounce deactivated; `onDone` reads the data again. */
export function ReactivateButton({ address, onDone }: { address: string; onDone: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  async function reactivate() {
    setBusy(true);
    try {
      await call('addresses.reactivate', { address });
      setError(undefined);
      onDone();
    } catch (err) {
      setError(asCallError(err).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <span className="reactivate">
      <button type="button" onClick={() => void reactivate()} disabled={busy}>{busy ? 'Reactivating…' : 'Reactivate'}</button>
      {error && <span className="error-text small" role="alert">{error}</span>}
    </span>
  );
}
