// Test and benchmark helper: stores an email and its recipients exactly as compose leaves them
// for the sender (main/compose/insert-email.ts): sendable copies queued, the rest 'none'.
import crypto from 'node:crypto';
import type { Db } from '../../db/open-database';
import type { TrackingMode } from '../../tracking/instrument';

export interface QueuedRecipient {
  kind?: 'to' | 'cc' | 'bcc';
  address: string;
  name?: string;
  tracked?: boolean;
  contactId?: number | null;
  /** A never-sent status set by compose's checks (send_state 'none'). */
  neverSent?: 'Failed' | 'Blocked' | 'Duplicate' | 'No Email Selected';
}

export interface QueuedEmail {
  from?: string;
  subject?: string;
  html?: string | null;
  text?: string | null;
  tracking?: TrackingMode;
  links?: string[];
  bccSelf?: boolean;
  sentFolder?: boolean;
  dispatchId?: number | null;
  attachments?: { filename: string; contentType: string; content: Buffer }[];
  recipients: QueuedRecipient[];
  now?: number;
}

export function queueEmail(db: Db, e: QueuedEmail): { emailId: number; recipientIds: number[] } {
  const now = e.now ?? Date.now();
  const from = e.from ?? 'studio@outpost.test';
  return db.transaction(() => {
    const emailId = Number(
      db.prepare(`INSERT INTO emails (message_id, dispatch_id, from_address, subject, body_html, body_text, tracking, links, created_at, bcc_self_state, sent_folder_state)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
        `<outpost.${crypto.randomBytes(9).toString('base64url')}@outpost.test>`, e.dispatchId ?? null, from, e.subject ?? 'Your gallery',
        e.html === undefined ? '<html><body><p>Hello</p></body></html>' : e.html, e.text === undefined ? 'Hello' : e.text,
        e.tracking ?? 'opens_clicks', JSON.stringify(e.links ?? []), now, e.bccSelf ? 'queued' : 'none', e.sentFolder ? 'queued' : 'none',
      ).lastInsertRowid,
    );
    for (const a of e.attachments ?? []) {
      db.prepare(`INSERT INTO attachments (email_id, filename, content_type, size, content) VALUES (?, ?, ?, ?, ?)`).run(emailId, a.filename, a.contentType, a.content.length, a.content);
    }
    const insert = db.prepare(`INSERT INTO recipients (email_id, contact_id, kind, display_name, address, address_norm, status, tracked, send_state, next_attempt_at, copy_id, updated_at)
                               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const recipientIds = e.recipients.map((r) =>
      Number(insert.run(emailId, r.contactId ?? null, r.kind ?? 'to', r.name ?? '', r.address, r.address.toLowerCase(), r.neverSent ?? 'Unsent',
        r.tracked === false || r.neverSent || (e.tracking ?? 'opens_clicks') === 'off' ? 0 : 1, r.neverSent ? 'none' : 'queued', r.neverSent ? null : now,
        r.neverSent ? null : crypto.randomBytes(12).toString('base64url'), now).lastInsertRowid),
    );
    return { emailId, recipientIds };
  })();
}
