import type Database from 'better-sqlite3';
import { searchFold } from '../../domain/search-fold';

// Case-insensitive search in every script: SQLite's LIKE and lower() fold ASCII only, so the
// app writes each searchable row's text in one folded form (domain/search-fold) and searches
// that. Contacts: name, company and addresses; emails: subject and the recipients label the Outbox shows.
export const sql = /* sql */ `
ALTER TABLE contacts ADD COLUMN search TEXT NOT NULL DEFAULT '';
ALTER TABLE emails ADD COLUMN search TEXT NOT NULL DEFAULT '';
`;

/** Fills the new columns of the rows already there; the stores write them from now on. */
export function backfill(db: Database.Database): void {
  db.function('outpost_search_fold', { deterministic: true }, (text: unknown) => searchFold(String(text ?? '')));
  db.exec(/* sql */ `
    UPDATE contacts SET search = outpost_search_fold(name) || char(10) || outpost_search_fold(company)
      || coalesce((SELECT group_concat(char(10) || outpost_search_fold(email), '') FROM (SELECT email FROM addresses WHERE contact_id = contacts.id ORDER BY position)), '');
    UPDATE emails SET search = outpost_search_fold(subject) || char(10) || outpost_search_fold(recipients_label);
  `);
}
