import { Fragment, useMemo, useState } from 'react';
import type { EmailDetails as Details } from '../../../main/api/contract';
import { call } from '../api/client';
import { asCallError, useCall } from '../api/use-call';
import { ErrorBanner } from '../components/form';
import { useLive } from '../live/use-live';
import { RecipientReports } from '../reports/RecipientReports';
import { previewDoc } from './email-preview';
import { fetchesInAll, NO_REASON, VERDICT_WORDS, viewsByPeople } from './tracking-words';

const RESENDABLE = new Set(['unknown']);
const ATTEMPT_LABEL: Record<string, string> = {
  accepted: 'accepted', deferred: 'temporarily refused', refused: 'refused', failed: 'not sent', unknown: 'unknown — may have left',
};
const RESENDABLE_STATUS = new Set(['Soft Bounced', 'Bounced']);

/** Details order events a few seconds apart, and a client may be elsewhere: to the second, with the time zone. */
const fullTime = (ms: number | null) => (ms === null ? '' : new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'long' }));

export function EmailDetails({ id, onClose }: { id: number; onClose: () => void }) {
  const details = useCall('outbox.details', { id });
  useLive(['details'], details.reload, id);
  const [actionError, setActionError] = useState<Error>();
  const d = details.data;
  // Sanitized once per loaded email, not on every render.
  const preview = useMemo(() => (d ? previewDoc(d.email) : ''), [d?.email]);
  const unmatched = d?.reports.filter((x) => x.recipientId === null) ?? [];

  /** Resend, or "Mark as sent" for a copy that may or may not have left, once the user has checked. */
  async function act(name: 'outbox.resend' | 'outbox.markSent', ids: number[]) {
    try {
      const done = await call(name, { recipientIds: ids });
      if ('deactivated' in done && done.deactivated > 0) {
        setActionError(new Error('Not resent: this address is deactivated after a hard bounce. Reactivate it (in Failed or on the contact) if it works again.'));
      }
      details.reload();
    } catch (err) {
      setActionError(asCallError(err));
    }
  }

  return (
    <aside className="details" role="dialog" aria-label="Email details">
      <div className="toolbar">
        <h2>{d?.email.subject ?? 'Email'}</h2>
        <button type="button" onClick={onClose} aria-label="Close details">Close</button>
      </div>
      <ErrorBanner error={details.error ?? actionError} />
      {d && (
        <>
          <p className="muted small">
            From {d.email.fromAddress} · created {fullTime(d.email.createdAt)}{d.email.sentAt ? ` · sent ${fullTime(d.email.sentAt)}` : ''}
            {' · '}tracking {d.email.tracking === 'off' ? 'off' : d.email.tracking === 'opens' ? 'opens' : 'opens and clicks'}
            {d.email.shootTitle ? ` · ${d.email.shootTitle}` : ''}
          </p>
          <p>Status <strong>{d.email.status}</strong> · Viewed (people) <strong data-testid="details-viewed">{d.email.viewed}</strong>
            {' · '}<span data-testid="details-views" title="A person's open, through their mail program or its proxy, or a person's click">{viewsByPeople(d.email.totalViews)}</span>
            {' · '}<span data-testid="details-fetches" title="Every open and click the relay saw, machines' too: they are listed below with why">{fetchesInAll(d.email.fetches, d.email.machineFetches, d.email.ownFetches)}</span></p>
          {d.email.lastError && <p className="banner error">{d.email.lastError}</p>}
          {d.email.sentFolderState.startsWith('failed') && (
            <p className="banner error" data-testid="details-sent-folder">Not added to your Sent folder: {d.email.sentFolderState.replace(/^failed: /, '')}</p>
          )}
          <h3>Recipients</h3>
          <table className="plain" aria-label="Recipients">
            <thead><tr><th>Recipient</th><th>Result</th><th>Attempts</th><th>Last attempt</th><th>Server reply</th><th>Views</th><th>Clicks</th><th>Program</th><th /></tr></thead>
            <tbody>
              {d.recipients.map((r) => {
                const reports = d.reports.filter((x) => x.recipientId === r.id);
                return (
                  <Fragment key={r.id}>
                    <tr>
                      <td>{r.kind !== 'to' && <span className="muted">{r.kind}: </span>}{r.name ? `${r.name} ` : ''}<span className="muted">{r.address || '(no address)'}</span></td>
                      <td><span className={`status s-${r.status.replace(/\s/g, '-').toLowerCase()}`}>{r.sendState === 'unknown' ? 'unknown — check' : r.status}</span>
                        {r.openImpliedByClick && <span className="small muted"> (implied by a click — images were not loaded)</span>}
                        {r.autoReplyAt ? <span className="tag" title={`Auto-reply received ${fullTime(r.autoReplyAt)}`}>auto-reply</span> : null}
                        {r.statusReason && <div className="small muted">{r.statusReason}</div>}
                        {r.sendState === 'queued' && r.nextAttemptAt && r.attempts > 0 && <div className="small muted">next try {fullTime(r.nextAttemptAt)}</div>}</td>
                      <td>{r.attempts}</td>
                      <td>{fullTime(r.lastAttemptAt)}</td>
                      <td className="small">{r.smtpReply ?? ''}</td>
                      <td>{r.tracked ? r.views : <span className="muted">untracked</span>}</td>
                      <td>{r.tracked ? r.clicks : ''}</td>
                      <td>{r.lastProgram ?? ''}</td>
                      <td>{r.sendState === 'unknown' && <button type="button" onClick={() => void act('outbox.markSent', [r.id])}>Mark as sent</button>}
                        {(RESENDABLE.has(r.sendState) || RESENDABLE_STATUS.has(r.status)) && <button type="button" onClick={() => void act('outbox.resend', [r.id])}>Resend</button>}</td>
                    </tr>
                    {r.history.length > 0 && (
                      <tr className="attempts-row">
                        <td colSpan={9}>
                          <ol className="small attempts" aria-label={`Attempts for ${r.address || 'this recipient'}`}>
                            {r.history.map((a) => (
                              <li key={a.attempt} value={a.attempt}>
                                {fullTime(a.at)} · <strong>{ATTEMPT_LABEL[a.outcome] ?? a.outcome}</strong>
                                {a.reply ? <> · <code>{a.reply}</code></> : null}
                                {a.reason && a.outcome !== 'accepted' ? <span className="muted"> · {a.reason}</span> : null}
                              </li>
                            ))}
                          </ol>
                        </td>
                      </tr>
                    )}
                    {reports.length > 0 && (
                      <tr className="reports-row">
                        <td colSpan={9}><RecipientReports reports={reports} label={`Reports for ${r.address || 'this recipient'}`} /></td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
          {unmatched.length > 0 && (
            <>
              <h3>Reports not matched to a recipient</h3>
              <p className="muted small">They name this email but could not be tied to one of its recipients.</p>
              <RecipientReports reports={unmatched} label="Reports not matched to a recipient" />
            </>
          )}
          <h3>Opens and clicks</h3>
          {d.events.length === 0 ? <p className="muted">{d.email.tracking === 'off' ? 'This email was not tracked.' : 'None yet.'}</p> : (
            <table className="plain" aria-label="Events">
              <thead><tr><th>Time</th><th>Recipient</th><th>Event</th><th>Who</th><th>Program</th><th>IP</th><th>User agent</th></tr></thead>
              <tbody>
                {d.events.map((e) => (
                  <tr key={e.id}>
                    <td>{fullTime(e.at)}</td>
                    <td>{d.recipients.find((r) => r.id === e.recipientId)?.address ?? ''}</td>
                    <td>{e.kind === 'open' ? 'opened' : <>clicked <a href={e.url ?? '#'} target="_blank" rel="noreferrer noopener">{e.url}</a></>}{e.method === 'HEAD' ? ' (HEAD)' : ''}</td>
                    <td><strong>{VERDICT_WORDS[e.verdict] ?? e.verdict}</strong>{e.counted ? '' : ' — not counted'}
                      <div className="small muted">{e.why ?? NO_REASON}</div></td>
                    <td>{e.program ?? ''}</td>
                    <td>{e.ip}</td>
                    <td className="small ua">{e.userAgent}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {d.attachments.length > 0 && <p className="small">Attachments: {d.attachments.map((a) => `${a.filename} (${Math.ceil(a.size / 1024)} KB)`).join(', ')}</p>}
          <h3>Message</h3>
          <iframe className="preview" title="Message" sandbox="" srcDoc={preview} />
        </>
      )}
    </aside>
  );
}
