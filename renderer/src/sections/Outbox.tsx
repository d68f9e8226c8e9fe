import { useState } from 'react';
import { OutboxTable } from './OutboxTable';

export function Outbox() {
  const [all, setAll] = useState(false);
  return (
    <section className="outbox-section">
      <div className="toolbar">
        <h1>Outbox</h1>
        <div className="segmented" role="group" aria-label="Period">
          <button aria-pressed={!all} onClick={() => setAll(false)}>Last 90 days</button>
          <button aria-pressed={all} onClick={() => setAll(true)}>All emails</button>
        </div>
      </div>
      <OutboxTable scope={all ? { kind: 'all' } : { kind: 'recent', days: 90 }} height="calc(100vh - 190px)" />
    </section>
  );
}
