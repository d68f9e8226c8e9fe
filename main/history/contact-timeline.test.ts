import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../db/migrate';
import { contactTimeline } from './contact-timeline';

let db: Database.Database;
let timeline: ReturnType<typeof contactTimeline>;
const activity = (d: Database.Database) => d.prepare(`INSERT INTO activities (contact_id, kind, at, email_id, recipient_id, detail, verdict) VALUES (?, ?, ?, ?, ?, ?, ?)`);

beforeEach(() => {
  db = new Database(':memory:');
  migrate(db);
  db.exec(`
    INSERT INTO contacts (id, name, created_at, updated_at) VALUES (1, 'Ana', 1, 1), (2, 'Bo', 1, 1);
    INSERT INTO emails (id, message_id, from_address, subject, tracking, created_at) VALUES (7, '<a@x>', 'me@x.example', 'Your gallery', 'opens_clicks', 1);
    INSERT INTO recipients (id, email_id, contact_id, kind, address, address_norm, updated_at) VALUES (70, 7, 1, 'to', 'ana@x.example', 'ana@x.example', 1);
  `);
  timeline = contactTimeline(db);
});

describe('contactTimeline', () => {
  it("lists a contact's activities newest first, each with its email, and says who opened or clicked", () => {
    const add = activity(db);
    add.run(1, 'email_sent', 100, 7, 70, 'Your gallery', null);
    add.run(1, 'email_opened', 200, 7, 70, 'Apple Mail (Privacy Protection)', 'privacy_prefetch');
    add.run(1, 'email_opened', 300, 7, 70, 'Gmail', 'mail_proxy');
    add.run(1, 'link_clicked', 300, 7, 70, 'https://studio.example/gallery', 'person');
    add.run(1, 'reactivated', 400, null, null, 'reactivated by you', null);
    add.run(2, 'email_sent', 500, 7, 70, 'not Ana', null);
    const page = timeline({ contactId: 1, offset: 0, limit: 100 });
    expect(page.total).toBe(5);
    expect(page.rows.map((r) => [r.kind, r.at, r.emailId, r.subject, r.by])).toEqual([
      ['reactivated', 400, null, null, null],
      // Same millisecond: the one recorded last comes first.
      ['link_clicked', 300, 7, 'Your gallery', 'person'],
      ['email_opened', 300, 7, 'Your gallery', 'person'],
      ['email_opened', 200, 7, 'Your gallery', 'machine'],
      ['email_sent', 100, 7, 'Your gallery', null],
    ]);
    expect(page.rows[3]).toMatchObject({ verdict: 'privacy_prefetch', detail: 'Apple Mail (Privacy Protection)' });
  });

  it('pages without gaps or repeats, and refuses a contact that does not exist', () => {
    const add = activity(db);
    for (let i = 0; i < 25; i++) add.run(1, 'email_opened', 1000 + (i % 5), 7, 70, 'Gmail', 'person');
    const seen = [0, 10, 20].flatMap((offset) => timeline({ contactId: 1, offset, limit: 10 }).rows.map((r) => r.id));
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect(() => timeline({ contactId: 99, offset: 0, limit: 10 })).toThrow('Contact 99 does not exist');
  });
});
