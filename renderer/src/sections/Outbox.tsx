import { useState } from 'react';
import { href, navigate } from '../routes';
import { EmailDetails } from './EmailDetails';
import { OutboxTable } from './OutboxTable';
import { SyncButton } from './SyncButton';
import { OutboxExport } from '../export/OutboxExport';

export function Outbox({ selected }: { selected: string | null }) {
  const [all, setAll] = useState(false);
  const [version, setVersion] = useState(0);
  return (
    <section className="outbox-section">
      <div className="toolbar">
        <h1>Outbox</h1>
        <a className="button primary" href={href('compose')}>New email</a>
        <OutboxExport />
        <SyncButton onSynced={() => setVersion((v) => v + 1)} />
        <div className="segmented" role="group" aria-label="Period">
          <button aria-pressed={!all} onClick={() => setAll(false)}>Last 90 days</button>
          <button aria-pressed={all} onClick={() => setAll(true)}>All emails</button>
        </div>
      </div>
      <OutboxTable scope={all ? { kind: 'all' } : { kind: 'recent', days: 90 }} height="calc(100vh - 190px)" version={version} />
      {selected && <EmailDetails key={`${selected}.${version}`} id={Number(selected)} onClose={() => navigate('outbox')} />}
    </section>
  );
}
