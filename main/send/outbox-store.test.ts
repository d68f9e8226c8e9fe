import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open-database';
import { tempDir } from '../test/temp-core';
import { OUTBOX_SQL } from './outbox-store';

const planOf = (sql: string): string[] => {
  const db = openDatabase(tempDir());
  const params = Object.fromEntries([...sql.matchAll(/:(\w+)/g)].map((m) => [m[1], 0]));
  const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[];
  db.close();
  return plan.map((p) => p.detail);
};

describe('the outbox queries', () => {
  // A full scan passes every functional test on a small table: only the plan shows it.
  it.each([
    ['claim', 'recipients', 'recipients_outbox'],
    ['nextDue', 'recipients', 'recipients_outbox'],
    ['queued', 'recipients', 'recipients_outbox'],
    ['inFlight', 'recipients', 'recipients_outbox'],
    ['recoverOwnBcc', 'emails', 'emails_own_copies'],
    ['recoverOwnSent', 'emails', 'emails_own_copies'],
    ['ownQueued', 'emails', 'emails_own_copies'],
  ] as const)('%s reads %s through %s, not every row ever sent', (name, table, index) => {
    const details = planOf(OUTBOX_SQL[name]);
    expect(details.some((d) => d.includes(`INDEX ${index}`))).toBe(true);
    expect(details.filter((d) => d === `SCAN ${table}`)).toEqual([]);
  });
});
