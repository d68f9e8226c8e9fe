// One MIME message per copy: the same visible headers for every recipient of an email, this
// copy's own body (pixel and signed links when it is tracked) and its own envelope.
import MailComposer from 'nodemailer/lib/mail-composer';
import type { SendMailOptions } from 'nodemailer';
import { instrument, type CopySigner, type TrackingMode } from '../tracking/instrument';
import { textToHtml } from '../tracking/text-to-html';

export interface Person {
  name: string;
  address: string;
}

/** An email as stored, with the To/Cc/Bcc lists of its sendable recipients. */
export interface EmailToSend {
  id: number;
  messageId: string;
  fromAddress: string;
  subject: string;
  bodyHtml: string | null;
  bodyText: string | null;
  tracking: TrackingMode;
  createdAt: number;
  to: Person[];
  cc: Person[];
  bcc: Person[];
  attachments: { filename: string; contentType: string; content: Buffer }[];
}

/** A recipient's copy, or (no copyId) the user's own untracked copy. */
export interface CopyTarget {
  address: string;
  copyId: string | null;
  /** Present when this copy carries a pixel (and signed links in opens_clicks mode). */
  signer: CopySigner | null;
  /** Own copies show the Bcc list too, as mail programs do in the sender's Sent folder. */
  showBcc: boolean;
}

export const COPY_HEADER = 'X-Outpost-Copy';

export type MessageOptions = Pick<SendMailOptions, 'from' | 'to' | 'cc' | 'bcc' | 'subject' | 'messageId' | 'date' | 'text' | 'html' | 'attachments' | 'headers'>;

/** About how many bytes a copy of this email holds in memory (bodies and attachments). */
export function sizeOf(email: EmailToSend): number {
  return (email.bodyHtml?.length ?? 0) + (email.bodyText?.length ?? 0) + email.attachments.reduce((n, a) => n + a.content.length, 0);
}

/** The HTML this copy carries: the stored HTML, or simple HTML of the text when it is tracked. */
export function htmlOf(email: EmailToSend, signer: CopySigner | null): string | null {
  if (!signer || email.tracking === 'off') return email.bodyHtml;
  const html = email.bodyHtml ?? (email.bodyText ? textToHtml(email.bodyText) : null);
  return html === null ? null : instrument(html, email.tracking, signer);
}

/**
 * The message options of one copy (nodemailer's format): headers identical across copies but
 * X-Outpost-Copy. The transport composes and streams them in one pass.
 */
export function copyMessage(email: EmailToSend, fromName: string, target: CopyTarget): MessageOptions {
  return {
    from: { name: fromName, address: email.fromAddress },
    to: email.to,
    cc: email.cc,
    bcc: target.showBcc ? email.bcc : [],
    subject: email.subject,
    messageId: email.messageId,
    date: new Date(email.createdAt),
    text: email.bodyText ?? undefined,
    html: htmlOf(email, target.signer) ?? undefined,
    attachments: email.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
    headers: target.copyId ? { [COPY_HEADER]: target.copyId } : {},
  };
}

/** The finished bytes of a copy, for the IMAP Sent folder (and to look at in tests). */
export function buildCopy(email: EmailToSend, fromName: string, target: CopyTarget): Promise<Buffer> {
  const node = new MailComposer(copyMessage(email, fromName, target)).compile();
  node.keepBcc = target.showBcc;
  return new Promise((resolve, reject) => node.build((err, message) => (err ? reject(err) : resolve(message))));
}
