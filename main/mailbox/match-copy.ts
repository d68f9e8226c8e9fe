// Which recipient copy a report is about, strongest evidence first (DESIGN.md): our per-copy
// header, the DSN's ENVID (we send the copy id), the returned Message-ID or the report's own
// In-Reply-To/References, the provider's id from its 250 reply, and last the failed address near
// a recent send. Nothing matched is nothing guessed.
import type { Db } from '../db/open-database';
import type { BounceReport, RecipientVerdict } from '../bounce/types';
import { normalizeAddress } from '../domain/address';
import { providerIdKeys } from '../send/provider-id';
import { prepareAll } from '../store/prepare';

export type MatchedBy = 'copy header' | 'envelope id' | 'message id' | 'provider id' | 'address';

export interface Match {
  recipientId: number | null;
  emailId: number | null;
  by: MatchedBy | null;
}

/** How far back a report naming only an address may reach: final bounces come within days. */
export const ADDRESS_WINDOW_MS = 14 * 86_400_000;

const SQL = {
  byCopy: `SELECT id, email_id AS emailId FROM recipients WHERE copy_id = ?`,
  email: `SELECT id FROM emails WHERE message_id = ?`,
  inEmail: `SELECT id FROM recipients WHERE email_id = ? AND address_norm = ? ORDER BY id LIMIT 1`,
  // The email's copies that went out: a one-copy email needs no address to say which.
  sentOf: `SELECT id FROM recipients WHERE email_id = ? AND send_state != 'none' LIMIT 2`,
  byProvider: `SELECT id, email_id AS emailId FROM recipients WHERE provider_id = ? ORDER BY id DESC LIMIT 1`,
  byAddress: `SELECT id, email_id AS emailId FROM recipients
              WHERE address_norm = ? AND last_attempt_at BETWEEN ? AND ? ORDER BY last_attempt_at DESC, id DESC LIMIT 1`,
} as const;

const NONE: Match = { recipientId: null, emailId: null, by: null };

export function copyMatcher(db: Db) {
  const q = prepareAll(db, SQL);
  type Row = { id: number; emailId: number } | undefined;

  function inEmail(emailId: number, addresses: readonly string[]): number | null {
    for (const a of addresses) {
      const row = a ? (q.inEmail.get(emailId, a) as { id: number } | undefined) : undefined;
      if (row) return row.id;
    }
    const sent = q.sentOf.all(emailId) as { id: number }[];
    return sent.length === 1 ? sent[0]!.id : null;
  }

  /** The copy one verdict of `report` is about; `at` is when the report arrived. */
  return function match(report: BounceReport, v: RecipientVerdict, at: number): Match {
    const o = report.original;
    for (const [value, by] of [[o.outpostCopy, 'copy header'], [o.envelopeId, 'envelope id']] as const) {
      const row = value ? (q.byCopy.get(value.trim()) as Row) : undefined;
      if (row) return { recipientId: row.id, emailId: row.emailId, by };
    }
    const addresses = [...new Set([v.address, o.recipient].map((a) => normalizeAddress(a ?? '')).filter(Boolean))];
    let emailOnly: Match = NONE;
    for (const id of [o.messageId, ...o.replyTo]) {
      const email = id ? (q.email.get(id) as { id: number } | undefined) : undefined;
      if (!email) continue;
      const recipientId = inEmail(email.id, addresses);
      if (recipientId !== null) return { recipientId, emailId: email.id, by: 'message id' };
      if (emailOnly.emailId === null) emailOnly = { recipientId: null, emailId: email.id, by: null };
    }
    for (const key of providerIdKeys(o.messageId)) {
      const row = q.byProvider.get(key) as Row;
      if (row) return { recipientId: row.id, emailId: row.emailId, by: 'provider id' };
    }
    for (const a of addresses) {
      const row = q.byAddress.get(a, at - ADDRESS_WINDOW_MS, at) as Row;
      if (row) return { recipientId: row.id, emailId: row.emailId, by: 'address' };
    }
    return emailOnly;
  };
}

export type CopyMatcher = ReturnType<typeof copyMatcher>;
