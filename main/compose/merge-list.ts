import type { z } from 'zod';
import type { dispatchFilter } from '../api/schemas';
import type { Db } from '../db/open-database';
import { escapeLike } from '../store/like';
import { prepareAll } from '../store/prepare';
import { firstAddressFor } from './recipient-source';

export type Filter = z.output<typeof dispatchFilter>;

export interface ListContact {
  id: number; name: string; company: string; shoot_title: string | null; shoot_date: string | null; shoot_location: string | null;
  /** Their address for the filter's purpose: null for "No Email Selected". */
  address: string | null;
}

// Who is on the list: one condition for the preview, the count and every chunk of a merge.
const ON_LIST = `
  (:search = '' OR c.name LIKE :like ESCAPE '\\' OR c.company LIKE :like ESCAPE '\\')
  AND (:shootId IS NULL OR c.id IN (SELECT client_id FROM shoots WHERE id = :shootId
                                    UNION SELECT contact_id FROM shoot_contacts WHERE shoot_id = :shootId))
  AND (:shootStatus = '' OR c.id IN (SELECT client_id FROM shoots WHERE status = :shootStatus))`;

// Each contact with the shoot its merge fields describe (the chosen shoot, else their latest shoot
// as client) and their address for the purpose, read with the list rather than once per contact.
const WITH_SHOOT = `
  SELECT c.id, c.name, c.company, s.title AS shoot_title, s.shoot_date, s.location AS shoot_location,
    (${firstAddressFor('c.id', ':purpose')}) AS address
  FROM contacts c
  LEFT JOIN shoots s ON s.id = COALESCE(:shootId,
    (SELECT id FROM shoots WHERE client_id = c.id ORDER BY shoot_date IS NULL, shoot_date DESC LIMIT 1))`;

const ORDER = `ORDER BY c.name COLLATE NOCASE, c.id`;

const SQL = {
  all: `${WITH_SHOOT} WHERE ${ON_LIST} ${ORDER}`,
  count: `SELECT count(*) AS n FROM contacts c WHERE ${ON_LIST}`,
  // What is left to queue, whatever happened before (a crash between chunks included): the list's
  // next contacts without an email in the dispatch. CROSS JOIN keeps the probe on the contact's own
  // recipients, not on the whole dispatch.
  // :afterName/:afterId, the last contact a run queued ('' and 0 for the top), start the walk
  // there: written so the name index seeks to it.
  notIn: `${WITH_SHOOT} WHERE ${ON_LIST}
    AND c.name COLLATE NOCASE >= :afterName AND (c.name COLLATE NOCASE > :afterName OR c.id > :afterId)
    AND NOT EXISTS (SELECT 1 FROM recipients r CROSS JOIN emails e ON e.id = r.email_id WHERE r.contact_id = c.id AND e.dispatch_id = :dispatchId)
    ${ORDER} LIMIT :limit`,
} as const;

/** The contacts of a dispatch's filtered list, in the order a merge queues them. */
export function mergeList(db: Db) {
  const q = prepareAll(db, SQL);
  const params = (f: Filter) => ({ shootId: f.shootId, search: f.search, like: `%${escapeLike(f.search)}%`, shootStatus: f.shootStatus, purpose: f.purpose });
  return {
    all: (f: Filter) => q.all.all(params(f)) as ListContact[],
    count: (f: Filter) => (q.count.get(params(f)) as { n: number }).n,
    /** The next `limit` contacts of the list that have no email in this dispatch yet, after `after` when given. */
    notIn: (f: Filter, dispatchId: number, limit: number, after: ListContact | null = null) =>
      q.notIn.all({ ...params(f), dispatchId, limit, afterId: after?.id ?? 0, afterName: after?.name ?? '' }) as ListContact[],
  };
}
