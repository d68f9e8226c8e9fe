// DESIGN.md's delivery-result rules, as pure functions.

export const PROGRESS = ['Unsent', 'Sent', 'Soft Bounced', 'Bounced', 'Delivered', 'Opened'] as const;
export const NEVER_SENT = ['Failed', 'Blocked', 'Duplicate', 'No Email Selected', 'Cancelled'] as const;
export type ProgressStatus = (typeof PROGRESS)[number];
export type NeverSentStatus = (typeof NEVER_SENT)[number];
export type RecipientStatus = ProgressStatus | NeverSentStatus;
export const ALL_STATUSES: readonly RecipientStatus[] = [...PROGRESS, ...NEVER_SENT];

export const isNeverSent = (s: RecipientStatus): s is NeverSentStatus => (NEVER_SENT as readonly string[]).includes(s);
const rank = (s: ProgressStatus) => PROGRESS.indexOf(s);

/**
 * Statuses only move forward, and the never-sent ones are final: a late bounce never overwrites
 * Delivered or Opened, while a soft bounce can still end as Delivered or Bounced.
 */
export function advance(current: RecipientStatus, next: RecipientStatus): RecipientStatus {
  if (isNeverSent(current)) return current;
  if (isNeverSent(next)) return current === 'Unsent' ? next : current;
  return rank(next) > rank(current) ? next : current;
}

/** What the sender itself sets on a copy the server has not accepted: an answer to one attempt. */
const SEND_TIME_REFUSALS: readonly RecipientStatus[] = ['Soft Bounced', 'Bounced', 'Blocked', 'Failed'];

/**
 * A copy's status after the answer to a new attempt of it (a retry, or the user's resend). While
 * no server has accepted the copy, its status is only the latest attempt's answer (the earlier
 * answers stay in its attempt history): an accepted resend of a 550 is Sent. Once accepted,
 * statuses only move forward, as everywhere.
 */
export function afterAttempt(current: RecipientStatus, answer: RecipientStatus, everAccepted: boolean): RecipientStatus {
  const from = !everAccepted && SEND_TIME_REFUSALS.includes(current) ? 'Unsent' : current;
  return advance(from, answer);
}

/**
 * One word for a whole email in the Outbox: what needs attention first. All recipients never
 * sent → why; still sending → Unsent; any bounce shows before good news; else the best outcome.
 */
export function emailStatus(statuses: readonly RecipientStatus[]): RecipientStatus {
  if (statuses.length === 0) return 'Unsent';
  const sendable = statuses.filter((s) => !isNeverSent(s)) as ProgressStatus[];
  if (sendable.length === 0) return statuses[0]!;
  for (const s of ['Unsent', 'Bounced', 'Soft Bounced', 'Opened'] as const) if (sendable.includes(s)) return s;
  return sendable.every((s) => s === 'Delivered') ? 'Delivered' : 'Sent';
}

export type Viewed = 'Read' | 'Unread' | 'Failed' | 'Untracked';

/**
 * The Viewed column: aggregates every recipient of one email. `tracked` is the email's mode (not
 * off); each recipient's `tracked` says its copy carries (or will carry) a pixel. Untracked only
 * where no pixel could tell: tracking off, or every reachable copy without one (no consent). A
 * tracked email none of whose copies can reach anyone Failed: it is never "Untracked".
 */
export function emailViewed(tracked: boolean, recipients: readonly { status: RecipientStatus; views: number; tracked?: boolean }[]): Viewed {
  if (!tracked) return 'Untracked';
  if (recipients.some((r) => r.views > 0)) return 'Read';
  const reached = recipients.filter((r) => !isNeverSent(r.status) && r.status !== 'Bounced');
  if (reached.length === 0) return 'Failed';
  return reached.some((r) => r.tracked !== false) ? 'Unread' : 'Untracked';
}
