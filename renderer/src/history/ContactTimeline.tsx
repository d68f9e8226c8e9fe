import type { ActivityPage, ActivityRow } from '../../../main/api/contract';
import { call } from '../api/client';
import { ErrorBanner, formatSeconds } from '../components/form';
import { usePagedList } from '../failed/use-paged-list';
import { href } from '../routes';
import { activityWords } from './activity-words';

/** The contact's activity, newest first, a page at a time; each line opens its email's details. */
export function ContactTimeline({ contactId }: { contactId: number }) {
  const list = usePagedList<ActivityRow, ActivityPage>((offset, limit) => call('contacts.activity', { contactId, offset, limit }), String(contactId), 0, (a) => a.id);
  const p = list.page;
  return (
    <section className="timeline" aria-labelledby="timeline-title">
      <h3 id="timeline-title">Activity</h3>
      <ErrorBanner error={list.error} />
      {p && p.total === 0 && <p className="muted">Nothing yet: emails sent to this contact and what became of them show here.</p>}
      <ol aria-label="Activity">
        {p?.rows.map((a) => (
          <li key={a.id} className={`activity a-${a.kind}${a.by === 'machine' ? ' machine' : ''}`}>
            <time className="muted small" dateTime={new Date(a.at).toISOString()}>{formatSeconds(a.at)}</time>
            <span>{activityWords(a)}</span>
            {a.emailId !== null && <a href={href('outbox', a.emailId)} title="Show details">{a.subject}</a>}
          </li>
        ))}
      </ol>
      {list.hasMore && <button type="button" onClick={list.more}>More activity</button>}
    </section>
  );
}
