import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiResult, ExportJob } from '../api/contract';
import { invoke } from '../api/invoke';
import { queueEmail } from '../send/test-servers/queue-email';
import { readCsv } from '../test/read-csv';
import { tempCore, tempDir } from '../test/temp-core';
import { until } from '../test/until';
import { localIso } from './local-iso';

const DAY = 86_400_000;

const ok = async <T>(p: Promise<ApiResult>): Promise<T> => {
  const r = await p;
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as T;
};

/** Three emails as the Outbox has them: one read with a bounce beside it, one untracked, one from 400 days ago. */
function withEmails() {
  const core = tempCore();
  const at = (emailId: number, ms: number) => core.db.prepare('UPDATE emails SET created_at = ? WHERE id = ?').run(ms, emailId);
  const read = queueEmail(core.db, {
    subject: '=cmd|"/c calc"!A1 gallery', recipients: [
      { address: 'ann@example.com', name: 'Ann Lee' }, { kind: 'cc', address: '@bob@example.com' }, { kind: 'bcc', address: 'cat@example.com' },
    ],
  });
  const [ann, bob, cat] = read.recipientIds;
  core.db.prepare(`UPDATE recipients SET status = 'Opened', views = 3, clicks = 1, first_viewed_at = ?, last_viewed_at = ?, last_program = 'Thunderbird' WHERE id = ?`)
    .run(Date.now() - 2 * DAY, Date.now() - DAY, ann);
  core.db.prepare(`UPDATE recipients SET status = 'Bounced', bounce_class = 'hard', status_reason = 'the mailbox does not exist' WHERE id = ?`).run(bob);
  core.db.prepare(`UPDATE recipients SET status = 'Delivered' WHERE id = ?`).run(cat);
  core.db.prepare(`UPDATE emails SET viewed = 'Read' WHERE id = ?`).run(read.emailId);
  at(read.emailId, Date.now() - 3 * DAY);
  const untracked = queueEmail(core.db, { subject: 'Untracked note', tracking: 'off', recipients: [{ address: 'dee@example.com' }] });
  at(untracked.emailId, Date.now() - 4 * DAY);
  const old = queueEmail(core.db, { subject: 'Last year', recipients: [{ address: 'eve@example.com' }] });
  at(old.emailId, Date.now() - 400 * DAY);
  return core;
}

async function exportTo(handlers: ReturnType<typeof tempCore>['handlers'], report: unknown, folder = tempDir()) {
  const started = await ok<ExportJob>(invoke(handlers, 'export.start', { report, folder }));
  await until(async () => (await ok<ExportJob>(invoke(handlers, 'export.progress', { id: started.id }))).state !== 'running', 'the export');
  const job = await ok<ExportJob>(invoke(handlers, 'export.progress', { id: started.id }));
  expect(job).toMatchObject({ state: 'done', error: null });
  expect(job.written).toBe(job.total);
  const text = fs.readFileSync(job.file, 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  return { job, rows: readCsv(text.slice(1)) };
}

describe('CSV export', () => {
  it("the year's tracking report: one row per copy of a tracked email, nothing older than a year, cells neutralised", async () => {
    const { handlers, db } = withEmails();
    const { job, rows } = await exportTo(handlers, { kind: 'tracking-year' });
    expect(path.basename(job.file)).toMatch(/^outpost-tracking-report-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(rows[0]).toEqual(['Date', 'Subject', 'Shoot', 'Recipient', 'Name', 'Kind', 'Status', 'Viewed (people)', 'First viewed (people)', 'Last viewed (people)',
      'Views (people)', 'Program (people)', 'Clicks (people)', 'Bounce class', 'Bounce reason']);
    const ann = db.prepare(`SELECT r.first_viewed_at f, r.last_viewed_at l, e.created_at c FROM recipients r JOIN emails e ON e.id = r.email_id WHERE address = 'ann@example.com'`).get() as { f: number; l: number; c: number };
    const subject = `'=cmd|"/c calc"!A1 gallery`;
    expect(rows.slice(1)).toEqual([
      [localIso(ann.c), subject, '', 'ann@example.com', 'Ann Lee', 'To', 'Opened', 'Read', localIso(ann.f), localIso(ann.l), '3', 'Thunderbird', '1', '', ''],
      [localIso(ann.c), subject, '', "'@bob@example.com", '', 'Cc', 'Bounced', 'Failed', '', '', '0', '', '0', 'hard', 'the mailbox does not exist'],
      [localIso(ann.c), subject, '', 'cat@example.com', '', 'Bcc', 'Delivered', 'Unread', '', '', '0', '', '0', '', ''],
    ]);
    expect(job.total).toBe(3);
  });

  it('all emails: every copy, untracked and older ones too, newest first', async () => {
    const { handlers } = withEmails();
    const { job, rows } = await exportTo(handlers, { kind: 'all-emails' });
    expect(path.basename(job.file)).toMatch(/^outpost-all-emails-/);
    expect(rows.slice(1).map((r) => [r[1], r[3], r[7]])).toEqual([
      ["'=cmd|\"/c calc\"!A1 gallery", 'ann@example.com', 'Read'], ["'=cmd|\"/c calc\"!A1 gallery", "'@bob@example.com", 'Failed'],
      ["'=cmd|\"/c calc\"!A1 gallery", 'cat@example.com', 'Unread'], ['Untracked note', 'dee@example.com', 'Untracked'], ['Last year', 'eve@example.com', 'Unread'],
    ]);
  });

  it("the Failed section's export honours its reason and search", async () => {
    const { handlers, db } = withEmails();
    const failed = queueEmail(db, { subject: 'Invoice', recipients: [{ address: 'not-an-address' }, { address: 'full@example.org' }] });
    db.prepare(`UPDATE recipients SET status = 'Soft Bounced', bounce_class = 'soft', status_reason = 'the mailbox is full' WHERE id = ?`).run(failed.recipientIds[1]);
    const all = await exportTo(handlers, { kind: 'failed', reason: '', search: '' });
    expect(all.rows[0]).toEqual(['Date', 'Address', 'Contact', 'Subject', 'Status', 'Reason', 'Detail', 'Code', 'Diagnostic', 'Deactivated']);
    expect(all.rows.slice(1).map((r) => [r[1], r[5]]).sort()).toEqual([["'@bob@example.com", 'hard bounce'], ['full@example.org', 'soft bounce'], ['not-an-address', 'invalid address']]);
    const soft = await exportTo(handlers, { kind: 'failed', reason: 'soft bounce', search: '' });
    expect(soft.rows.slice(1).map((r) => [r[1], r[3], r[6]])).toEqual([['full@example.org', 'Invoice', 'the mailbox is full']]);
    const searched = await exportTo(handlers, { kind: 'failed', reason: '', search: 'INVOICE' });
    expect(searched.rows.slice(1).map((r) => r[1]).sort()).toEqual(['full@example.org', 'not-an-address']);
    expect(path.basename(searched.job.file)).toMatch(/^outpost-failed-/);
  });

  it('never replaces a file: a second export of the day gets its own name', async () => {
    const { handlers } = withEmails();
    const folder = tempDir();
    const first = await exportTo(handlers, { kind: 'all-emails' }, folder);
    const second = await exportTo(handlers, { kind: 'all-emails' }, folder);
    expect(path.basename(second.job.file)).toBe(path.basename(first.job.file).replace('.csv', ' (2).csv'));
    expect(fs.readdirSync(folder).sort()).toEqual([path.basename(first.job.file), path.basename(second.job.file)].sort());
  });

  it('Cancel stops the export and removes the partial file', async () => {
    const { handlers, db } = tempCore();
    const many = Array.from({ length: 500 }, (_, i) => ({ address: `guest${i}@example.com` }));
    db.transaction(() => {
      for (let i = 0; i < 40; i++) queueEmail(db, { subject: `Newsletter ${i}`, recipients: many });
    })();
    const folder = tempDir();
    const started = await ok<ExportJob>(invoke(handlers, 'export.start', { report: { kind: 'all-emails' }, folder }));
    expect(started).toMatchObject({ state: 'running', total: 20_000 });
    const cancelled = await ok<ExportJob>(invoke(handlers, 'export.cancel', { id: started.id }));
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.written).toBeLessThan(20_000);
    expect(fs.readdirSync(folder)).toEqual([]);
    // Mid-stream too: rows were written when Cancel came.
    const second = await ok<ExportJob>(invoke(handlers, 'export.start', { report: { kind: 'all-emails' }, folder }));
    await until(async () => (await ok<ExportJob>(invoke(handlers, 'export.progress', { id: second.id }))).written > 0, 'the first rows', 15_000, 1);
    const stopped = await ok<ExportJob>(invoke(handlers, 'export.cancel', { id: second.id }));
    expect(stopped.state).toBe('cancelled');
    expect(stopped.written).toBeGreaterThan(0);
    expect(fs.readdirSync(folder)).toEqual([]);
    // The app's own connection was never kept busy by the export.
    expect((await invoke(handlers, 'outbox.page', { scope: { kind: 'all' } })).ok).toBe(true);
  });

  it('refuses a folder that is not one, naming the field, and an unknown job', async () => {
    const { handlers } = withEmails();
    const relative = await invoke(handlers, 'export.start', { report: { kind: 'all-emails' }, folder: 'Downloads' });
    expect(relative).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: [{ path: 'folder' }] } });
    const missing = await invoke(handlers, 'export.start', { report: { kind: 'all-emails' }, folder: path.join(tempDir(), 'nope') });
    expect(missing).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('is not a folder') } });
    expect(await invoke(handlers, 'export.progress', { id: 999 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await invoke(handlers, 'export.start', { report: { kind: 'everything' } })).ok).toBe(false);
  });
});
