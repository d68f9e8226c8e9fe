import { describe, expect, it } from 'vitest';
import { invoke } from '../api/invoke';
import { tempCore } from '../test/temp-core';

const ok = async (p: Promise<{ ok: boolean; value?: unknown; error?: unknown }>) => {
  const r = await p;
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as any; // eslint-disable-line @typescript-eslint/no-explicit-any
};

describe('contacts through the API', () => {
  it('create, list, search, update and delete a contact with two addresses', async () => {
    const { handlers } = tempCore();
    const ann = await ok(invoke(handlers, 'contacts.create', {
      name: 'Ann Lee', company: 'Bloom & Vine',
      addresses: [{ email: 'ann@example.com' }, { email: 'ANN@news.example.org', purposes: ['newsletter'], consent: 'granted' }],
    }));
    expect(ann.addresses.map((a: { email: string }) => a.email)).toEqual(['ann@example.com', 'ANN@news.example.org']);
    expect(ann.addresses[0].purposes).toEqual(['client mail']);
    expect(ann.addresses[1].consent).toBe('granted');

    await ok(invoke(handlers, 'contacts.create', { name: 'Bob 50%' }));
    expect((await ok(invoke(handlers, 'contacts.list', { search: 'news.example' }))).map((c: { name: string }) => c.name)).toEqual(['Ann Lee']);
    expect((await ok(invoke(handlers, 'contacts.list', { search: '50%' }))).map((c: { name: string }) => c.name)).toEqual(['Bob 50%']);
    expect((await ok(invoke(handlers, 'contacts.list', { search: '%' }))).map((c: { name: string }) => c.name)).toEqual(['Bob 50%']);

    const updated = await ok(invoke(handlers, 'contacts.update', {
      id: ann.id, name: 'Ann Lee-Park', addresses: [{ id: ann.addresses[1].id, email: 'ann@news.example.org', purposes: ['newsletter'] }],
    }));
    expect(updated.name).toBe('Ann Lee-Park');
    expect(updated.addresses).toHaveLength(1);
    expect(updated.addresses[0].id).toBe(ann.addresses[1].id);

    expect(await ok(invoke(handlers, 'contacts.delete', { id: ann.id }))).toEqual({ deleted: true });
    const missing = await invoke(handlers, 'contacts.get', { id: ann.id });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('finds contacts by name or company whatever the case, in every script', async () => {
    const { handlers } = tempCore();
    for (const [name, company] of [['Émile Zola', ''], ['ÅSA ÖBERG', ''], ['Deniz Kaya', 'İstanbul Düğün'], ['Жанна Петрова', 'ΟΔΟΣ Studio'], ['Ann Lee', '']]) {
      await ok(invoke(handlers, 'contacts.create', { name, company }));
    }
    const names = async (search: string) => (await ok(invoke(handlers, 'contacts.list', { search }))).map((c: { name: string }) => c.name);
    expect(await names('émile')).toEqual(['Émile Zola']);
    expect(await names('ÉMILE')).toEqual(['Émile Zola']);
    expect(await names('åsa öberg')).toEqual(['ÅSA ÖBERG']);
    expect(await names('Öberg')).toEqual(['ÅSA ÖBERG']);
    expect(await names('istanbul')).toEqual(['Deniz Kaya']);
    expect(await names('İSTANBUL DÜĞÜN')).toEqual(['Deniz Kaya']);
    expect(await names('жанна')).toEqual(['Жанна Петрова']);
    expect(await names('οδος studio')).toEqual(['Жанна Петрова']);
    // A renamed contact is found by its new name only.
    const [ann] = await ok(invoke(handlers, 'contacts.list', { search: 'ann lee' }));
    await ok(invoke(handlers, 'contacts.update', { id: ann.id, name: 'Ænne LÉE' }));
    expect(await names('ann lee')).toEqual([]);
    expect(await names('ænne lée')).toEqual(['Ænne LÉE']);
  });

  it('keeps a hard-bounce deactivation across edits unless the address itself changes, and shows the blocked list', async () => {
    const { handlers, db } = tempCore();
    const c = await ok(invoke(handlers, 'contacts.create', { name: 'Cy', addresses: [{ email: 'cy@example.com' }, { email: 'cy2@example.com' }] }));
    db.prepare("INSERT INTO suppressions (email_norm, kind, reason, at) VALUES ('cy@example.com', 'deactivated', 'user unknown', 5)").run();
    db.prepare("INSERT INTO blocked (email_norm, created_at) VALUES ('cy2@example.com', 1)").run();
    const same = await ok(invoke(handlers, 'contacts.update', { id: c.id, name: 'Cy D', addresses: c.addresses.map((a: { id: number; email: string }) => ({ id: a.id, email: a.email })) }));
    expect(same.addresses[0]).toMatchObject({ deactivatedAt: 5, deactivatedReason: 'user unknown', blocked: false });
    expect(same.addresses[1]).toMatchObject({ blocked: true });
    const changed = await ok(invoke(handlers, 'contacts.update', { id: c.id, name: 'Cy D', addresses: [{ id: c.addresses[0].id, email: 'cy@new.example.com' }] }));
    expect(changed.addresses[0]).toMatchObject({ deactivatedAt: null, deactivatedReason: null });
  });

  it('rejects bad input naming each field, and writes nothing', async () => {
    const { handlers, db } = tempCore();
    const r = await invoke(handlers, 'contacts.create', { name: ' ', addresses: [{ email: 'a@example.com' }, { email: 'A@example.com ' }, { email: 'nope' }] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid_input');
    const paths = r.error.fields!.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'addresses.1.email', 'addresses.2.email']));
    expect((db.prepare('SELECT count(*) AS n FROM contacts').get() as { n: number }).n).toBe(0);
    expect(await invoke(handlers, 'contacts.nope', {})).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    expect(await invoke(handlers, 'contacts.get', { id: 'x' })).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: [{ path: 'id' }] } });
  });
});
