import type Database from 'better-sqlite3';
import { emailSearchText } from '../../domain/search-fold';

// Every Outbox column sorts in the database, each through its own index ending in id (the
// tie-break), so the first page of any order is a walk down one index at a million recipients.
// The shoot order reads the first line of the search column: the shoot's folded title.
// The search column grows to every recipient (it held the two the label names) and the shoot.
export const sql = /* sql */ `
CREATE INDEX emails_by_subject ON emails(subject COLLATE NOCASE, id);
CREATE INDEX emails_by_recipients ON emails(recipients_label COLLATE NOCASE, id);
CREATE INDEX emails_by_status ON emails(status, id);
CREATE INDEX emails_by_viewed ON emails(viewed, id);
CREATE INDEX emails_by_first_viewed ON emails(first_viewed_at, id);
CREATE INDEX emails_by_last_viewed ON emails(last_viewed_at, id);
CREATE INDEX emails_by_views ON emails(total_views, id);
CREATE INDEX emails_by_program ON emails(last_program COLLATE NOCASE, id);
CREATE INDEX emails_by_shoot_title ON emails(substr(search, 1, instr(search, char(10)) - 1), id);
-- A dispatch's emails newest first (its Outbox filter), not only found.
DROP INDEX emails_by_dispatch;
CREATE INDEX emails_by_dispatch ON emails(dispatch_id, created_at, id);
`;

export function backfill(db: Database.Database): void {
  db.function('outpost_email_search', { deterministic: true }, (shoot: unknown, subject: unknown, recipients: unknown) =>
    emailSearchText(String(shoot ?? ''), String(subject), (JSON.parse(String(recipients)) as [string, string][]).map(([name, address]) => ({ name, address }))));
  db.exec(/* sql */ `
    UPDATE emails SET search = outpost_email_search(
      (SELECT title FROM shoots WHERE id = emails.shoot_id), subject,
      (SELECT json_group_array(json_array(display_name, address)) FROM (SELECT display_name, address FROM recipients WHERE email_id = emails.id ORDER BY id)));
  `);
}
