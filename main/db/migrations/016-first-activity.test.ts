import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { migrations } from './index';

describe('migration 16: first activity', () => {
  it('counts copies a person already opened or clicked as told, and no other', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.filter((m) => m.version < 16));
    db.exec(`
      INSERT INTO emails (id, message_id, from_address, subject, tracking, created_at) VALUES (1, '<a@x>', 'me@x.example', 'Hi', 'opens_clicks', 1);
      INSERT INTO recipients (id, email_id, kind, address, address_norm, views, clicks, first_viewed_at, updated_at) VALUES
        (1, 1, 'to', 'a@x.example', 'a@x.example', 2, 1, 50, 90),
        (2, 1, 'to', 'b@x.example', 'b@x.example', 1, 0, 70, 90),
        (3, 1, 'to', 'c@x.example', 'c@x.example', 0, 0, NULL, 90);
    `);
    migrate(db);
    expect(db.prepare('SELECT recipient_id AS id, kind, at FROM first_activity ORDER BY recipient_id, kind').all()).toEqual([
      { id: 1, kind: 'click', at: 50 }, { id: 1, kind: 'open', at: 50 }, { id: 2, kind: 'open', at: 70 },
    ]);
  });
});
