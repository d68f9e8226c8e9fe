// Shapes shared by the contract's inputs. The renderer validates its forms with these same
// schemas, so a form and the core can never disagree on what is valid.
import { z } from 'zod';
import { addressProblem } from '../domain/address';
import { NEVER_SENT, PROGRESS } from '../domain/status';
import { OAUTH_PROVIDERS } from '../oauth/providers';

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
export const id = z.number().int().positive();

export const emailAddress = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const problem = addressProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const CONSENTS = ['granted', 'denied', 'unknown'] as const;
export const PURPOSE_SUGGESTIONS = ['client mail', 'newsletter', 'invoices'] as const;

export const addressInput = z.object({
  id: id.optional(),
  email: emailAddress,
  purposes: z.array(text(40).min(1)).max(10).default(['client mail']),
  consent: z.enum(CONSENTS).default('unknown'),
});

export const contactInput = z.object({
  name: text(200).min(1, 'a name is required'),
  company: text(200).default(''),
  phone: text(60).default(''),
  notes: text(10_000).default(''),
  addresses: z
    .array(addressInput)
    .max(20)
    .default([])
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((a, i) => {
        const key = a.email.trim().toLowerCase();
        if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i, 'email'], message: 'this address is listed twice' });
        seen.add(key);
      });
    }),
});

export const SHOOT_STATUSES = ['inquiry', 'booked', 'completed', 'cancelled'] as const;
export const isoDate = z.string().superRefine((s, ctx) => {
  const d = new Date(`${s}T00:00:00Z`);
  // Round-tripping catches both a wrong shape and a day that does not exist (2026-02-31).
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s) {
    ctx.addIssue({ code: 'custom', message: 'must be a real date like 2026-06-20' });
  }
});

export const shootInput = z.object({
  title: text(200).min(1, 'a title is required'),
  clientId: id.nullable().default(null),
  shootDate: isoDate.nullable().default(null),
  location: text(300).default(''),
  status: z.enum(SHOOT_STATUSES).default('inquiry'),
  notes: text(10_000).default(''),
});

export const SECURITY = ['tls', 'starttls', 'none'] as const;
export const TRACKING_MODES = ['off', 'opens', 'opens_clicks'] as const;
export const CONSENT_POLICIES = ['track-unless-denied', 'track-only-granted'] as const;

const host = text(253).regex(/^[A-Za-z0-9.-]*$/, 'must be a host name like smtp.example.com');
const port = z.number().int().min(1).max(65535);
/** Write-only: omitted or undefined keeps the stored secret, '' clears it. */
const secret = z.string().max(1024).optional();
/** The host the user confirmed "send my password without encryption" for (security "none"); '' for none. */
const plaintextPasswordHost = host.default('');

/** How SMTP and IMAP log in: the stored password, or the access token of "Sign in with …" (XOAUTH2/OAUTHBEARER). */
export const AUTH_METHODS = ['password', 'oauth2'] as const;
const authMethod = z.enum(AUTH_METHODS).default('password');

export const smtpInput = z.object({
  host,
  port: port.default(587),
  security: z.enum(SECURITY).default('starttls'),
  username: text(320).default(''),
  auth: authMethod,
  password: secret,
  plaintextPasswordHost,
  fromName: text(200).default(''),
  fromAddress: z.union([z.literal(''), emailAddress]).default(''),
  maxConnections: z.number().int().min(1).max(20).default(2),
  messagesPerMinute: z.number().int().min(1).max(10_000).default(60),
});

export const imapInput = z.object({
  host,
  port: port.default(993),
  security: z.enum(SECURITY).default('tls'),
  username: text(320).default(''),
  auth: authMethod,
  password: secret,
  plaintextPasswordHost,
  watchFolders: z.array(text(200).min(1)).max(20).default(['INBOX']),
  sentFolder: text(200).default('Sent'),
  /** Minutes between checks where the server offers no IDLE. */
  pollMinutes: z.number().int().min(1).max(120).default(2),
  /** Where processed reports go on servers that refuse custom keywords (Exchange Online); '' leaves them in place. */
  processedFolder: text(200).default(''),
  /** Mark processed reports read (off: the watcher never changes \\Seen). */
  markReportsRead: z.boolean().default(false),
});

export const trackingInput = z.object({
  mode: z.enum(TRACKING_MODES).default('opens_clicks'),
  relayUrl: z.union([
    z.literal(''),
    z.string().trim().url('must be a URL like https://relay.example.com').refine((u) => /^https?:\/\//i.test(u), 'must start with https:// or http://'),
  ]).default(''),
  // The secret the relay was started with (`npm run relay:url -- --new-secret` makes one): 32 bytes
  // as base64url. Checked by shape here because the renderer shares these schemas (no node:crypto).
  relaySecret: secret.refine((s) => !s || /^[A-Za-z0-9_-]{43}$/.test(s.trim()), 'is not a relay secret (43 characters of base64url, as the relay prints it)'),
  consentPolicy: z.enum(CONSENT_POLICIES).default('track-unless-denied'),
});

const endpointUrl = z.union([
  z.literal(''),
  z.string().trim().url('must be a URL like https://login.example.com/token').refine((u) => /^https?:\/\//i.test(u), 'must start with https:// or http://'),
]).default('');

/** The app registered with the provider (see main/oauth/README.md); endpoints only for "custom". */
export const oauthInput = z.object({
  provider: z.enum(OAUTH_PROVIDERS).default('google'),
  clientId: text(500).default(''),
  clientSecret: secret,
  authorizeUrl: endpointUrl,
  tokenUrl: endpointUrl,
  revokeUrl: endpointUrl,
  scope: text(1000).default(''),
});

/** A local time of day, HH:MM on a 24-hour clock. */
const clockTime = z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like 22:00');

/** Desktop notifications (main/notify/): on or off, and quiet hours in local time, which may wrap midnight (22:00–07:00). */
export const notificationsInput = z.object({
  enabled: z.boolean().default(true),
  quietHours: z.boolean().default(false),
  quietFrom: clockTime.default('22:00'),
  quietTo: clockTime.default('07:00'),
}).refine((n) => n.quietFrom !== n.quietTo, { path: ['quietTo'], message: 'must differ from the start of the quiet hours' });

export const preferencesInput = z.object({
  smtp: smtpInput,
  imap: imapInput,
  tracking: trackingInput,
  oauth: oauthInput.prefault({}),
  bccMyself: z.boolean().default(false),
  notifications: notificationsInput.prefault({}),
});

export const OUTBOX_SORTS = ['createdAt', 'subject', 'recipients', 'status', 'viewed', 'firstViewedAt', 'lastViewedAt', 'totalViews', 'lastProgram', 'shoot'] as const;

export const RECIPIENT_STATUSES = [...PROGRESS, ...NEVER_SENT] as const;
const time = z.number().int().min(0).max(8.64e15);
/** The Outbox's filters; each one left empty lets everything through. */
export const outboxFilters = z.object({
  /** Any of these. */
  statuses: z.array(z.enum(RECIPIENT_STATUSES)).max(RECIPIENT_STATUSES.length).default([]),
  viewed: z.enum(['', 'Read', 'Unread', 'Failed', 'Untracked']).default(''),
  dispatchId: id.nullable().default(null),
  /** Created at or after (ms). */
  from: time.nullable().default(null),
  /** Created before (ms). */
  to: time.nullable().default(null),
});

export const outboxQuery = z.object({
  scope: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('recent'), days: z.number().int().min(1).max(3650).default(90) }),
    z.object({ kind: z.literal('all') }),
    z.object({ kind: z.literal('shoot'), shootId: id }),
  ]),
  search: text(200).default(''),
  ...outboxFilters.shape,
  sort: z.enum(OUTBOX_SORTS).default('createdAt'),
  direction: z.enum(['asc', 'desc']).default('desc'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});

/** What the Outbox shows, kept across restarts (`outbox.view`): its period, sort and filters. */
export const outboxView = z.object({
  period: z.enum(['recent', 'all']).default('recent'),
  sort: z.enum(OUTBOX_SORTS).default('createdAt'),
  direction: z.enum(['asc', 'desc']).default('desc'),
  ...outboxFilters.shape,
});

export const failedQuery = z.object({
  reason: z.enum(['', 'hard bounce', 'soft bounce', 'auto responder', 'transient bounce', 'blocked', 'invalid address', 'deactivated address']).default(''),
  search: text(200).default(''),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});

/** What a CSV export holds: the year's tracking report, every email, or the Failed section as filtered. */
export const exportReport = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tracking-year') }),
  z.object({ kind: z.literal('all-emails') }),
  failedQuery.pick({ reason: true, search: true }).extend({ kind: z.literal('failed') }),
]);

export const exportInput = z.object({
  report: exportReport,
  /** Browser mode: the folder the file is written to ('' for Downloads). Electron asks with a save dialog instead. */
  folder: z.string().trim().max(4096).default(''),
});

export const reportsQuery = z.object({
  /** Only reports applied to no copy: matched nothing, or could not be read or applied (their error says why). */
  unmatched: z.boolean().default(false),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});

export const activityQuery = z.object({
  contactId: id,
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});

/** A recipient as compose sends it: a contact (its address for the purpose is looked up) or a typed address. */
export const recipientInput = z.object({
  contactId: id.optional(),
  // Not validated here on purpose: a bad address becomes a Failed recipient with its reason,
  // and the rest of the email still goes.
  address: z.string().max(320).optional(),
  name: z.string().trim().max(200).default(''),
});

const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
export const attachmentInput = z.object({
  filename: text(255).min(1),
  contentType: z.string().max(255).regex(/^[\w.+-]+\/[\w.+-]+$/, 'is not a content type').default('application/octet-stream'),
  // Node's decoder skips what is not base64, so bad data would silently become an empty or
  // truncated file: only canonical padded base64 of at least one byte gets through.
  dataBase64: z
    .string()
    .max(Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4, 'is larger than 20 MB')
    .refine((s) => s.length > 0, 'the file is empty (0 bytes)')
    .refine((s) => BASE64.test(s), 'is not valid base64 data'),
});

export const REMIND_UNLESS = ['opened', 'replied'] as const;
/** "Remind me if not opened (by a person) / not replied in N days", chosen when sending; null for none. */
export const remindInput = z.object({
  unless: z.enum(REMIND_UNLESS),
  days: z.number().int().min(1, 'at least 1 day').max(365, 'at most 365 days'),
}).nullable().default(null);

// An untracked email is never seen opened: such a reminder would always come due.
const remindNeedsTracking = (b: { remind: { unless: string } | null; tracking: string }) => !(b.remind?.unless === 'opened' && b.tracking === 'off');
const REMIND_NEEDS_TRACKING = { message: '"if not opened" needs tracking on: switch Track on, or remind if not replied', path: ['remind'] };

const body = {
  remind: remindInput,
  subject: text(998).min(1, 'a subject is required'),
  format: z.enum(['text', 'html']).default('text'),
  bodyText: z.string().max(2_000_000).default(''),
  bodyHtml: z.string().max(5_000_000).default(''),
  tracking: z.enum(TRACKING_MODES),
  attachments: z
    .array(attachmentInput)
    .max(20)
    .default([])
    .refine((list) => list.reduce((n, a) => n + (a.dataBase64.length * 3) / 4, 0) <= MAX_ATTACHMENT_BYTES, 'attachments add up to more than 20 MB'),
};

export const composeInput = z.object({
  to: z.array(recipientInput).max(500).default([]),
  cc: z.array(recipientInput).max(500).default([]),
  bcc: z.array(recipientInput).max(500).default([]),
  shootId: id.nullable().default(null),
  purpose: text(40).default('client mail'),
  ...body,
}).refine((c) => c.to.length + c.cc.length + c.bcc.length > 0, { message: 'add at least one recipient', path: ['to'] }).refine(remindNeedsTracking, REMIND_NEEDS_TRACKING);

export const dispatchFilter = z.object({
  purpose: text(40).default('newsletter'),
  search: text(200).default(''),
  /** Only the client and people of this shoot. */
  shootId: id.nullable().default(null),
  /** Only clients of shoots in this state (e.g. everyone booked). */
  shootStatus: z.enum(['', ...SHOOT_STATUSES]).default(''),
});

export const dispatchInput = z.object({ filter: dispatchFilter, ...body }).refine(remindNeedsTracking, REMIND_NEEDS_TRACKING);

const templateText = { subject: body.subject, format: body.format, bodyText: body.bodyText, bodyHtml: body.bodyHtml };
export const templateInput = z.object({ id: id.optional(), name: text(200).min(1, 'a name is required'), ...templateText });

/** A template filled for one recipient (a single email) or for a dispatch's list: what would go out. */
export const templatePreviewInput = z.object({
  ...templateText,
  subject: z.string().max(998).default(''),
  for: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('email'), to: recipientInput.nullable(), shootId: id.nullable().default(null) }),
    z.object({ kind: z.literal('dispatch'), filter: dispatchFilter }),
  ]),
});
