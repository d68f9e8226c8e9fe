import type { LiveView } from '../api/contract';
import type { Db } from '../db/open-database';
import type { Change } from './live-bus';

type Op = 'INSERT' | 'UPDATE' | 'DELETE';
const ALL: readonly Op[] = ['INSERT', 'UPDATE', 'DELETE'];

/**
 * Every table a view shows, the views it feeds, and how to find the email a row is about (`$` is
 * the row: NEW, or OLD for a delete). One table here instead of a publish call beside every
 * write: the sender, relay sync, mailbox watcher, compose, dispatch control, resend and
 * reactivation all reach the views through these, and so will any write added later.
 */
export const WATCHED: readonly { table: string; ops: readonly Op[]; views: readonly LiveView[]; email: string | null }[] = [
  { table: 'emails', ops: ALL, views: ['outbox', 'details', 'dashboard'], email: '$.id' },
  { table: 'recipients', ops: ALL, views: ['outbox', 'details', 'failed', 'dispatches'], email: '$.email_id' },
  { table: 'copy_attempts', ops: ['INSERT'], views: ['details'], email: '(SELECT email_id FROM recipients WHERE id = $.recipient_id)' },
  { table: 'tracking_events', ops: ['INSERT'], views: ['details'], email: '$.email_id' },
  { table: 'mail_reports', ops: ALL, views: ['details', 'failed', 'mailbox'], email: '$.email_id' },
  { table: 'report_recipients', ops: ['INSERT', 'UPDATE'], views: ['details', 'failed'], email: '(SELECT email_id FROM recipients WHERE id = $.recipient_id)' },
  { table: 'notices', ops: ALL, views: ['notices'], email: null },
  { table: 'suppressions', ops: ALL, views: ['failed', 'contacts'], email: null },
  { table: 'dispatches', ops: ALL, views: ['dispatches'], email: null },
  { table: 'activities', ops: ALL, views: ['contacts'], email: null },
  { table: 'mailbox_folders', ops: ALL, views: ['mailbox'], email: null },
  { table: 'contacts', ops: ALL, views: ['contacts', 'dashboard'], email: null },
  { table: 'shoots', ops: ['INSERT', 'DELETE'], views: ['dashboard'], email: null },
  // Done, snoozed, cleared by an open or a reply, or told as it came due: the dashboard's follow-ups.
  { table: 'reminders', ops: ALL, views: ['dashboard'], email: '$.email_id' },
];

const FUNCTION = 'outpost_live_change';

/**
 * Has this connection report each change of a watched table to `publish`, through TEMP
 * triggers: they live only in this connection (no migration, nothing in the file), and fire in
 * the writing statement, so no write can forget to say it changed something.
 */
export function watchChanges(db: Db, publish: (change: Change) => void, log: (message: string, err: unknown) => void = console.error): void {
  const byTable = new Map(WATCHED.map((w) => [w.table, w.views]));
  db.function(FUNCTION, { deterministic: false }, (table: unknown, emailId: unknown) => {
    // A failing listener must never fail the write that called it.
    try {
      const views = byTable.get(String(table));
      if (views) publish({ views, emailIds: typeof emailId === 'number' ? [emailId] : [] });
    } catch (err) {
      log('live change not published', err);
    }
    return null;
  });
  for (const w of WATCHED) {
    for (const op of w.ops) {
      const row = op === 'DELETE' ? 'OLD' : 'NEW';
      const email = w.email === null ? 'NULL' : w.email.replaceAll('$', row);
      db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS live_${w.table}_${op.toLowerCase()} AFTER ${op} ON main.${w.table}
               BEGIN SELECT ${FUNCTION}('${w.table}', ${email}); END`);
    }
  }
}
