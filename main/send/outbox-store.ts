// The durable outbox: every query the sender runs, by name. The queue is the recipients table
// (send_state, next_attempt_at, attempts); the user's own copies are states on the email row.
import type { Db } from '../db/open-database';
import { afterAttempt, type RecipientStatus } from '../domain/status';
import { emailAggregates } from '../store/email-aggregates';
import { noticeBoard } from '../store/notices';
import { prepareAll } from '../store/prepare';
import type { EmailToSend, Person } from './build-copy';
import type { TrackingMode } from '../tracking/instrument';
import { failureNotice } from '../failed/failure-notice';
import { suppressions } from '../failed/suppressions';
import { IN_OUTBOX } from './in-outbox';
import { providerIdOf } from './provider-id';
import { unknownCopies } from './unknown-copies';

/** The same for emails_own_copies: the emails whose own copies are still to go. */
const OWN_PENDING = `(bcc_self_state IN ('queued', 'sending') OR sent_folder_state IN ('queued', 'sending'))`;

export const OUTBOX_SQL = {
  // At start: copies caught between "handed to SMTP" and "answer recorded" (the transmit journal says what became of them).
  inFlight: `SELECT id, email_id, contact_id, address, copy_id, tracked, attempts FROM recipients
             WHERE ${IN_OUTBOX} AND send_state = 'sending' ORDER BY id`,
  recoverOwnBcc: `UPDATE emails SET bcc_self_state = :state WHERE ${OWN_PENDING} AND bcc_self_state = 'sending'`,
  recoverOwnSent: `UPDATE emails SET sent_folder_state = :state WHERE ${OWN_PENDING} AND sent_folder_state = 'sending'`,
  // Committed before the copy is handed to SMTP: a crash after this line leaves it 'sending'.
  claim: `UPDATE recipients SET send_state = 'sending', attempts = attempts + 1, last_attempt_at = :now, updated_at = :now
          WHERE id IN (SELECT id FROM recipients WHERE ${IN_OUTBOX} AND send_state = 'queued' AND next_attempt_at <= :now
                       ORDER BY next_attempt_at, id LIMIT :limit)
          RETURNING id, email_id, contact_id, address, copy_id, tracked, attempts`,
  nextDue: `SELECT min(next_attempt_at) AS at FROM recipients WHERE ${IN_OUTBOX} AND send_state = 'queued'`,
  queued: `SELECT count(*) AS n FROM recipients WHERE ${IN_OUTBOX} AND send_state IN ('queued', 'sending')`,
  // Emails are read for a whole claim at once (a JSON array of ids): three statements per batch, not per copy.
  emails: `SELECT id, message_id, from_address, subject, body_html, body_text, tracking, created_at,
             bcc_self_state != 'none' OR sent_folder_state != 'none' AS own FROM emails
           WHERE id IN (SELECT value FROM json_each(?))`,
  people: `SELECT email_id, kind, display_name AS name, address FROM recipients
           WHERE email_id IN (SELECT value FROM json_each(?)) AND send_state != 'none' ORDER BY id`,
  attachments: `SELECT email_id, filename, content_type AS contentType, content FROM attachments
                WHERE email_id IN (SELECT value FROM json_each(?)) ORDER BY id`,
  // everAccepted: a server took this copy once (legacy rows without attempts: a 2xx reply kept).
  status: `SELECT status, address, EXISTS (SELECT 1 FROM copy_attempts a WHERE a.recipient_id = r.id AND a.outcome = 'accepted')
             OR smtp_reply LIKE '2%' AS everAccepted FROM recipients r WHERE id = ?`,
  attempt: `INSERT INTO copy_attempts (recipient_id, attempt, at, outcome, reply, reason)
            VALUES (:id, (SELECT count(*) + 1 FROM copy_attempts WHERE recipient_id = :id), :at, :outcome, :reply, :reason)`,
  // A copy taken back from the pool before any server saw it: what its dispatch now says.
  dispatchState: `SELECT d.status FROM emails e JOIN dispatches d ON d.id = e.dispatch_id WHERE e.id = ?`,
  withdrawn: `UPDATE recipients SET send_state = :state, status = :status, status_reason = :reason, attempts = attempts - 1,
                next_attempt_at = :now, updated_at = :now
              WHERE id = :id AND send_state = 'sending'`,
  // The copies of a dispatch the pool holds: the ones a pause or cancel takes back.
  inFlightOfDispatch: `SELECT r.copy_id AS key FROM emails e JOIN recipients r ON r.email_id = e.id
                       WHERE e.dispatch_id = ? AND r.${IN_OUTBOX} AND r.send_state = 'sending'`,
  record: `UPDATE recipients SET send_state = :state, status = :status, status_reason = :reason, bounce_class = :bounceClass,
             smtp_reply = :reply, token = COALESCE(:token, token), tracked = :tracked, attempts = :attempts,
             next_attempt_at = :next, updated_at = :now, provider_id = COALESCE(:providerId, provider_id)
           WHERE id = :id AND send_state = 'sending'`,
  emailError: `UPDATE emails SET last_error = :error WHERE id = :id`,
  activity: `INSERT INTO activities (contact_id, kind, at, email_id, recipient_id, detail) VALUES (?, ?, ?, ?, ?, ?)`,
  // A new attempt of the same copy: its status, reply and history stay until the answer comes
  // (afterAttempt decides then); the retry policy's count starts over. A Soft Bounced copy
  // waiting for its next retry goes now. Never to a deactivated address: reactivate it first.
  resend: `UPDATE recipients SET send_state = 'queued', attempts = 0, next_attempt_at = :now, updated_at = :now,
             status_reason = 'resending: ' || status_reason
           WHERE id = :id AND (send_state = 'unknown' OR (send_state = 'done' AND status IN ('Soft Bounced', 'Bounced', 'Blocked', 'Failed'))
                               OR (send_state = 'queued' AND status = 'Soft Bounced'))
             AND NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.email_norm = recipients.address_norm AND s.kind = 'deactivated' AND s.reactivated_at IS NULL)
           RETURNING email_id`,
  // The user's own copies go once every recipient copy has had its first answer.
  ownDue: `SELECT e.id, e.bcc_self_state AS bcc, e.sent_folder_state AS sentFolder,
             EXISTS (SELECT 1 FROM recipients r WHERE r.email_id = e.id AND r.status IN ('Sent', 'Delivered', 'Opened')) AS anyAccepted
           FROM emails e
           WHERE e.id = ? AND (e.bcc_self_state = 'queued' OR e.sent_folder_state = 'queued')
             AND NOT EXISTS (SELECT 1 FROM recipients r WHERE r.email_id = e.id
                             AND (r.send_state IN ('sending', 'held') OR (r.send_state = 'queued' AND r.attempts = 0)))`,
  ownQueued: `SELECT id FROM emails WHERE ${OWN_PENDING} AND (bcc_self_state = 'queued' OR sent_folder_state = 'queued')`,
  setBcc: `UPDATE emails SET bcc_self_state = :state WHERE id = :id AND bcc_self_state = :from`,
  setSentFolder: `UPDATE emails SET sent_folder_state = :state WHERE id = :id AND sent_folder_state = :from`,
} as const;

/** An email as the sender reads it: what its copies are built from, and whether the user's own copies were asked for. */
export type StoredEmail = EmailToSend & { ownCopies: boolean };

export interface ClaimedCopy {
  id: number;
  emailId: number;
  contactId: number | null;
  address: string;
  copyId: string;
  tracked: boolean;
  attempts: number;
}

type ClaimRow = { id: number; email_id: number; contact_id: number | null; address: string; copy_id: string; tracked: number; attempts: number };

const claimedCopy = (r: ClaimRow): ClaimedCopy =>
  ({ id: r.id, emailId: r.email_id, contactId: r.contact_id, address: r.address, copyId: r.copy_id, tracked: r.tracked === 1, attempts: r.attempts });

/** One attempt as its history keeps it. */
export interface AttemptRecord {
  outcome: 'accepted' | 'deferred' | 'refused' | 'failed' | 'unknown';
  reply: string | null;
  reason: string;
}

/** What to write on a copy once SMTP answered (or did not). */
export interface CopyResult {
  id: number;
  emailId: number;
  contactId: number | null;
  state: 'queued' | 'done' | 'unknown';
  /** What this attempt adds to the copy's history; null when it was no attempt (never reached a server's DATA). */
  attempt: AttemptRecord | null;
  /** Taken back by a pause or cancel before any server saw it: its dispatch decides where it goes. */
  withdrawn?: boolean;
  /** Where the status should move; advance() decides whether it may. `fallback` when it may not. */
  status: RecipientStatus;
  fallback?: RecipientStatus;
  reason: string;
  bounceClass: string | null;
  reply: string | null;
  token: string | null;
  tracked: boolean;
  attempts: number;
  nextAttemptAt: number | null;
  accepted: boolean;
  /** The email's subject: the detail of the contact's "email sent" activity. */
  subject: string;
  /** Set when the whole email is stopped by an account-wide error. */
  emailError?: string;
}

export function outboxStore(db: Db) {
  const q = prepareAll(db, OUTBOX_SQL);
  const refresh = emailAggregates(db);
  const notice = noticeBoard(db);
  const stops = suppressions(db);
  const failures = failureNotice(db);
  const unknown = unknownCopies(db);

  /** Writes one answer; true when it is a new final failure (the Failed section's notice counts it). */
  function recordOne(r: CopyResult, now: number): boolean {
    const row = q.status.get(r.id) as { status: RecipientStatus; address: string; everAccepted: 0 | 1 } | undefined;
    if (row === undefined) return false; // deleted meanwhile
    const current = row.status;
    if (r.withdrawn) return recordWithdrawn(r, current, now);
    let status = afterAttempt(current, r.status, row.everAccepted === 1);
    if (status !== r.status && r.fallback) status = afterAttempt(current, r.fallback, row.everAccepted === 1);
    if (r.attempt) q.attempt.run({ id: r.id, at: now, ...r.attempt });
    q.record.run({
      id: r.id, state: r.state, status, reason: r.reason, bounceClass: r.bounceClass, reply: r.reply, token: r.token,
      tracked: r.tracked ? 1 : 0, attempts: r.attempts, next: r.nextAttemptAt, now, providerId: r.accepted ? providerIdOf(r.reply) : null,
    });
    if (r.accepted && r.contactId !== null) q.activity.run(r.contactId, 'email_sent', now, r.emailId, r.id, r.subject);
    const failed = status !== current && (status === 'Bounced' || status === 'Blocked' || status === 'Failed');
    if (failed && r.contactId !== null && status !== 'Failed') q.activity.run(r.contactId, 'bounced', now, r.emailId, r.id, r.reason);
    // A 5xx "user unknown" at send time is a hard bounce like any report of it: the address is deactivated.
    if (status === 'Bounced' && r.bounceClass === 'hard') {
      stops.stop({ address: row.address, kind: 'deactivated', reason: `hard bounce at sending: ${r.reason}`, at: now, recipientId: r.id });
    }
    return failed;
  }

  /** Paused: held. Cancelled: never leaves (an Unsent copy becomes Cancelled). Else back in the queue. */
  function recordWithdrawn(r: CopyResult, current: RecipientStatus, now: number): boolean {
    const dispatch = (q.dispatchState.get(r.emailId) as { status: string } | undefined)?.status;
    const row = { id: r.id, now, status: current, reason: '', state: 'queued' };
    if (dispatch === 'paused') Object.assign(row, { state: 'held' });
    if (dispatch === 'cancelled') Object.assign(row, cancelledCopy(current));
    q.withdrawn.run(row);
    return false;
  }

  return {
    /** The copies a stopped app left 'sending', as claimed copies (the sender settles them from the transmit journal). */
    inFlight: (): ClaimedCopy[] => (q.inFlight.all() as ClaimRow[]).map(claimedCopy),

    /** The user's own copies a stopped app left in flight are failed: they are never re-sent on their own. */
    recoverOwnCopies(now: number): void {
      const stopped = 'failed: the app stopped while sending it';
      q.recoverOwnBcc.run({ state: stopped });
      q.recoverOwnSent.run({ state: stopped });
    },

    claim: (now: number, limit: number): ClaimedCopy[] => (q.claim.all({ now, limit }) as ClaimRow[]).map(claimedCopy).sort((a, b) => a.id - b.id),

    nextDue: () => (q.nextDue.get() as { at: number | null }).at,
    queuedCount: () => (q.queued.get() as { n: number }).n,

    /** The emails of these ids as the sender builds copies of them; deleted ones are missing from the map. */
    emails(ids: readonly number[]): Map<number, StoredEmail> {
      const json = JSON.stringify(ids);
      const found = new Map<number, StoredEmail>();
      for (const e of q.emails.all(json) as { id: number; message_id: string; from_address: string; subject: string; body_html: string | null; body_text: string | null; tracking: TrackingMode; created_at: number; own: 0 | 1 }[]) {
        found.set(e.id, {
          id: e.id, messageId: e.message_id, fromAddress: e.from_address, subject: e.subject, bodyHtml: e.body_html, bodyText: e.body_text,
          tracking: e.tracking, createdAt: e.created_at, to: [], cc: [], bcc: [], attachments: [], ownCopies: e.own === 1,
        });
      }
      for (const { email_id, kind, name, address } of q.people.all(json) as (Person & { email_id: number; kind: 'to' | 'cc' | 'bcc' })[]) {
        found.get(email_id)?.[kind].push({ name, address });
      }
      for (const { email_id, ...a } of q.attachments.all(json) as (EmailToSend['attachments'][number] & { email_id: number })[]) {
        found.get(email_id)?.attachments.push(a);
      }
      return found;
    },

    /** Writes a batch of answers in one transaction, aggregates refreshed (with sent_at when a copy was accepted). */
    record: db.transaction((results: readonly CopyResult[], now: number) => {
      const emails = new Map<number, number | null>();
      let failed = 0;
      for (const r of results) {
        if (recordOne(r, now)) failed++;
        if (r.accepted || !emails.has(r.emailId)) emails.set(r.emailId, r.accepted ? now : null);
      }
      for (const [emailId, sentAt] of emails) refresh(emailId, sentAt);
      // After the refresh, which clears the error of an email with an accepted copy: a copy of it
      // that hit trouble in the same batch keeps the email's error showing.
      for (const r of results) if (r.emailError) q.emailError.run({ id: r.emailId, error: r.emailError });
      failures.add(failed, now);
      if (results.some((r) => r.state === 'unknown')) unknown.recount(now);
    }),

    notice,

    /** The copy keys of a dispatch's copies in the pool's hands (to withdraw them). */
    inFlightOf: (dispatchId: number) => (q.inFlightOfDispatch.all(dispatchId) as { key: string }[]).map((r) => r.key),

    resend: db.transaction((ids: readonly number[], now: number): number => {
      const emails = new Set<number>();
      let count = 0;
      for (const id of ids) {
        for (const r of q.resend.all({ id, now }) as { email_id: number }[]) {
          emails.add(r.email_id);
          count++;
        }
      }
      for (const emailId of emails) refresh(emailId);
      if (count) unknown.recount(now);
      return count;
    }),

    ownDue: (emailId: number) =>
      q.ownDue.get(emailId) as { id: number; bcc: string; sentFolder: string; anyAccepted: 0 | 1 } | undefined,
    ownQueued: () => (q.ownQueued.all() as { id: number }[]).map((r) => r.id),
    /** Moves an own-copy state only from `from`; false when someone else moved it first. */
    setBcc: (id: number, from: string, state: string) => q.setBcc.run({ id, from, state }).changes === 1,
    setSentFolder: (id: number, from: string, state: string) => q.setSentFolder.run({ id, from, state }).changes === 1,
  };
}

export type OutboxStore = ReturnType<typeof outboxStore>;

/** Where a copy of a cancelled dispatch goes: never sent; Soft Bounced keeps its answer, retries stop. */
export function cancelledCopy(current: RecipientStatus): { state: 'none'; status: RecipientStatus; reason: string } {
  return current === 'Unsent'
    ? { state: 'none', status: 'Cancelled', reason: 'not sent: you cancelled the dispatch before this copy left' }
    : { state: 'none', status: current, reason: 'no more retries: you cancelled the dispatch' };
}
