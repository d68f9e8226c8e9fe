import { call } from '../api/client';
import { useCall } from '../api/use-call';
import { ErrorBanner, formatTime } from '../components/form';
import { useLive } from '../live/use-live';
import { href } from '../routes';

const UNLESS = { opened: 'not opened by a person', replied: 'not replied' } as const;

const since = (days: number) => (days <= 0 ? 'today' : `${days} day${days === 1 ? '' : 's'} ago`);

/** The dashboard's due follow-ups: Done, Snooze (a day), Open email. */
export function DueReminders() {
  const due = useCall('reminders.due', {});
  // Cleared by an open or a reply in a sync, or told as it came due: the list follows by itself.
  useLive(['dashboard'], due.reload);
  const act = (run: Promise<unknown>) => void run.then(due.reload, due.reload);
  const list = due.data ?? [];
  return (
    <>
      <h2>Follow-ups due</h2>
      <ErrorBanner error={due.error} />
      {list.length === 0 ? (
        <p className="muted">No follow-up is due.</p>
      ) : (
        <ul className="notices" aria-label="Follow-ups due">
          {list.map((r) => (
            <li key={r.id}>
              <strong>{r.subject}</strong> to {r.contact}: {UNLESS[r.unless]}, sent {since(r.daysSinceSent)}{' '}
              <time className="muted" title={`due ${formatTime(r.dueAt)}`}>({formatTime(r.sentAt)})</time>{' '}
              <a className="button" href={href('outbox', r.emailId)}>Open email</a>{' '}
              <button type="button" onClick={() => act(call('reminders.snooze', { id: r.id, days: 1 }))}>Snooze</button>{' '}
              <button type="button" onClick={() => act(call('reminders.done', { id: r.id }))}>Done</button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
