import { useEffect, useState } from 'react';
import { call } from '../api/client';
import { useLiveVersion } from '../live/use-live';
import { navigate } from '../routes';
import { EmailDetails } from '../outbox/EmailDetails';
import { FailedTable } from './FailedTable';
import { UnmatchedReports } from './UnmatchedReports';

/** The Failed section: failed recipients, then the reports no copy matched. Opening it clears its dashboard notice. */
export function FailedSection({ selected }: { selected: string | null }) {
  const [version, setVersion] = useState(0);
  const changed = () => setVersion((v) => v + 1);
  const live = useLiveVersion(['failed']);
  useEffect(() => {
    void call('failed.seen', {}).catch(() => {});
  }, []);
  return (
    <section className="failed-section">
      <div className="toolbar">
        <h1>Failed</h1>
        <button type="button" onClick={changed}>Refresh</button>
      </div>
      <FailedTable version={version + live} onChanged={changed} />
      <h2>Unmatched reports</h2>
      <UnmatchedReports version={version + live} />
      {selected && <EmailDetails key={selected} id={Number(selected)} onClose={() => (navigate('failed'), changed())} />}
    </section>
  );
}
