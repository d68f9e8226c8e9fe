import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { migrations } from './index';

describe('migration 9: search columns', () => {
  it('fills the folded search text of the contacts and emails already stored', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.filter((m) => m.version < 9));
    db.prepare(`INSERT INTO contacts (name, company, created_at, updated_at) VALUES ('ÅSA ÖBERG', 'İstanbul Düğün', 1, 1)`).run();
    db.prepare(`INSERT INTO addresses (contact_id, position, email, email_norm) VALUES (1, 1, 'Two@X.example', 'two@x.example'), (1, 0, 'One@X.example', 'one@x.example')`).run();
    db.prepare(`INSERT INTO contacts (name, created_at, updated_at) VALUES ('No Address', 1, 1)`).run();
    db.prepare(`INSERT INTO emails (message_id, from_address, subject, tracking, created_at, recipients_label)
                VALUES ('<a@x>', 'me@x.example', 'Édition SPÉCIALE', 'off', 1, 'ÅSA ÖBERG, Bo +1')`).run();
    migrate(db, migrations.filter((m) => m.version <= 9));
    expect(db.prepare('SELECT search FROM contacts ORDER BY id').pluck().all()).toEqual(['åsa öberg\nistanbul düğün\none@x.example\ntwo@x.example', 'no address\n']);
    expect(db.prepare('SELECT search FROM emails').pluck().get()).toBe('édition spéciale\nåsa öberg, bo +1');
  });
});
