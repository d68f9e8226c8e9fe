import type Database from 'better-sqlite3';
import { sql as initial } from './001-initial';
import { sql as sending } from './002-sending';
import { sql as dispatchQueuing } from './003-dispatch-queuing';
import { sql as dropDueIndex } from './004-drop-unused-due-index';
import { sql as dropRecipientIndexes } from './005-drop-unused-recipient-indexes';
import { sql as ownCopiesIndex } from './006-own-copies-index';
import { sql as mailboxWatcher } from './007-mailbox-watcher';
import { sql as cancelledAndAttempts } from './008-cancelled-and-attempts';
import { backfill as searchBackfill, sql as searchColumns } from './009-search-columns';
import { backfill as sortsBackfill, sql as outboxSorts } from './010-outbox-sorts';
import { sql as searchIndex } from './011-search-index';
import { sql as activityVerdict } from './012-activity-verdict';
import { sql as followupsAndTemplates } from './013-followups-and-templates';
import { sql as ownIps } from './014-own-ips';
import { sql as verdictReasons } from './015-verdict-reasons';
import { sql as firstActivity } from './016-first-activity';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Fills new columns where SQL cannot (Unicode-aware text), in the same transaction. */
  backfill?: (db: Database.Database) => void;
  /** Rebuilds a table others reference: run with foreign keys off (checked before commit). */
  rebuildsTables?: true;
}

// Append only: a released migration is never edited, a change is a new version.
export const migrations: readonly Migration[] = [
  { version: 1, name: 'initial schema', sql: initial },
  { version: 2, name: 'sending and tracking', sql: sending },
  { version: 3, name: 'dispatch queuing in chunks', sql: dispatchQueuing },
  { version: 4, name: 'drop the unused recipients_due index', sql: dropDueIndex },
  { version: 5, name: 'drop the unused recipient indexes by address and of failures', sql: dropRecipientIndexes },
  { version: 6, name: 'index of the own copies still to go', sql: ownCopiesIndex },
  { version: 7, name: 'mailbox watcher: checkpoints, reports, suppressions, failures', sql: mailboxWatcher },
  { version: 8, name: "'Cancelled' status (recipients rebuilt) and every attempt of a copy", sql: cancelledAndAttempts, rebuildsTables: true },
  { version: 9, name: 'search columns folded for every script', sql: searchColumns, backfill: searchBackfill },
  { version: 10, name: 'an index for each Outbox sort; every recipient and the shoot in the search text', sql: outboxSorts, backfill: sortsBackfill },
  { version: 11, name: 'trigram index of the emails search text', sql: searchIndex },
  { version: 12, name: "activities keep an open's or click's verdict (person or machine)", sql: activityVerdict },
  { version: 13, name: 'follow-up reminders and templates', sql: followupsAndTemplates },
  { version: 14, name: "the user's own IP addresses, learned from the relay", sql: ownIps },
  { version: 15, name: "verdicts keep their reasons; programs only from people's events; each email's fetches in all", sql: verdictReasons },
  { version: 16, name: "each copy's first counted open and click, told once", sql: firstActivity },
];
