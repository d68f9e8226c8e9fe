// Addresses Outpost stops sending to: deactivated by a hard bounce (nothing is sent until the user
// reactivates it) or complained about (dispatches skip it). Held per address, whoever holds it.
import type { Db } from '../db/open-database';
import { normalizeAddress } from '../domain/address';
import { prepareAll } from '../store/prepare';

const SQL = {
  // A new hard bounce on a reactivated address deactivates it again, as a fresh record.
  put: `INSERT INTO suppressions (email_norm, kind, reason, at, recipient_id, report_id)
        VALUES (:norm, :kind, :reason, :at, :recipientId, :reportId)
        ON CONFLICT (email_norm, kind) DO UPDATE SET reason = excluded.reason, at = excluded.at,
          recipient_id = excluded.recipient_id, report_id = excluded.report_id, reactivated_at = NULL
        WHERE suppressions.reactivated_at IS NOT NULL`,
  lift: `UPDATE suppressions SET reactivated_at = :now WHERE email_norm = :norm AND reactivated_at IS NULL`,
  holders: `SELECT DISTINCT contact_id AS contactId FROM addresses WHERE email_norm = ?`,
  deactivatedCopies: `SELECT count(*) AS n FROM recipients r JOIN suppressions s ON s.email_norm = r.address_norm
                      WHERE r.id IN (SELECT value FROM json_each(?)) AND s.kind = 'deactivated' AND s.reactivated_at IS NULL`,
  activity: `INSERT INTO activities (contact_id, kind, at, recipient_id, email_id, detail)
             VALUES (:contactId, :kind, :at, :recipientId, (SELECT email_id FROM recipients WHERE id = :recipientId), :detail)`,
} as const;

export type SuppressionKind = 'deactivated' | 'complained';

export interface Suppression {
  address: string;
  kind: SuppressionKind;
  reason: string;
  at: number;
  recipientId?: number | null;
  reportId?: number | null;
}

export function suppressions(db: Db) {
  const q = prepareAll(db, SQL);

  /** Each contact holding the address gets the event on its timeline. */
  function tell(norm: string, kind: string, at: number, recipientId: number | null, detail: string): void {
    for (const { contactId } of q.holders.all(norm) as { contactId: number }[]) {
      q.activity.run({ contactId, kind, at, recipientId, detail });
    }
  }

  return {
    /** Stops the address; true when it was active until now. Call inside the caller's transaction. */
    stop(s: Suppression): boolean {
      const norm = normalizeAddress(s.address);
      if (!norm) return false;
      const put = q.put.run({ norm, kind: s.kind, reason: s.reason, at: s.at, recipientId: s.recipientId ?? null, reportId: s.reportId ?? null });
      if (put.changes === 0) return false;
      tell(norm, s.kind === 'deactivated' ? 'deactivated' : 'complaint', s.at, s.recipientId ?? null, s.reason);
      return true;
    },
    /** How many of these copies go to a deactivated address (a resend skips them). */
    deactivatedCopies: (recipientIds: readonly number[]) => (q.deactivatedCopies.get(JSON.stringify(recipientIds)) as { n: number }).n,
    /** The user's "Reactivate": sends to the address may go again; recorded on each holder's timeline. */
    reactivate: db.transaction((address: string, now: number): boolean => {
      const norm = normalizeAddress(address);
      const lifted = q.lift.run({ norm, now }).changes > 0;
      if (lifted) tell(norm, 'reactivated', now, null, 'reactivated by you');
      return lifted;
    }),
  };
}

export type Suppressions = ReturnType<typeof suppressions>;
