// The one contract between the UI and the core. Electron IPC (preload/) and the loopback HTTP
// host (main/host/) both carry exactly these calls; the renderer calls them through
// `window.outpost.call` and cannot tell which transport it has.
import { z } from 'zod';
import {
  attachmentInput,
  composeInput,
  dispatchFilter,
  dispatchInput,
  imapInput,
  notificationsInput,
  oauthInput,
  smtpInput,
  trackingInput,
  contactInput,
  id,
  outboxQuery,
  outboxView,
  preferencesInput,
  shootInput,
  failedQuery,
  reportsQuery,
  activityQuery,
  exportInput,
  templateInput,
  templatePreviewInput,
  REMIND_UNLESS,
  CONSENTS,
  CONSENT_POLICIES,
  SECURITY,
  AUTH_METHODS,
  SHOOT_STATUSES,
  TRACKING_MODES,
} from './schemas';

export type Consent = (typeof CONSENTS)[number];
export type ShootStatus = (typeof SHOOT_STATUSES)[number];

export interface Address {
  id: number;
  email: string;
  purposes: string[];
  consent: Consent;
  deactivatedAt: number | null;
  deactivatedReason: string | null;
  blocked: boolean;
}

export interface Contact {
  id: number;
  name: string;
  company: string;
  phone: string;
  notes: string;
  addresses: Address[];
  createdAt: number;
  updatedAt: number;
}

export interface ContactSummary {
  id: number;
  name: string;
  company: string;
  emails: string[];
  updatedAt: number;
}

export interface Shoot {
  id: number;
  title: string;
  clientId: number | null;
  clientName: string | null;
  shootDate: string | null;
  location: string;
  status: ShootStatus;
  notes: string;
  emailCount: number;
  createdAt: number;
  updatedAt: number;
}

/** Preferences as the UI sees them: secrets are never sent back, only whether one is stored. */
export interface Preferences {
  smtp: {
    host: string; port: number; security: (typeof SECURITY)[number]; username: string; hasPassword: boolean; plaintextPasswordHost: string;
    auth: (typeof AUTH_METHODS)[number];
    fromName: string; fromAddress: string; maxConnections: number; messagesPerMinute: number;
  };
  imap: {
    host: string; port: number; security: (typeof SECURITY)[number]; username: string; hasPassword: boolean; plaintextPasswordHost: string;
    auth: (typeof AUTH_METHODS)[number];
    watchFolders: string[]; sentFolder: string; pollMinutes: number; processedFolder: string; markReportsRead: boolean;
  };
  tracking: {
    mode: (typeof TRACKING_MODES)[number]; relayUrl: string; hasRelaySecret: boolean;
    consentPolicy: (typeof CONSENT_POLICIES)[number];
  };
  bccMyself: boolean;
  /** "Sign in with …": the app's registration, and whether a usable sign-in is stored (never the tokens). */
  oauth: Omit<z.output<typeof oauthInput>, 'clientSecret'> & { hasClientSecret: boolean; signedIn: boolean };
  notifications: z.output<typeof notificationsInput>;
  /** Stored secrets that cannot be used: unreadable (key file missing or replaced) or saved for another server. */
  secretProblems: SecretProblem[];
}

export interface SecretProblem {
  secret: 'smtp.password' | 'imap.password' | 'tracking.relaySecret' | 'oauth.clientSecret' | 'oauth.refreshToken';
  problem: 'unreadable' | 'other_account';
  /** For the user, e.g. "the stored SMTP password can no longer be read: enter it again". */
  message: string;
}

export type Viewed = 'Read' | 'Unread' | 'Failed' | 'Untracked';

export interface OutboxRow {
  id: number;
  subject: string;
  recipients: string;
  recipientCount: number;
  shootId: number | null;
  shootTitle: string | null;
  status: string;
  viewed: Viewed;
  firstViewedAt: number | null;
  lastViewedAt: number | null;
  /** People's views (a person's click counts as one); the fetches below count machines too. */
  totalViews: number;
  /** Every open and click the relay reported, by people and machines alike. */
  fetches: number;
  /** Of those, the machines' (privacy prefetch, scanners). */
  machineFetches: number;
  lastProgram: string | null;
  createdAt: number;
}

export interface OutboxPage {
  rows: OutboxRow[];
  total: number;
}

export interface Notice {
  id: number;
  kind: string;
  message: string;
  createdAt: number;
  /** How many things it counts (e.g. new failures); 0 when it counts nothing. */
  count: number;
  /** The section it opens (e.g. "failed"), or null. */
  link: string | null;
}

export interface DashboardSummary {
  notices: Notice[];
  mailbox: MailboxStatus;
  contacts: number;
  shoots: number;
  emailsLast90Days: number;
}

export interface AppInfo {
  mode: 'electron' | 'browser';
  version: string;
  dataDir: string;
  schemaVersion: number;
}

export interface EmailDetails {
  email: {
    id: number; subject: string; fromAddress: string; createdAt: number; sentAt: number | null; tracking: string;
    status: string; viewed: Viewed; totalViews: number; shootId: number | null; shootTitle: string | null;
    /** As in OutboxRow, and the user's own (verdict 'self'). */
    fetches: number; machineFetches: number; ownFetches: number;
    dispatchId: number | null; lastError: string | null; bodyText: string | null; bodyHtml: string | null;
    links: string[]; bccSelfState: string; sentFolderState: string; messageId: string;
  };
  recipients: {
    id: number; kind: 'to' | 'cc' | 'bcc'; name: string; address: string; status: string; statusReason: string; autoReplyAt: number | null;
    bounceClass: string | null; sendState: string; attempts: number; lastAttemptAt: number | null; nextAttemptAt: number | null;
    smtpReply: string | null; tracked: boolean; views: number; clicks: number; firstViewedAt: number | null;
    lastViewedAt: number | null; lastProgram: string | null;
    /** A person's click counted its view: no counted open (images were not loaded). */
    openImpliedByClick: boolean;
    /** Every attempt of this copy, first first: a resend adds one, nothing is rewritten. */
    history: CopyAttempt[];
  }[];
  events: {
    id: number; recipientId: number | null; kind: 'open' | 'click'; at: number; ip: string; userAgent: string; method: string;
    linkIndex: number | null; url: string | null; verdict: string;
    /** The verdict's reason in words; null for events judged before reasons were kept. */
    why: string | null;
    /** A person's (or their mail proxy's): it counts toward views; a machine's does not. */
    counted: boolean;
    /** Only a counted event names one. */
    program: string | null;
  }[];
  attachments: { filename: string; contentType: string; size: number }[];
  /** Reports from the mailbox about this email's copies, oldest first. */
  reports: RecipientReport[];
}

/** One attempt to hand a copy to SMTP and the server's answer. */
export interface CopyAttempt {
  attempt: number; at: number; outcome: 'accepted' | 'deferred' | 'refused' | 'failed' | 'unknown'; reply: string | null; reason: string;
}

/** A report from the mailbox that changed (or tried to change) one recipient copy. */
export interface RecipientReport {
  reportId: number; recipientId: number | null; kind: string; class: string; reason: string; reasonWords: string;
  statusCode: string; diagnostic: string; host: string; receivedAt: number; matchedBy: string | null;
  /** The status the report moved the copy to; '' when the forward-only rule kept the status. */
  applied: string; returnDate: string | null;
}

export const FAILURE_REASONS = [
  'hard bounce', 'soft bounce', 'auto responder', 'transient bounce', 'blocked', 'invalid address', 'deactivated address',
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

export interface FailedRow {
  recipientId: number; emailId: number; subject: string; contactId: number | null; contactName: string | null;
  address: string; status: string; reason: FailureReason; detail: string; statusCode: string; diagnostic: string;
  at: number; deactivated: boolean;
}
export interface FailedPage { rows: FailedRow[]; total: number; counts: Record<FailureReason, number> }

export interface MailReportSummary {
  id: number; kind: string; format: string; subject: string; from: string; receivedAt: number; mailbox: string;
  matchedBy: string | null; emailId: number | null; error: string | null; size: number;
}
export interface MailReportRaw extends MailReportSummary {
  /** The raw message as text (bytes read as UTF-8, invalid ones replaced), cut at 1 MB. */
  raw: string; truncated: boolean;
}

export type WatcherState = 'off' | 'connecting' | 'idle' | 'polling' | 'checking' | 'reconnecting' | 'login_failed';
export interface MailboxFolderStatus { folder: string; lastUid: number; lastCheckedAt: number | null }
export interface MailboxStatus {
  state: WatcherState;
  /** The state in words, e.g. "Cannot connect to imap.example.com:993: connect ECONNREFUSED. Reconnecting in 8 s." */
  message: string;
  account: string | null;
  /** When the next reconnect is due (reconnecting), or null. */
  retryAt: number | null;
  lastCheckedAt: number | null;
  lastError: string | null;
  folders: MailboxFolderStatus[];
  reportsStored: number;
  unmatched: number;
}

export interface DispatchCounts {
  total: number; queued: number; held: number; sent: number; delivered: number; opened: number; clicked: number;
  bounced: number; softBounced: number; notSent: number; unknown: number;
  /** Of notSent: never sent for a reason (Failed, Blocked, Duplicate, No Email Selected); cancelled ones are not. */
  failed: number;
  /** Of notSent: the copies a cancel stopped before they left. */
  cancelled: number;
  /** Contacts of the list not queued yet: a big merge is queued in chunks after create returns. */
  toQueue: number;
}
/** Opens and clicks by people (verdicts that count) per bucket of local time, every bucket from the first to the last. */
export interface DispatchActivity { bucket: 'hour' | 'day' | 'week'; points: { at: number; opens: number; clicks: number }[] }

export type ActivityKind = 'email_sent' | 'email_delivered' | 'email_opened' | 'link_clicked' | 'bounced' | 'auto_reply' | 'complaint' | 'deactivated' | 'reactivated';
/** One line of a contact's timeline. */
export interface ActivityRow {
  id: number; kind: ActivityKind; at: number;
  /** The email it is about, or null (a reactivation, or an email since deleted). */
  emailId: number | null; subject: string | null;
  /** In words: the subject, the email program, the link, the bounce reason. */
  detail: string;
  /** Opens and clicks: a person (or a mail proxy fetching for one) or a machine, with the verdict; null for other kinds. */
  by: 'person' | 'machine' | null; verdict: string | null;
}
export interface ActivityPage { rows: ActivityRow[]; total: number }

export interface DispatchSummary { id: number; name: string; subject: string; status: string; createdAt: number; counts: DispatchCounts }
export interface DispatchPreview {
  count: number;
  /** Copies that will really be sent: contacts minus those the checks stop (no address, invalid, deactivated, blocked, duplicate). */
  copies: number;
  /** Contacts that will get no copy, by never-sent status. */
  notSent: Record<string, number>;
  withoutAddress: number;
  sample: { id: number; name: string; address: string | null }[];
}

export interface SyncStatus {
  state: 'off' | 'ok' | 'error' | 'syncing';
  lastOkAt: number | null;
  lastTryAt: number | null;
  lastError: string | null;
  eventsStored: number;
}

export interface SenderStatus {
  state: 'idle' | 'sending' | 'waiting' | 'error';
  queued: number;
  message: string | null;
}

export type SetupKind = 'smtp' | 'imap' | 'relay';

/** One line of the dashboard's first-run checklist. `lastTest`: the last test of what is stored now. */
export interface SetupCheck {
  kind: SetupKind; label: string; configured: boolean;
  lastTest: { ok: boolean; message: string; at: number } | null;
  done: boolean;
}

export interface SetupChecklist { items: SetupCheck[]; done: boolean }

export interface ConnectionTest {
  ok: boolean;
  message: string;
  /** IMAP only: the folders found, to choose which to watch. */
  folders?: string[];
}

export interface ProviderPreset {
  id: string; name: string; host: string; port: number; security: (typeof SECURITY)[number];
  maxConnections: number; messagesPerMinute: number; note?: string;
  imap?: { host: string; port: number; security: (typeof SECURITY)[number] };
  /** Its "Sign in with …" provider, where it has one. */
  signIn?: 'google' | 'microsoft';
}

/** A CSV export written in the background; `file` is where it goes (complete only once `done`). */
export interface ExportJob {
  id: number; state: 'running' | 'done' | 'cancelled' | 'failed'; written: number; total: number; file: string; error: string | null;
}

export interface Template {
  id: number; name: string; subject: string; format: 'text' | 'html'; bodyText: string; bodyHtml: string; updatedAt: number;
}

/** A template as it would go out; sending is refused while `unknown` or `missing` name a field. */
export interface TemplatePreview {
  subject: string; bodyText: string; bodyHtml: string;
  /** Whose values filled it: the recipient, or a dispatch's first contact; null when nobody is chosen yet. */
  filledFor: string | null;
  /** Fields we do not know ({{frist_name}}). */
  unknown: string[];
  /** Known fields with no value for this recipient (single email). */
  missing: string[];
  /** Dispatch: per field, how many contacts of the list have no value for it (theirs would go out blank). */
  missingInList: Record<string, number>;
}

/** A follow-up reminder that came due: the email was not opened by a person (or not replied to) in time. */
export interface DueReminder {
  id: number; emailId: number; subject: string;
  /** Who it went to: the first recipient's name or address, "and N more". */
  contact: string;
  sentAt: number; daysSinceSent: number; dueAt: number; unless: (typeof REMIND_UNLESS)[number];
}

/** One of the user's own IP addresses, as the relay saw this app: opens from it count as the user's (self). */
export interface OwnIp { ip: string; learnedFrom: 'sync' | 'test'; firstSeenAt: number; lastSeenAt: number }

/** Marks a call's result type; it exists only for the type checker. */
interface Returns<T> {
  readonly __returns?: T;
}
const returns = <T>(): Returns<T> => ({});
const call = <I extends z.ZodType, O>(input: I, output: Returns<O>) => ({ input, output });

const byId = z.object({ id });
const search = z.object({ search: z.string().trim().max(200).default('') });

export const calls = {
  'app.info': call(z.object({}), returns<AppInfo>()),
  'dashboard.summary': call(z.object({}), returns<DashboardSummary>()),
  'setup.checklist': call(z.object({}), returns<SetupChecklist>()),
  /** Tests the stored account of one part of the checklist (what sending, the watcher and the relay sync use). */
  'setup.test': call(z.object({ kind: z.enum(['smtp', 'imap', 'relay']) }), returns<ConnectionTest>()),
  'notices.markSeen': call(z.object({ ids: z.array(id).max(1000) }), returns<{ updated: number }>()),

  'contacts.list': call(search, returns<ContactSummary[]>()),
  'contacts.get': call(byId, returns<Contact>()),
  'contacts.create': call(contactInput, returns<Contact>()),
  'contacts.update': call(contactInput.extend({ id }), returns<Contact>()),
  'contacts.delete': call(byId, returns<{ deleted: boolean }>()),
  /** The contact's timeline, newest first. */
  'contacts.activity': call(activityQuery, returns<ActivityPage>()),

  'shoots.list': call(search, returns<Shoot[]>()),
  'shoots.get': call(byId, returns<Shoot>()),
  'shoots.create': call(shootInput, returns<Shoot>()),
  'shoots.update': call(shootInput.extend({ id }), returns<Shoot>()),
  'shoots.delete': call(byId, returns<{ deleted: boolean }>()),

  'preferences.get': call(z.object({}), returns<Preferences>()),
  'preferences.save': call(preferencesInput, returns<Preferences>()),

  'outbox.page': call(outboxQuery, returns<OutboxPage>()),
  'outbox.details': call(byId, returns<EmailDetails>()),
  /** `deactivated`: copies not resent because their address is deactivated (reactivate it first). */
  'outbox.resend': call(z.object({ recipientIds: z.array(id).min(1).max(10_000) }), returns<{ queued: number; deactivated: number }>()),
  /** The user checked that these copies, of unknown outcome, did leave: they become Sent. */
  'outbox.markSent': call(z.object({ recipientIds: z.array(id).min(1).max(10_000) }), returns<{ marked: number }>()),
  'outbox.sender': call(z.object({}), returns<SenderStatus>()),
  'outbox.view': call(z.object({}), returns<z.output<typeof outboxView>>()),
  'outbox.saveView': call(outboxView, returns<z.output<typeof outboxView>>()),

  'emails.send': call(composeInput, returns<{ emailId: number }>()),

  'dispatches.preview': call(z.object({ filter: dispatchFilter }), returns<DispatchPreview>()),
  'dispatches.create': call(dispatchInput, returns<DispatchSummary>()),
  'dispatches.list': call(z.object({}), returns<DispatchSummary[]>()),
  'dispatches.get': call(byId, returns<DispatchSummary>()),
  'dispatches.pause': call(byId, returns<DispatchSummary>()),
  'dispatches.resume': call(byId, returns<DispatchSummary>()),
  'dispatches.cancel': call(byId, returns<DispatchSummary>()),
  'dispatches.activity': call(byId, returns<DispatchActivity>()),

  'failed.list': call(failedQuery, returns<FailedPage>()),
  /** The Failed section was looked at: its notice clears. */
  'failed.seen': call(z.object({}), returns<{ updated: number }>()),
  'addresses.reactivate': call(z.object({ address: z.string().trim().min(1).max(320) }), returns<{ reactivated: boolean }>()),

  'reports.list': call(reportsQuery, returns<{ rows: MailReportSummary[]; total: number }>()),
  'reports.get': call(byId, returns<MailReportRaw>()),

  /** null: the save dialog was dismissed (Electron). */
  'export.start': call(exportInput, returns<ExportJob | null>()),
  'export.progress': call(byId, returns<ExportJob>()),
  /** Stops the export and removes its partial file. */
  'export.cancel': call(byId, returns<ExportJob>()),

  'mailbox.status': call(z.object({}), returns<MailboxStatus>()),
  'mailbox.checkNow': call(z.object({}), returns<MailboxStatus>()),

  'tracking.syncNow': call(z.object({}), returns<SyncStatus>()),
  'tracking.status': call(z.object({}), returns<SyncStatus>()),
  'ownIps.list': call(z.object({}), returns<OwnIp[]>()),
  /** "Not mine": no longer self for events that arrive after, and never learned again. */
  'ownIps.remove': call(z.object({ ip: z.string().trim().min(1).max(45) }), returns<{ removed: boolean }>()),

  'templates.list': call(z.object({}), returns<Template[]>()),
  /** Creates, or with `id` replaces, a template; names are unique (any case). */
  'templates.save': call(templateInput, returns<Template>()),
  'templates.delete': call(byId, returns<{ deleted: boolean }>()),
  'templates.preview': call(templatePreviewInput, returns<TemplatePreview>()),

  'reminders.due': call(z.object({}), returns<DueReminder[]>()),
  'reminders.done': call(byId, returns<{ updated: number }>()),
  'reminders.snooze': call(z.object({ id, days: z.number().int().min(1).max(30).default(1) }), returns<{ dueAt: number }>()),

  'preferences.providers': call(z.object({}), returns<ProviderPreset[]>()),
  'preferences.testSmtp': call(smtpInput, returns<ConnectionTest>()),
  'preferences.testImap': call(imapInput, returns<ConnectionTest>()),
  'preferences.testRelay': call(trackingInput, returns<ConnectionTest>()),

  /**
   * Starts "Sign in with …" for the saved app registration: a loopback redirect listens and the
   * provider's page is opened by the app (Electron), or by the page when `openHere` (browser mode).
   */
  'oauth.start': call(z.object({}), returns<{ authorizeUrl: string; openHere: boolean }>()),
  /** Waits for the started sign-in to end (at most a few minutes): signed in, or why not. */
  'oauth.finish': call(z.object({}), returns<ConnectionTest>()),
  'oauth.signOut': call(z.object({}), returns<{ signedOut: boolean }>()),
} as const;

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallInput<K extends CallName> = z.input<Calls[K]['input']>;
export type ParsedInput<K extends CallName> = z.output<Calls[K]['input']>;
export type CallOutput<K extends CallName> = Calls[K]['output'] extends Returns<infer T> ? T : never;

export type ErrorCode = 'invalid_input' | 'not_found' | 'conflict' | 'unknown_call' | 'unauthorized' | 'internal';

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  /** For invalid_input: one entry per bad field, path joined with dots (e.g. `addresses.1.email`). */
  fields?: { path: string; message: string }[];
}

/** What every transport carries back: never a thrown exception across the boundary. */
export type ApiResult<T = unknown> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

/** What a live event tells the UI to read again (`main/live/`). */
export const LIVE_VIEWS = ['outbox', 'details', 'failed', 'notices', 'mailbox', 'dispatches', 'dashboard', 'contacts'] as const;
export type LiveView = (typeof LIVE_VIEWS)[number];

/** Changes in the core, gathered over a fraction of a second: the views to read again and the emails concerned (null: too many to list, or unknown). */
export interface LiveEvent {
  views: LiveView[];
  emailIds: number[] | null;
}

/** A desktop notification (`main/notify/`): a person's first open or click, several summed up, or a follow-up come due. */
export interface DesktopNotification {
  /** Stable for what it tells: the page's notification tag, so several tabs show it once. */
  id: string;
  title: string;
  body: string;
  /** What clicking it opens. */
  opens: { emailId: number } | { dispatchId: number } | { section: 'outbox' | 'dashboard' };
}

/** What the page hears of notifications: one to show itself (browser mode), or one the user clicked where the app showed it natively (Electron). */
export interface NotificationMessage {
  action: 'show' | 'open';
  notification: DesktopNotification;
}

/** Browser mode's live stream carries notifications as server-sent events of this name (live events are unnamed). */
export const NOTIFICATION_SSE_EVENT = 'notification';

/** What preload exposes as `window.outpost`, and the browser bridge imitates. */
export interface OutpostBridge {
  call(name: string, input: unknown): Promise<ApiResult>;
  /** Hears every live event until the returned function is called. */
  subscribe(listener: (event: LiveEvent) => void): () => void;
  /** Hears the core's desktop notifications until the returned function is called. */
  subscribeNotifications(listener: (message: NotificationMessage) => void): () => void;
}

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(calls, name);
}
