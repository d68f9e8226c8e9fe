// Stores a batch of read messages and applies them, in one transaction with the folder's
// checkpoint: after a crash the batch is either wholly in (and the checkpoint past it) or wholly
// not (and read again). A report already stored (same hash: another folder, a new UIDVALIDITY) is
// never applied twice.
import type { Db } from '../db/open-database';
import { advance, type RecipientStatus } from '../domain/status';
import { failureNotice } from '../failed/failure-notice';
import { suppressions } from '../failed/suppressions';
import { emailAggregates } from '../store/email-aggregates';
import { prepareAll } from '../store/prepare';
import { isKept, type AnalyzedMessage } from './analyze-message';
import { checkpoints, type FolderRef } from './checkpoints';
import { copyMatcher, type Match } from './match-copy';
import { effectOf } from './report-effect';
import { unknownCopies } from '../send/unknown-copies';
import { returnDateOf } from './return-date';
import { reminderClearing } from '../reminders/reminder-clearing';
import type { RecipientVerdict } from '../bounce/types';

const SQL = {
  known: `SELECT 1 FROM mail_reports WHERE content_hash = ?`,
  insert: `
    INSERT INTO mail_reports (account, mailbox, uidvalidity, uid, message_id, received_at, kind, raw, parsed, email_id,
                              processed_at, content_hash, format, subject, from_address, size, matched_by, error)
    VALUES (:account, :mailbox, :uidvalidity, :uid, :messageId, :receivedAt, :kind, :raw, :parsed, NULL,
            :now, :hash, :format, :subject, :from, :size, NULL, :error)
    ON CONFLICT (account, mailbox, uidvalidity, uid) DO NOTHING`,
  matched: `UPDATE mail_reports SET email_id = :emailId, matched_by = :by WHERE id = :id`,
  copy: `SELECT status, contact_id AS contactId, email_id AS emailId, address, auto_reply_at AS autoReplyAt FROM recipients WHERE id = ?`,
  move: `UPDATE recipients SET status = :status, status_reason = :reason, bounce_class = :bounceClass, updated_at = :now WHERE id = :id`,
  autoReply: `UPDATE recipients SET auto_reply_at = :now, updated_at = :now WHERE id = :id AND auto_reply_at IS NULL`,
  line: `
    INSERT INTO report_recipients (report_id, recipient_id, address, class, reason, status_code, diagnostic, host, applied, return_date)
    VALUES (:reportId, :recipientId, :address, :class, :reason, :statusCode, :diagnostic, :host, :applied, :returnDate)`,
  activity: `INSERT INTO activities (contact_id, kind, at, email_id, recipient_id, detail) VALUES (?, ?, ?, ?, ?, ?)`,
} as const;

export interface BatchResult {
  /** Reports stored now (repeats and ordinary mail are not). */
  stored: number;
  /** UIDs of the reports in this batch, stored now or before: the ones marked processed on the server. */
  reportUids: number[];
  /** Copies whose status this batch changed. */
  changed: number;
}

const FAILED: readonly RecipientStatus[] = ['Bounced', 'Soft Bounced'];
const MAX_DIAGNOSTIC = 1000;

export function reportApplier(db: Db) {
  const q = prepareAll(db, SQL);
  const match = copyMatcher(db);
  const refresh = emailAggregates(db);
  const stops = suppressions(db);
  const failures = failureNotice(db);
  const marks = checkpoints(db);
  const unknown = unknownCopies(db);
  const reminders = reminderClearing(db);

  /** One verdict onto its copy: forward-only status, deactivation, activity; returns whether it counts as a new failure. */
  function applyVerdict(reportId: number, m: AnalyzedMessage, v: RecipientVerdict, found: Match, now: number, touched: Set<number>) {
    const effect = effectOf(m.report.kind, v);
    const line = {
      reportId, recipientId: found.recipientId, address: v.address, class: v.class, reason: v.reason, statusCode: v.status || v.replycode,
      diagnostic: v.diagnostic.slice(0, MAX_DIAGNOSTIC), host: v.host, applied: '',
      returnDate: effect.autoReply ? returnDateOf(v.diagnostic) : null,
    };
    let newFailure = false;
    let changed = false;
    if (found.recipientId !== null) {
      // A report naming this copy itself proves it left (an address alone could be another copy's).
      if (found.by !== 'address') unknown.settle(found.recipientId, now);
      const copy = q.copy.get(found.recipientId) as { status: RecipientStatus; contactId: number | null; emailId: number; address: string; autoReplyAt: number | null };
      const status = effect.status ? advance(copy.status, effect.status) : copy.status;
      if (status !== copy.status) {
        const said = v.diagnostic && !effect.autoReply ? `: ${v.diagnostic.slice(0, 300)}` : '';
        q.move.run({ id: found.recipientId, status, reason: `${effect.words}${said}`, bounceClass: status === 'Delivered' && !effect.autoReply ? null : effect.bounceClass, now });
        line.applied = status;
        changed = true;
        newFailure = FAILED.includes(status);
      }
      if (effect.activity && copy.contactId !== null) {
        q.activity.run(copy.contactId, effect.activity, m.receivedAt, copy.emailId, found.recipientId, line.returnDate ? `${effect.words}; back ${line.returnDate}` : effect.words);
      }
      if (effect.autoReply && q.autoReply.run({ id: found.recipientId, now }).changes > 0) newFailure = true;
      if (effect.deactivate && status === 'Bounced') {
        stops.stop({ address: copy.address, kind: 'deactivated', reason: `hard bounce: ${effect.words}${v.status ? ` (${v.status})` : ''}`, at: now, recipientId: found.recipientId, reportId });
      }
      if (effect.complaint) stops.stop({ address: copy.address, kind: 'complained', reason: 'marked your mail as spam', at: now, recipientId: found.recipientId, reportId });
      touched.add(copy.emailId);
    }
    q.line.run(line);
    return { newFailure, changed };
  }

  function storeOne(f: FolderRef & { uidvalidity: number }, m: AnalyzedMessage, now: number, touched: Set<number>) {
    const r = m.report;
    const inserted = q.insert.run({
      ...f, uid: m.uid, messageId: r.headers.messageId || null, receivedAt: m.receivedAt, kind: m.error && r.kind === 'not-report' ? 'unreadable' : r.kind,
      raw: m.raw, parsed: JSON.stringify({ format: r.format, recipients: r.recipients, original: r.original }), now, hash: m.hash,
      format: r.format, subject: r.headers.subject, from: r.headers.from, size: m.size, error: m.error,
    });
    if (inserted.changes === 0) return { stored: false, failures: 0, changed: 0 };
    const reportId = Number(inserted.lastInsertRowid);
    let failuresNow = 0;
    let changed = 0;
    if (m.error === null) {
      let best: Match = { recipientId: null, emailId: null, by: null };
      for (const v of r.recipients) {
        const found = match(r, v, m.receivedAt);
        if (found.by && !best.by) best = found;
        if (!best.emailId && found.emailId) best = found;
        const done = applyVerdict(reportId, m, v, found, now, touched);
        if (done.newFailure) failuresNow++;
        if (done.changed) changed++;
      }
      if (best.emailId !== null) q.matched.run({ id: reportId, emailId: best.emailId, by: best.by });
    }
    return { stored: true, failures: failuresNow, changed };
  }

  const applyBatch = db.transaction((f: FolderRef, uidvalidity: number, messages: readonly AnalyzedMessage[], lastUid: number, now: number): BatchResult => {
    const result: BatchResult = { stored: 0, reportUids: [], changed: 0 };
    const touched = new Set<number>();
    let newFailures = 0;
    for (const m of messages) {
      // A client's reply is ordinary mail: it clears follow-up reminders and is neither stored nor touched.
      if (m.report.kind === 'not-report' && m.error === null) reminders.replied(m.report.original.replyTo, m.report.headers.from, m.receivedAt);
      if (!isKept(m)) continue;
      if (m.report.kind !== 'not-report') result.reportUids.push(m.uid);
      if (q.known.get(m.hash)) continue;
      const done = storeOne({ ...f, uidvalidity }, m, now, touched);
      if (done.stored) result.stored++;
      newFailures += done.failures;
      result.changed += done.changed;
    }
    for (const emailId of touched) refresh(emailId);
    failures.add(newFailures, now);
    marks.put(f, uidvalidity, lastUid, now);
    return result;
  });

  /**
   * Stores and applies `messages` (read from `f` under `uidvalidity`) and moves the checkpoint to
   * `lastUid`, all in one transaction. If that fails, one message at a time: one that cannot be
   * applied is kept with its error and passed over, so a single bad message never stalls the
   * folder. A failure of the database itself still throws, and nothing moves.
   */
  return function apply(f: FolderRef, uidvalidity: number, messages: readonly AnalyzedMessage[], lastUid: number, now: number): BatchResult {
    try {
      return applyBatch(f, uidvalidity, messages, lastUid, now);
    } catch (batchError) {
      if (messages.length === 0) throw batchError; // nothing to pass over: the database itself failed
      const result: BatchResult = { stored: 0, reportUids: [], changed: 0 };
      for (const m of messages) {
        let done: BatchResult;
        try {
          done = applyBatch(f, uidvalidity, [m], m.uid, now);
        } catch (err) {
          const error = `could not be applied: ${err instanceof Error ? err.message : String(err)}`.slice(0, 500);
          done = applyBatch(f, uidvalidity, [{ ...m, error }], m.uid, now);
        }
        result.stored += done.stored;
        result.changed += done.changed;
        result.reportUids.push(...done.reportUids);
      }
      marks.put(f, uidvalidity, lastUid, now);
      return result;
    }
  };
}

export type ReportApplier = ReturnType<typeof reportApplier>;
