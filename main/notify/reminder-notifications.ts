// What a follow-up reminder coming due tells the user, as desktop notifications. Pure.
import type { DesktopNotification, DueReminder } from '../api/contract';
import { plural } from '../domain/plural';
import { splitBatch } from './batch-cap';

const HAS_NOT = {
  opened: (r: DueReminder) => `${r.contact} hasn't opened “${r.subject}”`,
  replied: (r: DueReminder) => `${r.contact} hasn't replied to “${r.subject}”`,
} as const;
const WHY = {
  opened: "Only a person's open counts, not a mail program's prefetch or a link scanner.",
  replied: 'No reply has come to the watched mailbox.',
} as const;

/** One notification per reminder; past `MAX_PER_BATCH` the rest are counted in a last one that opens the dashboard. */
export function reminderNotifications(due: readonly DueReminder[]): DesktopNotification[] {
  const { own, rest } = splitBatch(due);
  const notes: DesktopNotification[] = own.map((r) => ({
    id: `reminder:${r.id}:${r.dueAt}`,
    title: `Follow up: ${HAS_NOT[r.unless](r)} in ${plural(r.daysSinceSent, 'day')}`,
    body: WHY[r.unless],
    opens: { emailId: r.emailId },
  }));
  if (rest.length > 0) {
    notes.push({ id: `reminders:${rest[0]!.id}:${rest[0]!.dueAt}`, title: `${rest.length} more follow-ups are due`, body: 'They are listed on the dashboard.', opens: { section: 'dashboard' } });
  }
  return notes;
}
