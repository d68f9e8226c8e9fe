import type { Db } from '../db/open-database';
import type { DashboardSummary, MailboxStatus, Notice } from '../api/contract';
import { prepareAll } from './prepare';

const SQL = {
  notices: `SELECT id, kind, message, created_at AS createdAt, count, link FROM notices WHERE seen_at IS NULL ORDER BY created_at DESC LIMIT 50`,
  counts: `SELECT (SELECT count(*) FROM contacts) AS contacts, (SELECT count(*) FROM shoots) AS shoots,
                  (SELECT count(*) FROM emails WHERE created_at >= ?) AS emailsLast90Days`,
  markSeen: `UPDATE notices SET seen_at = ? WHERE id = ? AND seen_at IS NULL`,
} as const;

export function dashboardStore(db: Db, mailbox: () => MailboxStatus) {
  const q = prepareAll(db, SQL);
  return {
    summary(now = Date.now()): DashboardSummary {
      const counts = q.counts.get(now - 90 * 86_400_000) as Omit<DashboardSummary, 'notices' | 'mailbox'>;
      return { notices: q.notices.all() as Notice[], mailbox: mailbox(), ...counts };
    },
    markSeen: db.transaction((ids: number[], now = Date.now()) => {
      let updated = 0;
      for (const id of ids) updated += q.markSeen.run(now, id).changes;
      return { updated };
    }),
  };
}
