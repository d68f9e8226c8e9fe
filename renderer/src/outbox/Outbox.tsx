import { useState } from 'react';
import { ErrorBanner } from '../components/form';
import { useLiveVersion } from '../live/use-live';
import { OutboxExport } from '../export/OutboxExport';
import { href, navigate } from '../routes';
import { EmailDetails } from './EmailDetails';
import { OutboxTable } from './OutboxTable';
import { SyncButton } from './SyncButton';
import { useOutboxView } from './use-outbox-view';
import './outbox.css';

export function Outbox({ selected, query }: { selected: string | null; query: URLSearchParams }) {
  const [version, setVersion] = useState(0);
  const saved = useOutboxView(query);
  const live = useLiveVersion(['outbox']);
  const all = saved.period === 'all';
  return (
    <section className="outbox-section">
      <div className="toolbar">
        <h1>Outbox</h1>
        <a className="button primary" href={href('compose')}>New email</a>
        <SyncButton onSynced={() => setVersion((v) => v + 1)} />
        <div className="segmented" role="group" aria-label="Period">
          <button aria-pressed={!all} onClick={() => saved.setPeriod('recent')}>Last 90 days</button>
          <button aria-pressed={all} onClick={() => saved.setPeriod('all')}>All emails</button>
        </div>
        <OutboxExport />
      </div>
      <ErrorBanner error={saved.error} />
      {/* Show details opens over the table, never over the toolbar above. */}
      <div className="outbox-body">
        {saved.ready && (
          <OutboxTable scope={all ? { kind: 'all' } : { kind: 'recent', days: 90 }} height="calc(100vh - 230px)" version={version + live} view={saved.view} onViewChange={saved.setView} />
        )}
        {selected && <EmailDetails key={`${selected}.${version}`} id={Number(selected)} onClose={() => navigate('outbox')} />}
      </div>
    </section>
  );
}
