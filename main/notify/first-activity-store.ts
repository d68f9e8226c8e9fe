// Which counted open or click is a copy's first: claimed in first_activity inside the transaction
// that applies the event (tracking/apply-events.ts), so a re-sync, restart or repeat never claims it again.
import type { Db } from '../db/open-database';
import { prepareAll } from '../store/prepare';
import type { FirstActivity } from './first-activity';

const SQL = {
  claim: `INSERT INTO first_activity (recipient_id, kind, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
  about: `
    SELECT r.id AS recipientId, r.email_id AS emailId, COALESCE(r.last_attempt_at, e.sent_at) AS sentAt,
           COALESCE(NULLIF(c.name, ''), NULLIF(r.display_name, ''), r.address) AS contact,
           e.subject, e.dispatch_id AS dispatchId, d.subject AS dispatchSubject
    FROM recipients r JOIN emails e ON e.id = r.email_id
    LEFT JOIN contacts c ON c.id = r.contact_id LEFT JOIN dispatches d ON d.id = e.dispatch_id
    WHERE r.id = ?`,
} as const;

export function firstActivityStore(db: Db) {
  const q = prepareAll(db, SQL);
  return {
    /**
     * After a counted open or click (main/domain/views.ts `isCounted`), inside its transaction: the
     * copy's first of that kind, or null when one came before.
     */
    claim(recipientId: number, kind: FirstActivity['kind'], at: number): FirstActivity | null {
      const first = q.claim.run(recipientId, kind, at).changes > 0;
      // A person's click proves an open: no "opened" after "clicked a link".
      if (kind === 'click') q.claim.run(recipientId, 'open', at);
      if (!first) return null;
      return { ...(q.about.get(recipientId) as Omit<FirstActivity, 'kind' | 'at'>), kind, at };
    },
  };
}
