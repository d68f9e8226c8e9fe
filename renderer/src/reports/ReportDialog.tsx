import { useEffect, useRef } from 'react';
import { useCall } from '../api/use-call';
import { ErrorBanner, formatSeconds } from '../components/form';
import { kilobytes, matchedByWords, words } from './report-words';

/**
 * One stored report, raw, as text in a <pre>: React writes it as a text node, so nothing in it is
 * ever parsed as HTML and nothing remote is loaded. A modal <dialog>, so it sits above the details
 * drawer; Escape and Close both close it.
 */
export function ReportDialog({ id, onClose }: { id: number; onClose: () => void }) {
  const report = useCall('reports.get', { id });
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const r = report.data;
  return (
    <dialog ref={ref} className="report-dialog" aria-label="Report" onClose={onClose}>
      <div className="toolbar">
        <h2>{r ? r.subject || '(no subject)' : 'Report'}</h2>
        <button type="button" onClick={onClose}>Close</button>
      </div>
      <ErrorBanner error={report.error} />
      {!r && !report.error && <p className="muted">Loading…</p>}
      {r && (
        <>
          <p className="muted small">
            {words(r.kind)}{r.format ? ` (${r.format})` : ''} · from {r.from || '(no sender)'} · received {formatSeconds(r.receivedAt)} · {r.mailbox} · {kilobytes(r.size)} · {matchedByWords(r.matchedBy)}
          </p>
          {r.error && <p className="banner error">{r.error}</p>}
          {r.truncated && <p className="small warn-text">(cut at 1 MB)</p>}
          <pre className="raw" aria-label="Raw report">{r.raw}</pre>
        </>
      )}
    </dialog>
  );
}
