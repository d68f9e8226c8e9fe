import { describe, expect, it } from 'vitest';
import { invoke } from '../api/invoke';
import { tempCore } from '../test/temp-core';

describe('the Outbox view', () => {
  it('is kept across a restart, and refused whole when a filter is not one', async () => {
    const first = tempCore();
    expect(await invoke(first.handlers, 'outbox.view', {})).toMatchObject({ ok: true, value: { period: 'recent', sort: 'createdAt', direction: 'desc', statuses: [] } });
    const view = { period: 'all', sort: 'totalViews', direction: 'asc', statuses: ['Sent', 'Delivered'], viewed: 'Read', dispatchId: 3, from: 1_000, to: 2_000 };
    expect(await invoke(first.handlers, 'outbox.saveView', view)).toMatchObject({ ok: true });
    expect(await invoke(first.handlers, 'outbox.saveView', { ...view, statuses: ['Lost'] })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await first.close();
    const again = tempCore(first.dataDir);
    expect(await invoke(again.handlers, 'outbox.view', {})).toEqual({ ok: true, value: view });
  });
});
