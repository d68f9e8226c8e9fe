import type { z } from 'zod';
import type { Db } from '../db/open-database';
import type { composeInput } from '../api/schemas';
import { ApiError } from '../api/errors';
import { checkRecipients, type Candidate } from '../domain/recipient-checks';
import { emailInserter, type EmailDraft, type SendContext } from './insert-email';
import { recipientSource } from './recipient-source';
import { fieldValues } from '../templates/field-values';
import { fillForEmail } from '../templates/fill-email';

type ComposeInput = z.output<typeof composeInput>;
type BodyInput = Pick<ComposeInput, 'subject' | 'format' | 'bodyText' | 'bodyHtml' | 'tracking' | 'attachments' | 'remind'>;

export interface ComposeSettings {
  smtp: { host: string; fromAddress: string };
  imap: { host: string };
  tracking: { relayUrl: string; relaySecret: string; consentPolicy: SendContext['consentPolicy'] };
  bccMyself: boolean;
}

export interface ComposeDeps {
  db: Db;
  settings: () => ComposeSettings;
  /** The ordered link targets of an HTML body (a click's link index points into it). */
  extractLinks: (html: string) => string[];
  now?: () => number;
}

/** Refuses to queue mail that could not leave, before anything is stored. */
export function sendContext(s: ComposeSettings, tracking: EmailDraft['tracking'], now: number): SendContext {
  if (!s.smtp.host || !s.smtp.fromAddress) {
    throw new ApiError('invalid_input', 'Set up your SMTP account (server and From address) in Preferences before sending.', [{ path: 'smtp', message: 'no SMTP account' }]);
  }
  if (tracking !== 'off' && (!s.tracking.relayUrl || !s.tracking.relaySecret)) {
    throw new ApiError('invalid_input', 'Tracking needs a relay: set its URL and secret in Preferences, or switch Track off.', [{ path: 'tracking', message: 'no relay set up' }]);
  }
  return { fromAddress: s.smtp.fromAddress, consentPolicy: s.tracking.consentPolicy, bccMyself: s.bccMyself, appendToSent: Boolean(s.imap.host), now };
}

/** The attachments as bytes: decoded once per compose or dispatch, shared by all its emails. */
export const decodeAttachments = (body: Pick<BodyInput, 'attachments'>): EmailDraft['attachments'] =>
  body.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.dataBase64, 'base64') }));

export function draftOf(body: BodyInput, extractLinks: (html: string) => string[], extra: Pick<EmailDraft, 'shootId' | 'dispatchId' | 'attachments'>): EmailDraft {
  const html = body.format === 'html' ? body.bodyHtml : null;
  return {
    subject: body.subject,
    bodyText: body.bodyText,
    bodyHtml: html,
    links: html ? extractLinks(html) : [],
    tracking: body.tracking,
    remind: body.remind,
    ...extra,
  };
}

/** One email to hand-picked recipients: checks, then stores it queued for the sender. */
export function composer(deps: ComposeDeps) {
  const source = recipientSource(deps.db);
  const insert = emailInserter(deps.db, source);
  const shootExists = deps.db.prepare('SELECT 1 FROM shoots WHERE id = ?');
  const valuesOf = fieldValues(deps.db);
  const now = deps.now ?? Date.now;

  return deps.db.transaction((input: ComposeInput): { emailId: number } => {
    const ctx = sendContext(deps.settings(), input.tracking, now());
    if (input.shootId !== null && !shootExists.get(input.shootId)) {
      throw new ApiError('invalid_input', `shootId: shoot ${input.shootId} does not exist`, [{ path: 'shootId', message: 'this shoot no longer exists' }]);
    }
    const candidates: Candidate[] = (['to', 'cc', 'bcc'] as const).flatMap((kind) =>
      input[kind].map((ref, i) => source.candidate(ref, kind, input.purpose, `${kind}.${i}.contactId`)),
    );
    const checked = checkRecipients(candidates, { purpose: input.purpose, isBlocked: source.isBlocked, deactivation: source.deactivation, seen: new Set() });
    // Merge fields are filled for the first To recipient (else the first at all) and the shoot.
    const who = candidates.find((c) => c.kind === 'to') ?? candidates[0] ?? null;
    // A plain-text email sends no HTML: a field left in an earlier rich body must not refuse it.
    const text = input.format === 'html' ? input : { ...input, bodyHtml: '' };
    const filled = fillForEmail(text, valuesOf(who, input.shootId), who ? who.name || who.address || '' : '');
    const emailId = insert(draftOf(filled, deps.extractLinks, { shootId: input.shootId, dispatchId: null, attachments: decodeAttachments(input) }), checked, ctx);
    return { emailId };
  });
}
