import type { Db } from '../db/open-database';
import type { CopyAttempt, EmailDetails } from '../api/contract';
import { notFound } from '../api/errors';
import { COUNTED_VERDICTS } from '../domain/views';
import { prepareAll } from './prepare';
import { reportsView } from '../mailbox/reports-view';

const SQL = {
  email: `
    SELECT e.id, e.subject, e.from_address AS fromAddress, e.created_at AS createdAt, e.sent_at AS sentAt, e.tracking,
           e.status, e.viewed, e.total_views AS totalViews, e.shoot_id AS shootId, s.title AS shootTitle,
           e.dispatch_id AS dispatchId, e.last_error AS lastError, e.body_text AS bodyText, e.body_html AS bodyHtml,
           e.links, e.bcc_self_state AS bccSelfState, e.sent_folder_state AS sentFolderState, e.message_id AS messageId,
           e.fetches, e.machine_fetches AS machineFetches,
           (SELECT count(*) FROM tracking_events t WHERE t.email_id = e.id AND t.verdict = 'self') AS ownFetches
    FROM emails e LEFT JOIN shoots s ON s.id = e.shoot_id WHERE e.id = ?`,
  recipients: `
    SELECT id, kind, display_name AS name, address, status, status_reason AS statusReason, bounce_class AS bounceClass,
           send_state AS sendState, attempts, last_attempt_at AS lastAttemptAt, next_attempt_at AS nextAttemptAt,
           smtp_reply AS smtpReply, tracked, views, clicks, first_viewed_at AS firstViewedAt, last_viewed_at AS lastViewedAt,
           last_program AS lastProgram, auto_reply_at AS autoReplyAt,
           views > 0 AND NOT EXISTS (SELECT 1 FROM tracking_events t WHERE t.recipient_id = r.id AND t.kind = 'open'
                                     AND t.verdict IN (SELECT value FROM json_each(:counted))) AS openImpliedByClick
    FROM recipients r WHERE email_id = :id
    ORDER BY CASE kind WHEN 'to' THEN 0 WHEN 'cc' THEN 1 ELSE 2 END, id`,
  events: `
    SELECT id, recipient_id AS recipientId, kind, at, ip, user_agent AS userAgent, method, link_index AS linkIndex, url, verdict, why,
           verdict IN (SELECT value FROM json_each(:counted)) AS counted, program
    FROM tracking_events WHERE email_id = :id ORDER BY at, id LIMIT 5000`,
  attempts: `
    SELECT a.recipient_id AS recipientId, a.attempt, a.at, a.outcome, a.reply, a.reason
    FROM recipients r JOIN copy_attempts a ON a.recipient_id = r.id WHERE r.email_id = ? ORDER BY a.recipient_id, a.attempt`,
  attachments: `SELECT filename, content_type AS contentType, size FROM attachments WHERE email_id = ? ORDER BY id`,
} as const;

type Recipient = EmailDetails['recipients'][number];
type Event = EmailDetails['events'][number];
const COUNTED = JSON.stringify(COUNTED_VERDICTS);

/** Everything "Show details" lists for one email: each recipient's result and every event. */
export function outboxDetails(db: Db) {
  const q = prepareAll(db, SQL);
  const reports = reportsView(db);
  return (id: number): EmailDetails => {
    const email = q.email.get(id) as (Omit<EmailDetails['email'], 'links'> & { links: string }) | undefined;
    if (!email) throw notFound('Email', id);
    const history = new Map<number, CopyAttempt[]>();
    for (const { recipientId, ...a } of q.attempts.all(id) as (CopyAttempt & { recipientId: number })[]) {
      history.set(recipientId, [...(history.get(recipientId) ?? []), a]);
    }
    const byId = { id, counted: COUNTED };
    return {
      email: { ...email, links: JSON.parse(email.links) as string[] },
      recipients: (q.recipients.all(byId) as (Omit<Recipient, 'tracked' | 'openImpliedByClick' | 'history'> & { tracked: number; openImpliedByClick: number })[])
        .map((r) => ({ ...r, tracked: r.tracked === 1, openImpliedByClick: r.openImpliedByClick === 1, history: history.get(r.id) ?? [] })),
      events: (q.events.all(byId) as (Omit<Event, 'counted'> & { counted: number })[]).map((e) => ({ ...e, counted: e.counted === 1 })),
      attachments: q.attachments.all(id) as EmailDetails['attachments'],
      reports: reports.ofEmail(id),
    };
  };
}
