import type { Db } from '../db/open-database';
import type { Checked } from '../domain/recipient-checks';
import { emailSearchText } from '../domain/search-fold';
import { aggregatesOf } from '../store/email-aggregates';
import { prepareAll } from '../store/prepare';
import { randomId } from './random-id';
import type { RecipientSource } from './recipient-source';
import { remindersStore, type Remind } from '../reminders/reminders-store';

export type TrackingMode = 'off' | 'opens' | 'opens_clicks';
export type ConsentPolicy = 'track-unless-denied' | 'track-only-granted';

export interface EmailDraft {
  subject: string;
  bodyText: string;
  /** null for a plain-text email (the sender makes simple HTML of it when it is tracked). */
  bodyHtml: string | null;
  links: string[];
  tracking: TrackingMode;
  /** The follow-up reminder chosen when sending, or null. */
  remind: Remind | null;
  shootId: number | null;
  dispatchId: number | null;
  attachments: { filename: string; contentType: string; content: Buffer }[];
}

export interface SendContext {
  fromAddress: string;
  consentPolicy: ConsentPolicy;
  bccMyself: boolean;
  appendToSent: boolean;
  now: number;
}

const SQL = {
  // The Outbox columns are written with the row: every recipient is known here, none viewed yet.
  email: `INSERT INTO emails (message_id, shoot_id, dispatch_id, from_address, subject, body_html, body_text, tracking, links, created_at, bcc_self_state, sent_folder_state,
            recipients_label, recipient_count, status, viewed, first_viewed_at, last_viewed_at, total_views, last_program, search)
          VALUES (:messageId, :shootId, :dispatchId, :from, :subject, :html, :text, :tracking, :links, :now, :bccSelf, :sentFolder,
            :label, :count, :status, :viewed, :first, :last, :views, :program, :search)`,
  shootTitle: `SELECT title FROM shoots WHERE id = ?`,
  attachment: `INSERT INTO attachments (email_id, filename, content_type, size, content) VALUES (?, ?, ?, ?, ?)`,
  recipient: `INSERT INTO recipients (email_id, contact_id, kind, display_name, address, address_norm, status, status_reason, tracked,
                send_state, next_attempt_at, copy_id, updated_at)
              VALUES (:emailId, :contactId, :kind, :name, :address, :norm, :status, :reason, :tracked, :sendState, :next, :copyId, :now)`,
} as const;

export function consentAllows(policy: ConsentPolicy, consent: 'granted' | 'denied' | 'unknown'): boolean {
  return policy === 'track-only-granted' ? consent === 'granted' : consent !== 'denied';
}

/** Our own Message-ID, on the sender's domain so receiving servers see nothing unusual. */
export function newMessageId(fromAddress: string): string {
  const domain = fromAddress.split('@')[1] || 'outpost.invalid';
  return `<outpost.${Date.now().toString(36)}.${randomId(9)}@${domain}>`;
}

/**
 * Stores one email and its checked recipients, ready for the sender: sendable copies queued,
 * the rest with their final never-sent status. Call inside a transaction.
 */
export function emailInserter(db: Db, source: RecipientSource) {
  const q = prepareAll(db, SQL);
  const reminders = remindersStore(db);
  return function insertEmail(draft: EmailDraft, recipients: readonly Checked[], ctx: SendContext): number {
    const rows = recipients.map((r) => ({
      r, tracked: r.ok && draft.tracking !== 'off' && consentAllows(ctx.consentPolicy, source.consent(r.norm)),
      status: r.ok ? 'Unsent' as const : r.status, reason: r.ok ? '' : r.reason,
    }));
    const aggregates = aggregatesOf(draft.tracking, rows.map(({ r, tracked, status }) => ({
      display_name: r.name, address: r.address ?? '', kind: r.kind, status, tracked: tracked ? 1 : 0, views: 0, first_viewed_at: null, last_viewed_at: null, last_program: null,
    })));
    const emailId = Number(
      q.email.run({
        messageId: newMessageId(ctx.fromAddress), shootId: draft.shootId, dispatchId: draft.dispatchId, from: ctx.fromAddress,
        subject: draft.subject, html: draft.bodyHtml, text: draft.bodyText, tracking: draft.tracking, links: JSON.stringify(draft.links),
        now: ctx.now, bccSelf: ctx.bccMyself ? 'queued' : 'none', sentFolder: ctx.appendToSent ? 'queued' : 'none', ...aggregates,
        // The recipients never change after this; a renamed shoot rewrites its line (store/shoots).
        search: emailSearchText(draft.shootId === null ? '' : String(q.shootTitle.pluck().get(draft.shootId) ?? ''), draft.subject,
          rows.map(({ r }) => ({ name: r.name, address: r.address ?? '' }))),
      }).lastInsertRowid,
    );
    if (draft.remind) reminders.add(emailId, draft.remind, ctx.now);
    for (const a of draft.attachments) q.attachment.run(emailId, a.filename, a.contentType, a.content.length, a.content);
    for (const { r, tracked, status, reason } of rows) {
      q.recipient.run({
        emailId, contactId: r.contactId, kind: r.kind, name: r.name, address: r.address ?? '', norm: r.norm,
        status, reason, tracked: tracked ? 1 : 0,
        sendState: r.ok ? 'queued' : 'none', next: r.ok ? ctx.now : null, copyId: r.ok ? randomId(12) : null, now: ctx.now,
      });
    }
    return emailId;
  };
}
