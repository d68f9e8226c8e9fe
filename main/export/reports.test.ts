import { describe, expect, it } from 'vitest';
import { queueEmail } from '../send/test-servers/queue-email';
import { tempCore } from '../test/temp-core';
import { reportRows, yearBefore } from './reports';

describe('the past year', () => {
  it('goes back one calendar year, to the minute', () => {
    const now = Date.UTC(2026, 5, 20, 12);
    const core = tempCore();
    for (const [subject, at] of [['just inside', yearBefore(now) + 60_000], ['just outside', yearBefore(now) - 60_000]] as const) {
      const { emailId } = queueEmail(core.db, { subject, recipients: [{ address: 'ann@example.com' }] });
      core.db.prepare('UPDATE emails SET created_at = ? WHERE id = ?').run(at, emailId);
    }
    const report = reportRows(core.db, { kind: 'tracking-year' }, now);
    expect(report.total).toBe(1);
    expect([...report.rows].map((r) => r[1])).toEqual(['just inside']);
    expect(new Date(yearBefore(Date.UTC(2028, 1, 29))).toISOString().slice(0, 10)).toBe('2027-03-01');
  });
});
