import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { migrations } from './index';

describe('migration 12: activity verdicts', () => {
  it("gives the opens and clicks already on a timeline their event's verdict, and no other kind one", () => {
    const db = new Database(':memory:');
    migrate(db, migrations.filter((m) => m.version < 12));
    db.exec(`
      INSERT INTO contacts (id, name, created_at, updated_at) VALUES (1, 'Ana', 1, 1);
      INSERT INTO emails (id, message_id, from_address, subject, tracking, created_at) VALUES (1, '<a@x>', 'me@x.example', 'Hi', 'opens', 1);
      INSERT INTO recipients (id, email_id, contact_id, kind, address, address_norm, updated_at) VALUES (1, 1, 1, 'to', 'a@x.example', 'a@x.example', 1);
      INSERT INTO tracking_events (source, source_id, email_id, recipient_id, kind, at, verdict) VALUES ('r', '1', 1, 1, 'open', 50, 'mail_proxy');
      INSERT INTO activities (contact_id, kind, at, email_id, recipient_id, detail) VALUES
        (1, 'email_sent', 10, 1, 1, 'Hi'), (1, 'email_opened', 50, 1, 1, 'Gmail'), (1, 'link_clicked', 60, 1, 1, 'https://x.example/');
    `);
    migrate(db);
    expect(db.prepare('SELECT kind, verdict FROM activities ORDER BY id').all()).toEqual([
      { kind: 'email_sent', verdict: null }, { kind: 'email_opened', verdict: 'mail_proxy' }, { kind: 'link_clicked', verdict: 'person' },
    ]);
  });
});
