import { describe, expect, it } from 'vitest';
import { invoke } from '../api/invoke';
import { tempCore } from '../test/temp-core';

describe('shoots through the API', () => {
  it('create with a client, list newest first, update, refuse a missing client, delete', async () => {
    const { handlers } = tempCore();
    const client = await invoke(handlers, 'contacts.create', { name: 'Dana' });
    if (!client.ok) throw new Error('setup');
    const clientId = (client.value as { id: number }).id;
    const a = await invoke(handlers, 'shoots.create', { title: 'Wedding', clientId, shootDate: '2026-06-20', location: 'Old Mill', status: 'booked' });
    const b = await invoke(handlers, 'shoots.create', { title: 'Engagement', shootDate: '2026-03-01' });
    expect(a).toMatchObject({ ok: true, value: { title: 'Wedding', clientName: 'Dana', status: 'booked', emailCount: 0 } });
    const list = await invoke(handlers, 'shoots.list', {});
    expect(list.ok && (list.value as { title: string }[]).map((s) => s.title)).toEqual(['Wedding', 'Engagement']);
    const id = (a as { value: { id: number } }).value.id;
    expect(await invoke(handlers, 'shoots.update', { id, title: 'Wedding (moved)', clientId, shootDate: '2026-07-04' }))
      .toMatchObject({ ok: true, value: { title: 'Wedding (moved)', shootDate: '2026-07-04', status: 'inquiry' } });
    expect(await invoke(handlers, 'shoots.create', { title: 'X', clientId: 999 })).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: [{ path: 'clientId' }] } });
    expect(await invoke(handlers, 'shoots.create', { title: 'X', shootDate: '2026-02-31' })).toMatchObject({ ok: false, error: { fields: [{ path: 'shootDate' }] } });
    expect(await invoke(handlers, 'shoots.delete', { id: (b as { value: { id: number } }).value.id })).toEqual({ ok: true, value: { deleted: true } });
  });
});
