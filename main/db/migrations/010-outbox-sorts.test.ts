import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { migrations } from './index';

describe('migrations 10 and 11: every recipient and the shoot in the search text, and its trigram index', () => {
  it('rewrites the search text of the emails already stored, and the index finds them by a Cc address', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.filter((m) => m.version < 10));
    db.prepare(`INSERT INTO shoots (title, created_at, updated_at) VALUES ('Hochzeit MÜLLER', 1, 1)`).run();
    db.prepare(`INSERT INTO emails (message_id, shoot_id, from_address, subject, tracking, created_at, recipients_label, search)
                VALUES ('<a@x>', 1, 'me@x.example', 'Timeline', 'off', 1, 'Ann, Bo +1', 'timeline\nann, bo +1'),
                       ('<b@x>', NULL, 'me@x.example', 'Other', 'off', 2, 'Cy', 'other\ncy')`).run();
    db.prepare(`INSERT INTO recipients (email_id, kind, display_name, address, address_norm, updated_at) VALUES
                (1, 'to', 'Ann', 'ann@x.example', 'ann@x.example', 1), (1, 'cc', 'Bo', 'Bo@Y.example', 'bo@y.example', 1),
                (1, 'bcc', '', 'planner@z.example', 'planner@z.example', 1), (2, 'to', 'Cy', 'cy@x.example', 'cy@x.example', 1)`).run();
    migrate(db);
    expect(db.prepare('SELECT search FROM emails ORDER BY id').pluck().all()).toEqual([
      'hochzeit müller\ntimeline\nann\nann@x.example\nbo\nbo@y.example\nplanner@z.example', '\nother\ncy\ncy@x.example']);
    const match = (like: string) => db.prepare('SELECT rowid FROM emails_fts WHERE search LIKE ?').pluck().all(like);
    expect(match('%bo@y.example%')).toEqual([1]);
    expect(match('%planner@z%')).toEqual([1]);
    db.prepare(`UPDATE emails SET search = 'changed' WHERE id = 1`).run();
    expect(match('%planner@z%')).toEqual([]);
    db.prepare('DELETE FROM emails WHERE id = 2').run();
    expect(match('%cy@x.example%')).toEqual([]);
    expect(db.prepare(`INSERT INTO emails_fts(emails_fts) VALUES ('integrity-check')`).run().changes).toBeGreaterThanOrEqual(0);
  });
});
