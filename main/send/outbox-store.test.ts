import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open-database';
import { tempDir } from '../test/temp-core';
import { OUTBOX_SQL } from './outbox-store';

describe('the queue queries', () => {
  // A full scan passes every functional test on a small table: only the plan shows it.
  it.each(['claim', 'nextDue', 'queued', 'recoverInFlight'] as const)('%s walks the outbox index, not every recipient ever sent', (name) => {
    const db = openDatabase(tempDir());
    const sql = OUTBOX_SQL[name];
    const params = Object.fromEntries([...sql.matchAll(/:(\w+)/g)].map((m) => [m[1], 0]));
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[];
    db.close();
    const details = plan.map((p) => p.detail);
    expect(details.some((d) => d.includes('USING COVERING INDEX recipients_outbox'))).toBe(true);
    expect(details.filter((d) => /^SCAN recipients\b/.test(d))).toEqual([]);
  });
});
