import { describe, expect, it } from 'vitest';
import type { ApiResult } from '../api/contract';
import { invoke } from '../api/invoke';
import { tempCore } from '../test/temp-core';
import { queueEmail } from '../send/test-servers/queue-email';
import { FAILED } from './failed-list';
import { failureNotice } from './failure-notice';
import { suppressions } from './suppressions';

const ok = async <T>(p: Promise<ApiResult>): Promise<T> => {
  const r = await p;
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as T;
};

function withFailures() {
  const core = tempCore();
  const set = (id: number, status: string, bounceClass: string | null, reason = '', at = 10) =>
    core.db.prepare(`UPDATE recipients SET status = ?, bounce_class = ?, status_reason = ?, send_state = 'done', updated_at = ? WHERE id = ?`).run(status, bounceClass, reason, at, id);
  const { recipientIds: ids } = queueEmail(core.db, {
    subject: 'Gallery ready', recipients: ['hard', 'soft', 'slow', 'policy', 'away', 'fine'].map((n) => ({ address: `${n}@example.org` })),
  });
  set(ids[0]!, 'Bounced', 'hard', 'the mailbox does not exist', 60);
  set(ids[1]!, 'Soft Bounced', 'soft', 'the mailbox is full', 50);
  set(ids[2]!, 'Bounced', 'transient', 'gave up after 5 attempts', 40);
  set(ids[3]!, 'Bounced', 'blocked', 'refused as spam', 30);
  set(ids[4]!, 'Delivered', 'autoreply', 'automatic reply', 20);
  core.db.prepare(`UPDATE recipients SET auto_reply_at = 20 WHERE id = ?`).run(ids[4]);
  suppressions(core.db).stop({ address: 'hard@example.org', kind: 'deactivated', reason: 'hard bounce', at: 60 });
  // Never sent: an invalid address and a deactivated one, as compose writes them.
  queueEmail(core.db, { subject: 'Invoice', recipients: [{ address: 'not-an-address' }, { address: 'hard@example.org' }] });
  return core;
}

describe('the Failed section', () => {
  it('lists every failed copy with its reason in words, newest first, and counts each reason', async () => {
    const { handlers } = withFailures();
    const page = await ok<{ rows: { address: string; reason: string; deactivated: boolean }[]; total: number; counts: Record<string, number> }>(invoke(handlers, 'failed.list', {}));
    expect(page.counts).toEqual({
      'hard bounce': 1, 'soft bounce': 1, 'auto responder': 1, 'transient bounce': 1, blocked: 1, 'invalid address': 1, 'deactivated address': 1,
    });
    expect(page.total).toBe(7);
    const byAddress = Object.fromEntries(page.rows.map((r) => [r.address, r.reason]));
    expect(byAddress).toEqual({
      'hard@example.org': expect.stringMatching(/hard bounce|deactivated address/), 'soft@example.org': 'soft bounce', 'slow@example.org': 'transient bounce',
      'policy@example.org': 'blocked', 'away@example.org': 'auto responder', 'not-an-address': 'invalid address',
    });
    expect(page.rows.filter((r) => r.address === 'hard@example.org').every((r) => r.deactivated)).toBe(true);
  });

  it("shows the report behind each row: an auto-reply's words, not a later success report's", async () => {
    const { handlers, db } = withFailures();
    const away = (db.prepare(`SELECT id FROM recipients WHERE address = 'away@example.org'`).get() as { id: number }).id;
    const report = Number(db.prepare(`INSERT INTO mail_reports (account, mailbox, uidvalidity, uid, received_at, kind, raw) VALUES ('a', 'INBOX', 1, 1, 1, 'autoreply', x'00')`).run().lastInsertRowid);
    const line = db.prepare(`INSERT INTO report_recipients (report_id, recipient_id, address, class, status_code, diagnostic, applied) VALUES (?, ?, 'away@example.org', ?, ?, ?, ?)`);
    line.run(report, away, 'autoreply', '', 'Away until Monday', 'Delivered');
    line.run(report, away, 'delivered', '2.0.0', '250 Saved', '');
    const page = await ok<{ rows: { address: string; diagnostic: string; statusCode: string }[] }>(invoke(handlers, 'failed.list', { reason: 'auto responder' }));
    expect(page.rows).toEqual([expect.objectContaining({ address: 'away@example.org', diagnostic: 'Away until Monday', statusCode: '' })]);
  });

  it('filters by reason and searches by address or subject', async () => {
    const { handlers } = withFailures();
    const soft = await ok<{ rows: { address: string }[]; total: number }>(invoke(handlers, 'failed.list', { reason: 'soft bounce' }));
    expect(soft.rows.map((r) => r.address)).toEqual(['soft@example.org']);
    expect(soft.total).toBe(1);
    const invoice = await ok<{ rows: { address: string }[] }>(invoke(handlers, 'failed.list', { search: 'INVOICE' }));
    expect(invoice.rows.map((r) => r.address).sort()).toEqual(['hard@example.org', 'not-an-address']);
    expect((await invoke(handlers, 'failed.list', { reason: 'nonsense' })).ok).toBe(false);
  });

  it('Reactivate lets mail go to the address again, and is recorded', async () => {
    const { handlers, db } = withFailures();
    const contact = Number(db.prepare(`INSERT INTO contacts (name, created_at, updated_at) VALUES ('Hal', 1, 1)`).run().lastInsertRowid);
    db.prepare(`INSERT INTO addresses (contact_id, email, email_norm) VALUES (?, 'hard@example.org', 'hard@example.org')`).run(contact);
    const before = queueEmail(db, { recipients: [{ address: 'hard@example.org' }] });
    expect(db.prepare(`SELECT status FROM recipients WHERE id = ?`).get(before.recipientIds[0])).toEqual({ status: 'Failed' });

    expect(await ok(invoke(handlers, 'addresses.reactivate', { address: 'HARD@example.org ' }))).toEqual({ reactivated: true });
    expect(await ok(invoke(handlers, 'addresses.reactivate', { address: 'hard@example.org' }))).toEqual({ reactivated: false });
    const after = queueEmail(db, { recipients: [{ address: 'hard@example.org' }] });
    expect(db.prepare(`SELECT status, send_state FROM recipients WHERE id = ?`).get(after.recipientIds[0])).toEqual({ status: 'Unsent', send_state: 'queued' });
    expect(db.prepare(`SELECT kind FROM activities WHERE contact_id = ?`).all(contact)).toEqual([{ kind: 'reactivated' }]);
    const c = await ok<{ addresses: { deactivatedAt: number | null }[] }>(invoke(handlers, 'contacts.get', { id: contact }));
    expect(c.addresses[0]!.deactivatedAt).toBeNull();
  });

  it('one notice counts new failures, opens the section and clears when the section is seen', async () => {
    const { handlers, db } = tempCore();
    const notice = failureNotice(db);
    notice.add(2, 1);
    notice.add(3, 2);
    const summary = await ok<{ notices: { message: string; count: number; link: string }[] }>(invoke(handlers, 'dashboard.summary', {}));
    expect(summary.notices).toEqual([expect.objectContaining({ message: '5 recipients failed: see Failed', count: 5, link: 'failed' })]);
    expect(await ok(invoke(handlers, 'failed.seen', {}))).toEqual({ updated: 1 });
    expect((await ok<{ notices: unknown[] }>(invoke(handlers, 'dashboard.summary', {}))).notices).toEqual([]);
    notice.add(1, 3);
    expect((await ok<{ notices: { message: string }[] }>(invoke(handlers, 'dashboard.summary', {}))).notices[0]!.message).toBe('1 recipient failed: see Failed');
  });

  it('reads failures through their partial index, not every recipient ever sent', () => {
    const { db } = withFailures();
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${FAILED}`).all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING (COVERING )?INDEX recipients_failed/);
  });
});
