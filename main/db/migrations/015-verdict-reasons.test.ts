import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { migrations } from './index';

describe('migration 15: verdict reasons, programs from people only, fetches in all', () => {
  it('keeps old events without a reason, takes the program off machines, and counts each email\'s fetches', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.filter((m) => m.version < 15));
    db.exec(`
      INSERT INTO contacts (id, name, created_at, updated_at) VALUES (1, 'Ana', 1, 1);
      INSERT INTO emails (id, message_id, from_address, subject, tracking, created_at) VALUES
        (1, '<a@x>', 'me@x.example', 'Hi', 'opens', 1), (2, '<b@x>', 'me@x.example', 'Quiet', 'opens', 1);
      INSERT INTO recipients (id, email_id, contact_id, kind, address, address_norm, updated_at) VALUES (1, 1, 1, 'to', 'a@x.example', 'a@x.example', 1);
      INSERT INTO tracking_events (source, source_id, email_id, recipient_id, kind, at, method, verdict, program) VALUES
        ('r', '1', 1, 1, 'open', 50, 'GET', 'privacy_prefetch', 'Apple Mail (Privacy Protection)'),
        ('r', '2', 1, 1, 'click', 51, 'HEAD', 'security_scanner', 'Apple Mail (Privacy Protection)'),
        ('r', '3', 1, 1, 'open', 60, 'GET', 'person', 'Thunderbird'),
        ('r', '4', 1, 1, 'open', 70, 'GET', 'self', 'Apple Mail');
      INSERT INTO activities (contact_id, kind, at, email_id, recipient_id, detail, verdict) VALUES
        (1, 'email_opened', 50, 1, 1, 'Apple Mail (Privacy Protection)', 'privacy_prefetch'),
        (1, 'email_opened', 60, 1, 1, 'Thunderbird', 'person');
    `);
    migrate(db);
    expect(db.prepare('SELECT verdict, why, program FROM tracking_events ORDER BY id').all()).toEqual([
      { verdict: 'privacy_prefetch', why: null, program: null },
      { verdict: 'security_scanner', why: null, program: null },
      { verdict: 'person', why: null, program: 'Thunderbird' },
      { verdict: 'self', why: null, program: null },
    ]);
    expect(db.prepare('SELECT detail FROM activities ORDER BY id').all()).toEqual([{ detail: '' }, { detail: 'Thunderbird' }]);
    expect(db.prepare('SELECT id, fetches, machine_fetches AS machines FROM emails ORDER BY id').all()).toEqual([
      { id: 1, fetches: 4, machines: 2 }, { id: 2, fetches: 0, machines: 0 },
    ]);
  });
});
