// Follow-up reminders: written with their email, listed on the dashboard once due, done or
// snoozed by the user, and handed once to whatever tells the user (the desktop notification).
import type { Db } from '../db/open-database';
import type { DueReminder } from '../api/contract';
import { notFound } from '../api/errors';
import { prepareAll } from '../store/prepare';

export interface Remind { unless: DueReminder['unless']; days: number }

const DAY_MS = 86_400_000;
/** The dashboard lists at most this many; the oldest due first. */
const MAX_LISTED = 200;

// Days since sending by the core's clock, which the e2e moves (clock.ts), not the screen's.
const DUE_COLUMNS = `r.id, r.email_id AS emailId, e.subject, e.recipients_label AS contact,
  COALESCE(e.sent_at, e.created_at) AS sentAt, CAST((:now - COALESCE(e.sent_at, e.created_at)) / ${DAY_MS} AS INTEGER) AS daysSinceSent, r.due_at AS dueAt, r.unless`;

const SQL = {
  add: `INSERT INTO reminders (email_id, unless, due_at, created_at) VALUES (?, ?, ?, ?)`,
  due: `SELECT ${DUE_COLUMNS} FROM reminders r JOIN emails e ON e.id = r.email_id
        WHERE r.cleared_at IS NULL AND r.due_at <= :now ORDER BY r.due_at, r.id LIMIT ${MAX_LISTED}`,
  done: `UPDATE reminders SET cleared_at = ?, cleared_by = 'done' WHERE id = ? AND cleared_at IS NULL`,
  snooze: `UPDATE reminders SET due_at = :dueAt, notified_at = NULL WHERE id = :id AND cleared_at IS NULL`,
  exists: `SELECT 1 FROM reminders WHERE id = ?`,
  notify: `UPDATE reminders SET notified_at = :now WHERE cleared_at IS NULL AND due_at <= :now AND notified_at IS NULL RETURNING id`,
  one: `SELECT ${DUE_COLUMNS} FROM reminders r JOIN emails e ON e.id = r.email_id WHERE r.id = :id`,
} as const;

export function remindersStore(db: Db) {
  const q = prepareAll(db, SQL);
  const known = (id: number) => {
    if (!q.exists.get(id)) throw notFound('Reminder', id);
  };
  return {
    /** Inside the transaction that stores the email. */
    add(emailId: number, remind: Remind, sentAt: number): void {
      q.add.run(emailId, remind.unless, sentAt + remind.days * DAY_MS, sentAt);
    },
    due: (now: number) => q.due.all({ now }) as DueReminder[],
    done(id: number, now: number): { updated: number } {
      known(id);
      return { updated: q.done.run(now, id).changes };
    },
    /** Due again `days` from now, and told again then. */
    snooze(id: number, days: number, now: number): { dueAt: number } {
      known(id);
      const dueAt = now + days * DAY_MS;
      q.snooze.run({ id, dueAt });
      return { dueAt };
    },
    /**
     * The reminders that came due since the last call, each returned once (a snoozed one again when
     * it comes due again): for the desktop notification, which calls this on its timer.
     */
    newlyDue: db.transaction((now: number): DueReminder[] =>
      (q.notify.all({ now }) as { id: number }[]).map(({ id }) => q.one.get({ id, now }) as DueReminder)),
  };
}

export type RemindersStore = ReturnType<typeof remindersStore>;
