import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { migrations } from './index';

const indexes = (db: Database.Database) =>
  db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'recipients' AND sql IS NOT NULL ORDER BY name").all();

describe("migration 8: 'Cancelled' and copy attempts", () => {
  it('rebuilds recipients with every row, index and reference kept, and nothing cascaded away', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const before = migrations.filter((m) => m.version < 8);
    migrate(db, before);
    const oldIndexes = indexes(db);
    db.exec(`
      INSERT INTO emails (id, message_id, from_address, subject, tracking, created_at) VALUES (1, '<m@x>', 'me@x.test', 'Hi', 'off', 1);
      INSERT INTO recipients (id, email_id, kind, address, address_norm, status, send_state, copy_id, provider_id, updated_at)
        VALUES (7, 1, 'to', 'a@x.test', 'a@x.test', 'Sent', 'done', 'c7', 'q7', 1);
      INSERT INTO tracking_events (source, source_id, email_id, recipient_id, kind, at, ip, user_agent, method, verdict)
        VALUES ('r', 'e1', 1, 7, 'open', 2, '127.0.0.1', 'ua', 'GET', 'person');`);
    migrate(db);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.prepare('SELECT id, status, send_state, copy_id, provider_id FROM recipients').all()).toEqual([
      { id: 7, status: 'Sent', send_state: 'done', copy_id: 'c7', provider_id: 'q7' },
    ]);
    expect(db.prepare('SELECT recipient_id FROM tracking_events').all()).toEqual([{ recipient_id: 7 }]);
    // The same indexes, partial ones with the same WHERE word for word (send/README.md).
    expect(indexes(db)).toEqual(oldIndexes);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // Other tables still point at recipients: deleting a copy cascades to its events as before.
    db.prepare("UPDATE recipients SET status = 'Cancelled' WHERE id = 7").run();
    db.prepare("INSERT INTO copy_attempts (recipient_id, attempt, at, outcome, reply) VALUES (7, 1, 3, 'accepted', '250 ok')").run();
    expect(() => db.prepare("UPDATE recipients SET status = 'Gone' WHERE id = 7").run()).toThrow(/CHECK/);
    db.prepare('DELETE FROM recipients WHERE id = 7').run();
    expect(db.prepare('SELECT count(*) AS n FROM tracking_events').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM copy_attempts').get()).toEqual({ n: 0 });
  });
});
