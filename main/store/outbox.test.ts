import { describe, expect, it } from 'vitest';
import { invoke } from '../api/invoke';
import { composeInput, outboxQuery } from '../api/schemas';
import { setup } from '../compose/test-setup';
import { emailSearchText, searchText } from '../domain/search-fold';
import { seedDatabase } from '../seed/seed-database';
import { tempCore } from '../test/temp-core';
import { OUTBOX_SORTS } from '../api/schemas';
import { outboxPage, outboxPageSql, outboxWhere } from './outbox';
import { shootsStore } from './shoots';

const NOW = Date.UTC(2026, 10, 23, 12);
const q = (over: object) => outboxQuery.parse({ scope: { kind: 'all' }, ...over });

describe('outbox pages', () => {
  const { db, handlers } = tempCore();
  seedDatabase(db, { emails: 600, days: 180, now: NOW, seed: 7 });

  it('pages newest first without gaps or repeats, and counts the whole result', () => {
    const seen: number[] = [];
    for (let offset = 0; offset < 600; offset += 100) {
      const page = outboxPage(db, q({ offset, limit: 100 }), NOW);
      expect(page.total).toBe(600);
      seen.push(...page.rows.map((r) => r.id));
    }
    expect(new Set(seen).size).toBe(600);
    const times = outboxPage(db, q({ limit: 500 }), NOW).rows.map((r) => r.createdAt);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('limits to the last 90 days, to one shoot, and filters by search, status and viewed', () => {
    const recent = outboxPage(db, q({ scope: { kind: 'recent', days: 90 }, limit: 500 }), NOW);
    expect(recent.total).toBeGreaterThan(200);
    expect(recent.total).toBeLessThan(400);
    expect(recent.rows.every((r) => r.createdAt >= NOW - 90 * 86_400_000)).toBe(true);

    const shootId = recent.rows.find((r) => r.shootId !== null)!.shootId!;
    const shoot = outboxPage(db, q({ scope: { kind: 'shoot', shootId } }), NOW);
    expect(shoot.total).toBeGreaterThan(0);
    expect(shoot.rows.every((r) => r.shootId === shootId)).toBe(true);

    const bounced = outboxPage(db, q({ statuses: ['Bounced'], limit: 500 }), NOW);
    expect(bounced.rows.every((r) => r.status === 'Bounced')).toBe(true);
    const untracked = outboxPage(db, q({ viewed: 'Untracked', limit: 500 }), NOW);
    expect(untracked.total).toBeGreaterThan(0);
    expect(untracked.rows.every((r) => r.viewed === 'Untracked' && r.totalViews === 0)).toBe(true);
    const invoices = outboxPage(db, q({ search: 'Invoice #', limit: 500 }), NOW);
    expect(invoices.rows.every((r) => r.subject.startsWith('Invoice #'))).toBe(true);
  });

  it('searches shoot, subject and every recipient whatever the case, in every script', () => {
    // The seed's contacts include Müller: every email naming one anywhere, and only those.
    const texts = db.prepare(`SELECT e.id, coalesce(s.title, '') || e.subject || (SELECT group_concat(display_name || address) FROM recipients WHERE email_id = e.id) AS text
                              FROM emails e LEFT JOIN shoots s ON s.id = e.shoot_id ORDER BY e.created_at DESC, e.id DESC`).all() as { id: number; text: string }[];
    const expected = texts.filter((e) => e.text.toLocaleLowerCase('und').includes('müller')).map((e) => e.id);
    expect(expected.length).toBeGreaterThan(0);
    const found = outboxPage(db, q({ search: 'MÜLLER', limit: 500 }), NOW);
    expect(found.rows.map((r) => r.id)).toEqual(expected.slice(0, 500));
    expect(found.total).toBe(expected.length);
  });

  it('is seeded with the search text the app writes', () => {
    const emails = db.prepare(`SELECT e.id, e.subject, coalesce(s.title, '') AS shoot, e.search FROM emails e LEFT JOIN shoots s ON s.id = e.shoot_id`).all() as { id: number; subject: string; shoot: string; search: string }[];
    const recipients = db.prepare('SELECT display_name AS name, address FROM recipients WHERE email_id = ? ORDER BY id');
    for (const e of emails) expect(e.search).toBe(emailSearchText(e.shoot, e.subject, recipients.all(e.id) as { name: string; address: string }[]));
    const contacts = db.prepare(`SELECT c.name, c.company, c.search, (SELECT group_concat(email, char(10)) FROM (SELECT email FROM addresses WHERE contact_id = c.id ORDER BY position)) AS emails
                                 FROM contacts c`).all() as { name: string; company: string; search: string; emails: string }[];
    expect(contacts.length).toBeGreaterThan(0);
    for (const c of contacts) expect(c.search).toBe(searchText(c.name, c.company, ...c.emails.split('\n')));
  });

  it('finds composed emails by non-ASCII capitals of their subject and recipients', () => {
    const { db: composed, add, send } = setup();
    send(composeInput.parse({ to: [{ contactId: add('ÅSA ÖBERG', 'asa@example.com') }], subject: 'Édition spéciale', bodyText: 'x', tracking: 'off' }));
    send(composeInput.parse({ to: [{ contactId: add('Deniz', 'deniz@example.com') }], subject: 'İstanbul düğünü', bodyText: 'x', tracking: 'off' }));
    send(composeInput.parse({ to: [{ address: 'other@example.com' }], subject: 'Other', bodyText: 'x', tracking: 'off' }));
    const subjects = (search: string) => outboxPage(composed, q({ search }), NOW).rows.map((r) => r.subject);
    expect(subjects('édition')).toEqual(['Édition spéciale']);
    expect(subjects('ÉDITION SPÉCIALE')).toEqual(['Édition spéciale']);
    expect(subjects('åsa öberg')).toEqual(['Édition spéciale']);
    expect(subjects('istanbul')).toEqual(['İstanbul düğünü']);
    expect(subjects('İSTANBUL DÜĞÜNÜ')).toEqual(['İstanbul düğünü']);
    expect(subjects('50%')).toEqual([]);
  });

  it('sorts by any column, ascending or descending, stably', () => {
    const views = outboxPage(db, q({ sort: 'totalViews', direction: 'desc', limit: 500 }), NOW).rows.map((r) => r.totalViews);
    expect([...views].sort((a, b) => b - a)).toEqual(views);
    const subjects = outboxPage(db, q({ sort: 'subject', direction: 'asc', limit: 500 }), NOW).rows.map((r) => r.subject.toLowerCase());
    expect([...subjects].sort()).toEqual(subjects);
  });

  it('refuses an unknown sort column through the API', async () => {
    expect(await invoke(handlers, 'outbox.page', { scope: { kind: 'all' }, sort: 'id; DROP TABLE emails' })).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: [{ path: 'sort' }] } });
  });

  it('finds an address that is only in Cc or Bcc, whatever its case, and a shoot by its title', () => {
    const cc = db.prepare(`SELECT address FROM recipients WHERE kind = 'cc' AND address LIKE '%@newsletter.example.com' LIMIT 1`).pluck().get() as string;
    const withIt = db.prepare('SELECT DISTINCT email_id FROM recipients WHERE address = ? ORDER BY email_id DESC').pluck().all(cc);
    expect(db.prepare(`SELECT count(*) FROM recipients WHERE address = ? AND kind = 'to'`).pluck().get(cc)).toBe(0);
    const found = outboxPage(db, q({ search: cc.toUpperCase(), limit: 500 }), NOW);
    expect(found.rows.map((r) => r.id)).toEqual(withIt);
    expect(found.rows.every((r) => !r.recipients.includes(cc))).toBe(true);

    const shoot = db.prepare('SELECT id, title FROM shoots WHERE id IN (SELECT shoot_id FROM emails) LIMIT 1').get() as { id: number; title: string };
    const byTitle = outboxPage(db, q({ search: shoot.title, limit: 500 }), NOW);
    expect(byTitle.rows.map((r) => r.shootId)).toContain(shoot.id);
    expect(byTitle.rows.every((r) => r.shootId === shoot.id || r.subject.includes(shoot.title) || r.recipients.includes(shoot.title.split(' · ')[1]!))).toBe(true);
  });

  it('finds composed emails by any Cc and Bcc address, and a renamed shoot by its new title only', () => {
    const { db: composed, add, send } = setup();
    const shoots = shootsStore(composed);
    const shoot = shoots.create({ title: 'Lindqvist wedding', clientId: null, shootDate: null, location: '', status: 'booked', notes: '' });
    send(composeInput.parse({ to: [{ contactId: add('Ann', 'ann@example.com') }], cc: [{ address: 'Planner@Example.org' }], bcc: [{ contactId: add('Bo Secret', 'bo@hidden.example') }],
      subject: 'Timeline', bodyText: 'x', tracking: 'off', shootId: shoot.id }));
    send(composeInput.parse({ to: [{ address: 'other@example.com' }], subject: 'Other', bodyText: 'x', tracking: 'off' }));
    const subjects = (search: string) => outboxPage(composed, q({ search }), NOW).rows.map((r) => r.subject);
    expect(subjects('planner@example.org')).toEqual(['Timeline']);
    expect(subjects('HIDDEN.EXAMPLE')).toEqual(['Timeline']);
    expect(subjects('bo secret')).toEqual(['Timeline']);
    expect(subjects('lindqvist')).toEqual(['Timeline']);
    shoots.update(shoot.id, { title: 'Åkesson wedding', clientId: null, shootDate: null, location: '', status: 'booked', notes: '' });
    expect(subjects('lindqvist')).toEqual([]);
    expect(subjects('ÅKESSON')).toEqual(['Timeline']);
    expect(subjects('planner@example.org')).toEqual(['Timeline']);
    shoots.delete(shoot.id);
    expect(subjects('åkesson')).toEqual([]);
    expect(subjects('planner')).toEqual(['Timeline']);
  });

  it('filters by any of several statuses, by dispatch and by a date range', () => {
    const both = outboxPage(db, q({ statuses: ['Bounced', 'Opened'], limit: 500 }), NOW);
    const bounced = outboxPage(db, q({ statuses: ['Bounced'] }), NOW).total;
    const opened = outboxPage(db, q({ statuses: ['Opened'] }), NOW).total;
    expect(both.total).toBe(bounced + opened);
    expect(new Set(both.rows.map((r) => r.status))).toEqual(new Set(['Bounced', 'Opened']));

    const from = NOW - 30 * 86_400_000;
    const to = NOW - 10 * 86_400_000;
    const range = outboxPage(db, q({ from, to, limit: 500 }), NOW);
    expect(range.total).toBe(db.prepare('SELECT count(*) FROM emails WHERE created_at >= ? AND created_at < ?').pluck().get(from, to));
    expect(range.rows.every((r) => r.createdAt >= from && r.createdAt < to)).toBe(true);

    const ids = db.prepare('SELECT id FROM emails ORDER BY id DESC LIMIT 3').pluck().all() as number[];
    const dispatchId = Number(db.prepare(`INSERT INTO dispatches (name, subject, created_at) VALUES ('d', 's', 1)`).run().lastInsertRowid);
    db.prepare('UPDATE emails SET dispatch_id = ? WHERE id IN (SELECT value FROM json_each(?))').run(dispatchId, JSON.stringify(ids));
    expect(outboxPage(db, q({ dispatchId }), NOW).rows.map((r) => r.id)).toEqual(ids);
    expect(outboxPage(db, q({ dispatchId, statuses: ['No Email Selected'] }), NOW).total).toBe(0);
  });

  // A full scan passes every functional test on a small table: only the plan shows it.
  it.each(OUTBOX_SORTS)('sorts by %s through its index, with no sort step, in both directions', (sort) => {
    for (const direction of ['asc', 'desc'] as const) {
      const query = q({ sort, direction });
      const where = outboxWhere(db, query, NOW);
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${outboxPageSql(query, where.sql)}`).all({ ...where.params, limit: 100, offset: 0 }) as { detail: string }[]).map((p) => p.detail).join('\n');
      expect(plan).toMatch(/SCAN e USING INDEX emails_by_\w+/);
      expect(plan).not.toMatch(/TEMP B-TREE/);
    }
  });

  it('sorts every column the same way the index walk and a sort in JavaScript do', () => {
    const all = outboxPage(db, q({ limit: 500 }), NOW).rows.concat(outboxPage(db, q({ limit: 500, offset: 500 }), NOW).rows);
    const keyOf = { totalViews: (r: (typeof all)[number]) => r.totalViews, firstViewedAt: (r: (typeof all)[number]) => r.firstViewedAt ?? -1, status: (r: (typeof all)[number]) => r.status };
    for (const [sort, key] of Object.entries(keyOf)) {
      const rows = outboxPage(db, q({ sort, direction: 'asc', limit: 500 }), NOW).rows;
      const expected = [...all].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id - b.id)).slice(0, 500).map((r) => r.id);
      expect(rows.map((r) => r.id)).toEqual(expected);
    }
    const shoots = outboxPage(db, q({ sort: 'shoot', direction: 'desc', limit: 500 }), NOW).rows.map((r) => (r.shootTitle ?? '').toLowerCase());
    expect([...shoots].sort().reverse()).toEqual(shoots);
  });
});
