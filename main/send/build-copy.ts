// One MIME message per copy: the same visible headers for every recipient of an email, this
// copy's own body (pixel and signed links when it is tracked) and its own envelope.
import { instrument, type CopySigner, type TrackingMode } from '../tracking/instrument';
import { textToHtml } from '../tracking/text-to-html';
import { addressLine, attachmentPart, dateHeader, headerLine, multipart, serialize, textPart } from './mime-parts';

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
 * The finished bytes of one copy: headers identical across copies but X-Outpost-Copy, then the
 * text and this copy's HTML as alternatives, the attachments around them. Built in one pass of
 * string joins and handed to the pool as raw bytes.
 */
export function buildCopy(email: EmailToSend, fromName: string, target: CopyTarget): Buffer {
  const addresses = (key: string, people: Person[]) => (people.length ? [addressLine(key, people)] : []);
  const headers = [
    addressLine('From', [{ name: fromName, address: email.fromAddress }]),
    ...addresses('To', email.to),
    ...addresses('Cc', email.cc),
    ...addresses('Bcc', target.showBcc ? email.bcc : []),
    headerLine('Subject', email.subject),
    // Ours and plain ASCII (compose's Message-ID, a base64url copy id): written as they are.
    `Message-ID: ${email.messageId}`,
    `Date: ${dateHeader(email.createdAt)}`,
    ...(target.copyId ? [`${COPY_HEADER}: ${target.copyId}`] : []),
    'MIME-Version: 1.0',
  ];
  const html = htmlOf(email, target.signer);
  const bodies = [
    ...(email.bodyText || html === null ? [textPart('text/plain', email.bodyText ?? '')] : []),
    ...(html !== null ? [textPart('text/html', html)] : []),
  ];
  const body = bodies.length > 1 ? multipart('alternative', bodies) : bodies[0]!;
  return serialize(headers, email.attachments.length ? multipart('mixed', [body, ...email.attachments.map(attachmentPart)]) : body);
}
