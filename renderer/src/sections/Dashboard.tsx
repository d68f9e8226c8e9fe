import { call } from '../api/client';
import { useCall } from '../api/use-call';
import { useLive } from '../live/use-live';
import { ErrorBanner, formatTime } from '../components/form';
import { href } from '../routes';
import { MailboxWatcherPanel } from '../mailbox/MailboxWatcherPanel';
import { FirstRunChecklist } from '../first-run/FirstRunChecklist';
import { DispatchCard } from './DispatchCard';
import { DueReminders } from '../reminders/DueReminders';

export function Dashboard() {
  const summary = useCall('dashboard.summary', {});
  const info = useCall('app.info', {});
  const dispatches = useCall('dispatches.list', {});
  useLive(['dashboard', 'notices', 'mailbox'], summary.reload);
  useLive(['dispatches'], dispatches.reload);
  const s = summary.data;
  return (
    <section>
      <h1>Dashboard</h1>
      <ErrorBanner error={summary.error} />
      <FirstRunChecklist />
      {s && (
        <>
          <div className="cards">
            <a className="card" href={href('contacts')}><strong>{s.contacts.toLocaleString()}</strong> contacts</a>
            <a className="card" href={href('shoots')}><strong>{s.shoots.toLocaleString()}</strong> shoots</a>
            <a className="card" href={href('outbox')}><strong>{s.emailsLast90Days.toLocaleString()}</strong> emails in the last 90 days</a>
          </div>
          {dispatches.data && dispatches.data.length > 0 && (
            <>
              <h2>Dispatches</h2>
              <div className="cards">{dispatches.data.map((d) => <DispatchCard key={d.id} id={d.id} />)}</div>
            </>
          )}
          <DueReminders />
          <h2>Notices</h2>
          {s.notices.length === 0 ? (
            <p className="muted">Nothing needs your attention.</p>
          ) : (
            <ul className="notices">
              {s.notices.map((n) => (
                <li key={n.id}>
                  {n.link ? <a href={`#/${n.link}`}>{n.message}</a> : <span>{n.message}</span>} <time className="muted">{formatTime(n.createdAt)}</time>{' '}
                  <button onClick={() => void call('notices.markSeen', { ids: [n.id] }).then(summary.reload)}>Seen</button>
                </li>
              ))}
            </ul>
          )}
          <h2>Mailbox</h2>
          <MailboxWatcherPanel initial={s.mailbox} compact />
        </>
      )}
      {info.data && (
        <p className="muted small">
          Outpost {info.data.version} · {info.data.mode === 'electron' ? 'desktop window' : 'browser mode'} · data in {info.data.dataDir}
        </p>
      )}
    </section>
  );
}
