// Public types of the bounce classifier: what one message says happened to whom.

/** What the message is, as a whole. */
export type ReportKind =
  | 'failure' // a delivery failure report (bounce)
  | 'delay' // a delay report: the server is still trying
  | 'success' // a positive delivery report (DSN Action: delivered/relayed/expanded)
  | 'autoreply' // an automatic reply (vacation, out of office, RFC 3834)
  | 'complaint' // an ARF (RFC 5965) feedback report
  | 'not-report'; // anything else, e.g. a person's reply

/** Coarse outcome per recipient; the app acts on this (see corpus/bounces/README.md). */
export type BounceClass =
  | 'hard'
  | 'soft'
  | 'transient'
  | 'blocked'
  | 'autoreply'
  | 'delivered'
  | 'feedback'
  | 'other';

export interface RecipientVerdict {
  /** The recipient the report is about, lower-cased; '' when the report names none. */
  address: string;
  class: BounceClass;
  /** Finer reason, e.g. userunknown, mailboxfull, expired (see reasons/). */
  reason: string;
  /** Enhanced status code (RFC 3463) as reported, e.g. "5.1.1"; '' when none. */
  status: string;
  /** SMTP reply code, e.g. "550"; '' when none. */
  replycode: string;
  /** The server's own words, on one line; '' when none. */
  diagnostic: string;
  /** Host that wrote the report or rejected the message (Remote-MTA, Reporting-MTA). */
  host: string;
  /** DSN Action field when present (failed, delayed, delivered, ...). */
  action: string;
  /** Which rule decided the reason, e.g. "phrase:mailboxfull", "status:5.1.1". */
  why: string;
}

/** What links the report to the email we sent. Empty strings when not found. */
export interface OriginalMessage {
  messageId: string;
  /** Value of our X-Outpost-Copy header found in the returned message or headers. */
  outpostCopy: string;
  /** Original-Recipient, else Final-Recipient of the first recipient. */
  recipient: string;
  envelopeId: string;
  subject: string;
  date: string;
  from: string;
  to: string;
  /** Message-IDs the report itself answers (its own In-Reply-To, then References): how auto-replies point back. */
  replyTo: string[];
}

/** The report's own header fields (not the returned message's), decoded, on one line each. */
export interface ReportHeaders {
  messageId: string;
  subject: string;
  from: string;
}

export interface BounceReport {
  kind: ReportKind;
  headers: ReportHeaders;
  /** The mail system whose report format was recognized, e.g. "postfix", "rfc3464". */
  format: string;
  recipients: RecipientVerdict[];
  original: OriginalMessage;
  /** Set only when reading failed inside the classifier: the error, so a bug is visible, never thrown. */
  why?: string;
}
