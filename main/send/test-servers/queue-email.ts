// Test helper: queues an email through compose itself (main/compose/compose.ts: recipient
// checks, queued copies, Outbox columns), taking the few settings compose reads from the call.
import type { Db } from '../../db/open-database';
import { composeInput } from '../../api/schemas';
import { composer } from '../../compose/compose';
import { extractLinks, type TrackingMode } from '../../tracking/instrument';

export interface QueuedRecipient {
  kind?: 'to' | 'cc' | 'bcc';
  address: string;
  name?: string;
  contactId?: number;
}

export interface QueuedEmail {
  from?: string;
  subject?: string;
  /** null: a plain-text email. */
  html?: string | null;
  text?: string;
  tracking?: TrackingMode;
  bccSelf?: boolean;
  sentFolder?: boolean;
  attachments?: { filename: string; contentType: string; content: Buffer }[];
  /** An address given twice becomes compose's Duplicate, never sent. */
  recipients: QueuedRecipient[];
}

export function queueEmail(db: Db, e: QueuedEmail): { emailId: number; recipientIds: number[] } {
  const compose = composer({
    db, extractLinks,
    settings: () => ({
      smtp: { host: 'smtp.outpost.test', fromAddress: e.from ?? 'studio@outpost.test' },
      // Compose only asks whether a Sent folder is set up; the sender uses its own settings.
      imap: { host: e.sentFolder ? 'imap.outpost.test' : '' },
      // Compose only checks that a relay is set; the sender signs with its own.
      tracking: { relayUrl: 'https://relay.outpost.test', relaySecret: 'set', consentPolicy: 'track-unless-denied' },
      bccMyself: e.bccSelf ?? false,
    }),
  });
  const html = e.html === undefined ? '<html><body><p>Hello</p></body></html>' : e.html;
  const refs = (kind: 'to' | 'cc' | 'bcc') =>
    e.recipients.filter((r) => (r.kind ?? 'to') === kind).map((r) => ({ address: r.address, name: r.name ?? '', contactId: r.contactId }));
  const { emailId } = compose(composeInput.parse({
    to: refs('to'), cc: refs('cc'), bcc: refs('bcc'), subject: e.subject ?? 'Your gallery',
    format: html === null ? 'text' : 'html', bodyHtml: html ?? '', bodyText: e.text ?? 'Hello', tracking: e.tracking ?? 'opens_clicks',
    attachments: (e.attachments ?? []).map((a) => ({ filename: a.filename, contentType: a.contentType, dataBase64: a.content.toString('base64') })),
  }));
  const ids = db.prepare('SELECT id FROM recipients WHERE email_id = ? ORDER BY id').pluck().all(emailId) as number[];
  return { emailId, recipientIds: ids };
}
