import { call } from '../api/client';
import { useCall } from '../api/use-call';
import { useLive } from '../live/use-live';
import { ErrorBanner, formatTime } from '../components/form';
import { DispatchChart } from '../history/DispatchChart';
import { DISPATCH_NUMBERS } from '../history/dispatch-counts';
import { outboxHref } from '../routes';

/** The cancel question: how many copies will never leave (those on a connection already may still go). */
export function cancelText(c: { queued: number; held: number; toQueue: number }): string {
  const n = c.queued + c.held + c.toQueue;
  return `Cancel ${n} cop${n === 1 ? 'y' : 'ies'} not sent yet? They will never be sent; a copy already being handed to the server may still go.`;
}

/** One dispatch: its counts over the copies (each a link to those copies), a progress bar while it sends, its opens and clicks over time, and its controls. */
export function DispatchCard({ id }: { id: number }) {
  const d = useCall('dispatches.get', { id });
  useLive(['dispatches'], d.reload);
  if (!d.data) return <ErrorBanner error={d.error} />;
  const { counts: c, status } = d.data;
  const sendable = c.total - c.notSent;
  const done = sendable - c.queued - c.held;
  // Contacts still to be queued count as to send, so the bar keeps its length while a big merge is queued.
  const expected = sendable + c.toQueue;
  const act = (name: 'dispatches.pause' | 'dispatches.resume' | 'dispatches.cancel') => void call(name, { id }).then(d.reload);
  return (
    <article className="card dispatch" aria-label={d.data.name}>
      <h3>{d.data.name}</h3>
      <p className="muted small">{formatTime(d.data.createdAt)} · {status}</p>
      <progress max={Math.max(expected, 1)} value={done} aria-label="Sending progress" /> <span className="small">{done} / {expected} handed to the server</span>
      {c.toQueue > 0 && <p className="muted small">Queuing {c.toQueue} more…</p>}
      <dl className="counts">
        {DISPATCH_NUMBERS.filter((n) => !n.optional || n.value(c) > 0).map((n) => (
          <div key={n.label} title={n.title(c)}>
            <dt>{n.label}</dt>
            <dd><a href={outboxHref({ dispatchId: id, ...n.filter })} aria-label={`${n.label}: ${n.value(c)}`}>{n.value(c)}</a></dd>
          </div>
        ))}
      </dl>
      <DispatchChart id={id} version={`${c.opened}.${c.clicked}`} />
      <div className="actions">
        {status === 'sending' && <button type="button" onClick={() => act('dispatches.pause')}>Pause</button>}
        {status === 'paused' && <button type="button" onClick={() => act('dispatches.resume')}>Resume</button>}
        {(status === 'sending' || status === 'paused') && <button type="button" className="danger" onClick={() => confirm(cancelText(c)) && act('dispatches.cancel')}>Cancel</button>}
      </div>
    </article>
  );
}
