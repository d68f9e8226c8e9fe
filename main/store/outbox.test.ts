import { describe, expect, it } from 'vitest';
import { invoke } from '../api/invoke';
import { composeInput, outboxQuery } from '../api/schemas';
import { setup } from '../compose/test-setup';
import { searchText } from '../domain/search-fold';
import { seedDatabase } from '../seed/seed-database';
import { tempCore } from '../test/temp-core';
import { outboxPage } from './outbox';

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

    const bounced = outboxPage(db, q({ status: 'Bounced', limit: 500 }), NOW);
    expect(bounced.rows.every((r) => r.status === 'Bounced')).toBe(true);
    const untracked = outboxPage(db, q({ viewed: 'Untracked', limit: 500 }), NOW);
    expect(untracked.total).toBeGreaterThan(0);
    expect(untracked.rows.every((r) => r.viewed === 'Untracked' && r.totalViews === 0)).toBe(true);
    const invoices = outboxPage(db, q({ search: 'Invoice #', limit: 500 }), NOW);
    expect(invoices.rows.every((r) => r.subject.startsWith('Invoice #'))).toBe(true);
  });

  it('searches subject and recipients whatever the case, in every script', () => {
    // The seed's contacts include Müller: every email whose label names one, and only those.
    const label = (r: { subject: string; recipients: string }) => `${r.subject}\n${r.recipients}`.toLocaleLowerCase('und');
    const all = outboxPage(db, q({ limit: 500 }), NOW).rows.concat(outboxPage(db, q({ limit: 500, offset: 500 }), NOW).rows);
    const expected = all.filter((r) => label(r).includes('müller')).map((r) => r.id);
    expect(expected.length).toBeGreaterThan(0);
    const found = outboxPage(db, q({ search: 'MÜLLER', limit: 500 }), NOW);
    expect(found.rows.map((r) => r.id)).toEqual(expected);
    expect(found.total).toBe(expected.length);
  });

  it('is seeded with the search text the app writes', () => {
    const emails = db.prepare('SELECT subject, recipients_label AS label, search FROM emails').all() as { subject: string; label: string; search: string }[];
    for (const e of emails) expect(e.search).toBe(searchText(e.subject, e.label));
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
});
