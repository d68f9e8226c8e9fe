// The merge-field values of a single email: its first recipient's contact and the shoot it is
// about (the chosen one, else the contact's latest as client, as a dispatch chooses).
import type { Db } from '../db/open-database';
import type { Candidate } from '../domain/recipient-checks';
import { mergeValues, type MergeValues } from '../domain/merge-fields';
import { prepareAll } from '../store/prepare';

const SQL = {
  values: `
    SELECT COALESCE(c.company, '') AS company, s.title AS shoot_title, s.shoot_date, s.location AS shoot_location
    FROM (SELECT :contactId AS id) k
    LEFT JOIN contacts c ON c.id = k.id
    LEFT JOIN shoots s ON s.id = COALESCE(:shootId,
      (SELECT id FROM shoots WHERE client_id = k.id ORDER BY shoot_date IS NULL, shoot_date DESC LIMIT 1))`,
} as const;

export function fieldValues(db: Db) {
  const q = prepareAll(db, SQL);
  /** `who`: the recipient as compose resolved it (a typed address of a known contact has its contactId). */
  return (who: Pick<Candidate, 'contactId' | 'name'> | null, shootId: number | null): MergeValues => {
    const row = q.values.get({ contactId: who?.contactId ?? null, shootId }) as
      { company: string; shoot_title: string | null; shoot_date: string | null; shoot_location: string | null };
    return mergeValues({ name: who?.name ?? '', ...row });
  };
}
