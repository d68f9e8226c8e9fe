import type { Db } from '../db/open-database';
import type { Candidate } from '../domain/recipient-checks';
import { normalizeAddress } from '../domain/address';
import { ApiError } from '../api/errors';
import { prepareAll } from '../store/prepare';

/** The contact's first address for this kind of mail, in the order the user listed them: SQL of a subquery. */
export const firstAddressFor = (contactId: string, purpose: string) =>
  `SELECT email FROM addresses WHERE contact_id = ${contactId} AND EXISTS (SELECT 1 FROM json_each(purposes) WHERE value = ${purpose}) ORDER BY position LIMIT 1`;

const SQL = {
  contact: `SELECT id, name FROM contacts WHERE id = ?`,
  addressFor: firstAddressFor('?', '?'),
  byAddress: `SELECT c.id, c.name FROM addresses a JOIN contacts c ON c.id = a.contact_id WHERE a.email_norm = ? ORDER BY c.id LIMIT 1`,
  blocked: `SELECT 1 FROM blocked WHERE email_norm = ?`,
  deactivated: `SELECT reason, at FROM suppressions WHERE email_norm = ? AND kind = 'deactivated' AND reactivated_at IS NULL`,
  complained: `SELECT reason, at FROM suppressions WHERE email_norm = ? AND kind = 'complained' AND reactivated_at IS NULL`,
  consent: `SELECT coalesce(max(consent = 'denied'), 0) AS denied, coalesce(max(consent = 'granted'), 0) AS granted FROM addresses WHERE email_norm = ?`,
} as const;

export interface RecipientRef { contactId?: number | undefined; address?: string | undefined; name: string }

/** Looks up what the pure checks and the consent rule need to know about recipients. */
export function recipientSource(db: Db) {
  const q = prepareAll(db, SQL);
  return {
    /** A compose recipient as a check candidate: a contact's address for the purpose, or a typed one. */
    candidate(ref: RecipientRef, kind: Candidate['kind'], purpose: string, field: string): Candidate {
      if (ref.contactId !== undefined) {
        const contact = q.contact.get(ref.contactId) as { id: number; name: string } | undefined;
        if (!contact) throw new ApiError('invalid_input', `${field}: contact ${ref.contactId} does not exist`, [{ path: field, message: 'this contact no longer exists' }]);
        const address = ref.address ?? (q.addressFor.get(contact.id, purpose) as { email: string } | undefined)?.email ?? null;
        return { kind, contactId: contact.id, name: ref.name || contact.name, address };
      }
      const address = (ref.address ?? '').trim();
      const known = q.byAddress.get(normalizeAddress(address)) as { id: number; name: string } | undefined;
      return { kind, contactId: known?.id ?? null, name: ref.name || known?.name || '', address };
    },
    isBlocked: (norm: string) => q.blocked.get(norm) !== undefined,
    deactivation(norm: string): string | null {
      const row = q.deactivated.get(norm) as { reason: string | null; at: number } | undefined;
      if (!row) return null;
      return `${row.reason ?? 'hard bounce'} (since ${new Date(row.at).toISOString().slice(0, 10)}); reactivate it in Contacts or Failed to send again`;
    },
    /** Why dispatches skip this address (its owner marked mail as spam), or null. */
    complaint(norm: string): string | null {
      const row = q.complained.get(norm) as { reason: string; at: number } | undefined;
      return row ? `${row.reason} (${new Date(row.at).toISOString().slice(0, 10)})` : null;
    },
    /** The strictest consent recorded for an address: one "denied" anywhere wins. */
    consent(norm: string): 'granted' | 'denied' | 'unknown' {
      const { denied, granted } = q.consent.get(norm) as { denied: 0 | 1; granted: 0 | 1 };
      return denied ? 'denied' : granted ? 'granted' : 'unknown';
    },
  };
}

export type RecipientSource = ReturnType<typeof recipientSource>;
