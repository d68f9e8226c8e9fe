import type { Db } from '../db/open-database';
import type { Address, Consent, Contact, ContactSummary } from '../api/contract';
import type { z } from 'zod';
import type { contactInput } from '../api/schemas';
import { normalizeAddress } from '../domain/address';
import { notFound } from '../api/errors';
import { searchFold, searchText } from '../domain/search-fold';
import { escapeLike } from './like';
import { prepareAll } from './prepare';

type ContactInput = z.output<typeof contactInput>;

interface ContactRow { id: number; name: string; company: string; phone: string; notes: string; created_at: number; updated_at: number }
interface AddressRow {
  id: number; email: string; purposes: string; consent: Consent;
  deactivated_at: number | null; deactivated_reason: string | null; blocked: 0 | 1;
}

const SQL = {
  list: `
    SELECT c.id, c.name, c.company, c.updated_at,
           (SELECT group_concat(email, char(10)) FROM (SELECT email FROM addresses WHERE contact_id = c.id ORDER BY position)) AS emails
    FROM contacts c
    WHERE (:q = '' OR c.search LIKE :like ESCAPE '\\')
    ORDER BY c.name COLLATE NOCASE, c.id
    LIMIT 2000`,
  get: `SELECT * FROM contacts WHERE id = ?`,
  addresses: `
    SELECT a.id, a.email, a.purposes, a.consent, s.at AS deactivated_at, s.reason AS deactivated_reason,
           EXISTS (SELECT 1 FROM blocked b WHERE b.email_norm = a.email_norm) AS blocked
    FROM addresses a LEFT JOIN suppressions s ON s.email_norm = a.email_norm AND s.kind = 'deactivated' AND s.reactivated_at IS NULL
    WHERE a.contact_id = ? ORDER BY a.position`,
  // search: name, company and addresses in the folded form every search compares (domain/search-fold),
  // so a search reads one column per contact instead of probing its addresses.
  insert: `INSERT INTO contacts (name, company, phone, notes, search, created_at, updated_at) VALUES (:name, :company, :phone, :notes, :search, :now, :now)`,
  update: `UPDATE contacts SET name = :name, company = :company, phone = :phone, notes = :notes, search = :search, updated_at = :now WHERE id = :id`,
  delete: `DELETE FROM contacts WHERE id = ?`,
  addressIds: `SELECT id FROM addresses WHERE contact_id = ?`,
  insertAddress: `
    INSERT INTO addresses (contact_id, position, email, email_norm, purposes, consent)
    VALUES (:contactId, :position, :email, :norm, :purposes, :consent)`,
  // Deactivation belongs to the address (suppressions), so editing a contact never reactivates one.
  updateAddress: `
    UPDATE addresses SET position = :position, email = :email, purposes = :purposes, consent = :consent, email_norm = :norm
    WHERE id = :id AND contact_id = :contactId`,
  deleteAddress: `DELETE FROM addresses WHERE id = ?`,
} as const;

export function contactsStore(db: Db) {
  const q = prepareAll(db, SQL);

  function get(id: number): Contact {
    const row = q.get.get(id) as ContactRow | undefined;
    if (!row) throw notFound('Contact', id);
    const addresses = (q.addresses.all(id) as AddressRow[]).map(toAddress);
    return {
      id: row.id, name: row.name, company: row.company, phone: row.phone, notes: row.notes, addresses,
      createdAt: row.created_at, updatedAt: row.updated_at,
    };
  }

  function saveAddresses(contactId: number, input: ContactInput['addresses']) {
    const existing = new Set((q.addressIds.all(contactId) as { id: number }[]).map((r) => r.id));
    const kept = new Set<number>();
    input.forEach((a, position) => {
      const params = {
        contactId, position, email: a.email, norm: normalizeAddress(a.email),
        purposes: JSON.stringify(a.purposes), consent: a.consent,
      };
      if (a.id !== undefined && existing.has(a.id)) {
        q.updateAddress.run({ ...params, id: a.id });
        kept.add(a.id);
      } else {
        q.insertAddress.run(params);
      }
    });
    for (const id of existing) if (!kept.has(id)) q.deleteAddress.run(id);
  }

  return {
    list(search: string): ContactSummary[] {
      const rows = q.list.all({ q: search, like: `%${escapeLike(searchFold(search))}%` }) as (ContactRow & { emails: string | null })[];
      return rows.map((r) => ({ id: r.id, name: r.name, company: r.company, emails: r.emails ? r.emails.split('\n') : [], updatedAt: r.updated_at }));
    },
    get,
    create: db.transaction((input: ContactInput): Contact => {
      const { lastInsertRowid } = q.insert.run({ ...fields(input), now: Date.now() });
      saveAddresses(Number(lastInsertRowid), input.addresses);
      return get(Number(lastInsertRowid));
    }),
    update: db.transaction((id: number, input: ContactInput): Contact => {
      if (q.update.run({ ...fields(input), id, now: Date.now() }).changes === 0) throw notFound('Contact', id);
      saveAddresses(id, input.addresses);
      return get(id);
    }),
    delete(id: number): boolean {
      return q.delete.run(id).changes > 0;
    },
  };
}

const fields = (i: ContactInput) => ({ name: i.name, company: i.company, phone: i.phone, notes: i.notes, search: searchText(i.name, i.company, ...i.addresses.map((a) => a.email)) });

function toAddress(r: AddressRow): Address {
  return {
    id: r.id, email: r.email, purposes: JSON.parse(r.purposes) as string[], consent: r.consent,
    deactivatedAt: r.deactivated_at, deactivatedReason: r.deactivated_reason, blocked: r.blocked === 1,
  };
}
