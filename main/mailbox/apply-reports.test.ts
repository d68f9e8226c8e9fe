import { describe, expect, it } from 'vitest';
import { dsn, message } from '../bounce/test-messages';
import { tempCore } from '../test/temp-core';
import { queueEmail } from '../send/test-servers/queue-email';
import { analyzeMessage, MAX_REPORT_BYTES } from './analyze-message';
import { reportApplier } from './apply-reports';
import { checkpoints } from './checkpoints';
import { ADDRESS_WINDOW_MS } from './match-copy';
import { WATCHER_SQL } from './mailbox-watcher';
import { REPORTS_SQL } from './reports-view';
import { unknownCopies } from '../send/unknown-copies';

const folder = { account: 'studio@imap.outpost.test:993', mailbox: 'INBOX' };
const SENT_AT = 1_700_000_000_000;

/** A database with one email to two people, both copies accepted by the user's server. */
function sentEmail(addresses = ['ann@example.org', 'bo@example.org']) {
  const core = tempCore();
  const ann = Number(core.db.prepare(`INSERT INTO contacts (name, created_at, updated_at) VALUES ('Ann', 1, 1)`).run().lastInsertRowid);
  core.db.prepare(`INSERT INTO addresses (contact_id, email, email_norm) VALUES (?, ?, ?)`).run(ann, addresses[0], addresses[0]);
  const { emailId, recipientIds } = queueEmail(core.db, { recipients: addresses.map((address, i) => ({ address, contactId: i === 0 ? ann : undefined })) });
  core.db.prepare(`UPDATE recipients SET send_state = 'done', status = 'Sent', last_attempt_at = ?, updated_at = ? WHERE email_id = ?`).run(SENT_AT, SENT_AT, emailId);
  core.db.prepare(`UPDATE emails SET sent_at = ? WHERE id = ?`).run(SENT_AT, emailId);
  const copy = (id: number) => core.db.prepare(`SELECT * FROM recipients WHERE id = ?`).get(id) as Record<string, unknown>;
  const messageId = (core.db.prepare(`SELECT message_id FROM emails WHERE id = ?`).get(emailId) as { message_id: string }).message_id;
  const apply = reportApplier(core.db);
  let uid = 0;
  const feed = (...raws: (string | Buffer)[]) =>
    apply(folder, 7, raws.map((raw) => analyzeMessage({ uid: ++uid, raw: Buffer.from(raw), size: Buffer.byteLength(raw), receivedAt: SENT_AT + 60_000 })), uid, SENT_AT + 61_000);
  return { ...core, ann, emailId, recipientIds, copy, messageId, feed };
}

const returned = (o: { copy?: string; messageId?: string; to: string }) =>
  `From: studio@outpost.test\nTo: ${o.to}\nSubject: Proofs\n${o.messageId ? `Message-ID: ${o.messageId}\n` : ''}${o.copy ? `X-Outpost-Copy: ${o.copy}\n` : ''}\nHello\n`;

describe('reports matched to the exact copy, strongest evidence first', () => {
  it('by our per-copy header: a hard bounce is Bounced with its code and words, and the address deactivated', () => {
    const t = sentEmail();
    const [annId, boId] = t.recipientIds as [number, number];
    const copyId = t.copy(annId).copy_id as string;
    const r = t.feed(dsn({ recipient: 'ann@example.org', action: 'failed', status: '5.1.1', diagnostic: '550 5.1.1 <ann@example.org>: User unknown', returned: returned({ copy: copyId, to: 'ann@example.org' }) }));
    expect(r).toMatchObject({ stored: 1, changed: 1, reportUids: [1] });
    expect(t.copy(annId)).toMatchObject({ status: 'Bounced', bounce_class: 'hard' });
    expect(t.copy(annId).status_reason).toMatch(/^user unknown: the mailbox does not exist: 550 5\.1\.1/);
    expect(t.copy(boId)).toMatchObject({ status: 'Sent' });
    const report = t.db.prepare(`SELECT kind, matched_by, email_id FROM mail_reports`).get();
    expect(report).toEqual({ kind: 'failure', matched_by: 'copy header', email_id: t.emailId });
    expect(t.db.prepare(`SELECT recipient_id, class, status_code, applied, host FROM report_recipients`).get())
      .toEqual({ recipient_id: annId, class: 'hard', status_code: '5.1.1', applied: 'Bounced', host: 'mx.example.org' });
    expect(t.db.prepare(`SELECT email_norm, kind FROM suppressions`).all()).toEqual([{ email_norm: 'ann@example.org', kind: 'deactivated' }]);
    expect(t.db.prepare(`SELECT kind FROM activities WHERE contact_id = ? ORDER BY id`).all(t.ann).map((a) => (a as { kind: string }).kind)).toEqual(['bounced', 'deactivated']);
    expect(t.db.prepare(`SELECT status FROM emails WHERE id = ?`).get(t.emailId)).toEqual({ status: 'Bounced' });
    expect(t.db.prepare(`SELECT kind, count, link FROM notices WHERE seen_at IS NULL`).all()).toEqual([{ kind: 'failures', count: 1, link: 'failed' }]);
  });

  it('by ENVID (the copy id we send as the DSN envelope id): a success report makes the copy Delivered', () => {
    const t = sentEmail();
    const boId = t.recipientIds[1]!;
    t.feed(dsn({ recipient: 'bo@example.org', action: 'delivered', status: '2.0.0', envelopeId: t.copy(boId).copy_id as string, returned: returned({ to: 'bo@example.org' }) }));
    expect(t.copy(boId)).toMatchObject({ status: 'Delivered', bounce_class: null });
    expect(t.db.prepare(`SELECT matched_by FROM mail_reports`).get()).toEqual({ matched_by: 'envelope id' });
  });

  it('by the returned Message-ID and the failed address, for an email with several copies', () => {
    const t = sentEmail();
    t.feed(dsn({ recipient: 'bo@example.org', action: 'failed', status: '5.2.2', diagnostic: '552 5.2.2 Mailbox full', returned: returned({ messageId: t.messageId, to: 'ann@example.org, bo@example.org' }) }));
    expect(t.copy(t.recipientIds[1]!)).toMatchObject({ status: 'Soft Bounced', bounce_class: 'soft' });
    expect(t.copy(t.recipientIds[0]!)).toMatchObject({ status: 'Sent' });
    expect(t.db.prepare(`SELECT matched_by FROM mail_reports`).get()).toEqual({ matched_by: 'message id' });
  });

  it("by the provider's id from the 250 reply when the provider rewrote Message-ID", () => {
    const t = sentEmail(['cy@example.org']);
    t.db.prepare(`UPDATE recipients SET provider_id = '0100018c-aa-000000' WHERE id = ?`).run(t.recipientIds[0]);
    t.feed(dsn({ recipient: 'someone-else@relay.example', action: 'failed', status: '5.1.1', returned: returned({ messageId: '<0100018c-aa-000000@email.amazonses.com>', to: 'cy@example.org' }) }));
    expect(t.copy(t.recipientIds[0]!)).toMatchObject({ status: 'Bounced' });
    expect(t.db.prepare(`SELECT matched_by FROM mail_reports`).get()).toEqual({ matched_by: 'provider id' });
  });

  it('a report naming a copy of unknown outcome (a crash while it was leaving) settles it: it left', () => {
    const t = sentEmail();
    const boId = t.recipientIds[1]!;
    t.db.prepare(`UPDATE recipients SET send_state = 'unknown', status = 'Unsent' WHERE id = ?`).run(boId);
    unknownCopies(t.db).recount(SENT_AT);
    t.feed(dsn({ recipient: 'bo@example.org', action: 'delivered', status: '2.0.0', envelopeId: t.copy(boId).copy_id as string, returned: returned({ to: 'bo@example.org' }) }));
    expect(t.copy(boId)).toMatchObject({ send_state: 'done', status: 'Delivered' });
    expect(t.db.prepare(`SELECT count(*) AS n FROM notices WHERE kind = 'send_unknown' AND seen_at IS NULL`).get()).toEqual({ n: 0 });
  });

  it('last by the address near a recent send, marked so; outside the window nothing is guessed', () => {
    const t = sentEmail();
    const plain = message({ From: 'MAILER-DAEMON@mx.example.org', To: 'studio@outpost.test', Subject: 'Undeliverable: Proofs' },
      'Delivery has failed to these recipients:\n\nbo@example.org\nThe email account that you tried to reach does not exist. 550 5.1.1\n');
    t.feed(plain);
    expect(t.copy(t.recipientIds[1]!)).toMatchObject({ status: 'Bounced' });
    expect(t.db.prepare(`SELECT matched_by FROM mail_reports`).get()).toEqual({ matched_by: 'address' });

    t.db.prepare(`UPDATE recipients SET status = 'Sent', last_attempt_at = ? WHERE id = ?`).run(SENT_AT - ADDRESS_WINDOW_MS - 1, t.recipientIds[0]);
    t.feed(plain.replace(/bo@example\.org/g, 'ann@example.org').replace('Proofs', 'Proofs again'));
    expect(t.copy(t.recipientIds[0]!)).toMatchObject({ status: 'Sent' });
    expect(t.db.prepare(`SELECT matched_by, email_id FROM mail_reports ORDER BY id DESC`).get()).toEqual({ matched_by: null, email_id: null });
  });
});

describe('the forward-only rule and the kinds of report', () => {
  it('never moves a status back: a late bounce on an opened copy is stored, applied nothing, deactivates nothing', () => {
    const t = sentEmail();
    const annId = t.recipientIds[0]!;
    t.db.prepare(`UPDATE recipients SET status = 'Opened' WHERE id = ?`).run(annId);
    t.feed(dsn({ recipient: 'ann@example.org', action: 'failed', status: '5.1.1', envelopeId: t.copy(annId).copy_id as string }));
    expect(t.copy(annId)).toMatchObject({ status: 'Opened' });
    expect(t.db.prepare(`SELECT applied FROM report_recipients`).get()).toEqual({ applied: '' });
    expect(t.db.prepare(`SELECT count(*) AS n FROM suppressions`).get()).toEqual({ n: 0 });
  });

  it('a soft bounce can still end Delivered; a delay report is Soft Bounced', () => {
    const t = sentEmail();
    const bo = t.recipientIds[1]!;
    const envelopeId = t.copy(bo).copy_id as string;
    t.feed(dsn({ recipient: 'bo@example.org', action: 'delayed', status: '4.4.1', diagnostic: 'connect to mx.example.org: Connection timed out', envelopeId }));
    expect(t.copy(bo)).toMatchObject({ status: 'Soft Bounced' });
    t.feed(dsn({ recipient: 'bo@example.org', action: 'delivered', status: '2.0.0', envelopeId }));
    expect(t.copy(bo)).toMatchObject({ status: 'Delivered' });
  });

  it('a policy block is Bounced (blocked) without deactivating the address', () => {
    const t = sentEmail();
    const ann = t.recipientIds[0]!;
    t.feed(dsn({ recipient: 'ann@example.org', action: 'failed', status: '5.7.1', diagnostic: '550 5.7.1 Message rejected as spam by Content Filtering', envelopeId: t.copy(ann).copy_id as string }));
    expect(t.copy(ann)).toMatchObject({ status: 'Bounced', bounce_class: 'blocked' });
    expect(t.db.prepare(`SELECT count(*) AS n FROM suppressions`).get()).toEqual({ n: 0 });
  });

  it('an auto-reply proves delivery: Delivered, flagged, with its words and return date', () => {
    const t = sentEmail();
    t.feed(message({
      From: 'Ann <ann@example.org>', To: 'studio@outpost.test', Subject: 'Out of office: Proofs', 'Auto-Submitted': 'auto-replied',
      'In-Reply-To': t.messageId, 'Message-ID': '<auto-1@example.org>',
    }, 'I am away and will be back on 14 December 2026.\n'));
    expect(t.copy(t.recipientIds[0]!)).toMatchObject({ status: 'Delivered', bounce_class: 'autoreply' });
    expect(t.copy(t.recipientIds[0]!).auto_reply_at).not.toBeNull();
    expect(t.db.prepare(`SELECT class, diagnostic, return_date FROM report_recipients`).get())
      .toEqual({ class: 'autoreply', diagnostic: 'I am away and will be back on 14 December 2026.', return_date: '14 December 2026' });
    expect(t.db.prepare(`SELECT matched_by FROM mail_reports`).get()).toEqual({ matched_by: 'message id' });
  });

  it('a complaint (ARF) stops dispatches to the address', () => {
    const t = sentEmail();
    const b = 'arf-boundary';
    t.feed(message({ From: 'feedback@isp.example', To: 'studio@outpost.test', Subject: 'Abuse report', 'MIME-Version': '1.0',
      'Content-Type': `multipart/report; report-type=feedback-report; boundary="${b}"` },
    `--${b}\nContent-Type: text/plain\n\nA complaint.\n--${b}\nContent-Type: message/feedback-report\n\nFeedback-Type: abuse\nUser-Agent: ISP/1.0\nVersion: 1\nOriginal-Rcpt-To: ann@example.org\n\n` +
      `--${b}\nContent-Type: message/rfc822\n\n${returned({ messageId: t.messageId, to: 'ann@example.org' })}\n--${b}--\n`));
    expect(t.db.prepare(`SELECT email_norm, kind FROM suppressions`).all()).toEqual([{ email_norm: 'ann@example.org', kind: 'complained' }]);
    expect(t.copy(t.recipientIds[0]!)).toMatchObject({ status: 'Sent' });
  });

  it('ordinary mail is neither stored nor marked; a person quoting a bounce is not a report', () => {
    const t = sentEmail();
    const r = t.feed(message({ From: 'Ann <ann@example.org>', To: 'studio@outpost.test', Subject: 'Re: Proofs', 'In-Reply-To': t.messageId }, 'Love them! 550 user unknown, ha.\n'));
    expect(r).toEqual({ stored: 0, reportUids: [], changed: 0 });
    expect(t.db.prepare(`SELECT count(*) AS n FROM mail_reports`).get()).toEqual({ n: 0 });
  });
});

describe('nothing twice, nothing skipped', () => {
  it('the same report again (a rescan after UIDVALIDITY changed, a copy in another folder) is applied once', () => {
    const t = sentEmail();
    const ann = t.recipientIds[0]!;
    const raw = dsn({ recipient: 'ann@example.org', action: 'failed', status: '5.2.2', envelopeId: t.copy(ann).copy_id as string });
    expect(t.feed(raw).stored).toBe(1);
    const again = t.feed(`Received: by another.hop\r\n${raw}`);
    expect(again).toMatchObject({ stored: 0, reportUids: [2] });
    expect(t.db.prepare(`SELECT count(*) AS n FROM report_recipients`).get()).toEqual({ n: 1 });
    expect(t.db.prepare(`SELECT count FROM notices WHERE kind = 'failures'`).get()).toEqual({ count: 1 });
  });

  it('moves the checkpoint in the same transaction: when the database fails, nothing is stored and the checkpoint stays', () => {
    const t = sentEmail();
    const marks = checkpoints(t.db);
    marks.put(folder, 7, 10);
    const good = analyzeMessage({ uid: 11, raw: Buffer.from(dsn({ recipient: 'ann@example.org', action: 'failed', status: '5.1.1', envelopeId: t.copy(t.recipientIds[0]!).copy_id as string })), size: 1, receivedAt: SENT_AT });
    t.db.exec(`CREATE TRIGGER full_disk BEFORE INSERT ON mail_reports BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    expect(() => reportApplier(t.db)(folder, 7, [good], 12, SENT_AT)).toThrow(/disk is full/);
    expect(marks.get(folder)).toMatchObject({ lastUid: 10 });
    expect(t.copy(t.recipientIds[0]!)).toMatchObject({ status: 'Sent' });
    t.db.exec(`DROP TRIGGER full_disk`);
    reportApplier(t.db)(folder, 7, [good], 12, SENT_AT);
    expect(marks.get(folder)).toMatchObject({ lastUid: 12 });
    expect(t.copy(t.recipientIds[0]!)).toMatchObject({ status: 'Bounced' });
  });

  it('a message that cannot be applied is kept with its error and passed over; the rest of its batch is applied', () => {
    const t = sentEmail();
    const [ann, bo] = t.recipientIds as [number, number];
    const report = (id: number, uid: number, address: string) =>
      analyzeMessage({ uid, raw: Buffer.from(dsn({ recipient: address, action: 'failed', status: '5.1.1', envelopeId: t.copy(id).copy_id as string })), size: 1, receivedAt: SENT_AT });
    const good = report(ann, 11, 'ann@example.org');
    const poisoned = { ...report(bo, 12, 'bo@example.org'), report: { ...report(bo, 12, 'bo@example.org').report, recipients: null as never } };
    const r = reportApplier(t.db)(folder, 7, [good, poisoned], 13, SENT_AT);
    expect(r).toMatchObject({ stored: 2, changed: 1 });
    expect(t.copy(ann)).toMatchObject({ status: 'Bounced' });
    expect(t.copy(bo)).toMatchObject({ status: 'Sent' });
    expect(t.db.prepare(`SELECT uid, error FROM mail_reports ORDER BY uid`).all()).toEqual([
      { uid: 11, error: null }, { uid: 12, error: expect.stringMatching(/^could not be applied: /) },
    ]);
    expect(checkpoints(t.db).get(folder)).toMatchObject({ lastUid: 13 });
  });

  it('a message too large to read is kept (its first 64 KB) with an error and applied nothing', () => {
    const t = sentEmail();
    const raw = Buffer.from(dsn({ recipient: 'ann@example.org', action: 'failed', status: '5.1.1', envelopeId: t.copy(t.recipientIds[0]!).copy_id as string }));
    const m = analyzeMessage({ uid: 1, raw, size: MAX_REPORT_BYTES + 1, receivedAt: SENT_AT });
    expect(m.error).toMatch(/too large/);
    reportApplier(t.db)(folder, 7, [m], 1, SENT_AT);
    expect(t.db.prepare(`SELECT error IS NOT NULL AS failed, matched_by FROM mail_reports`).get()).toEqual({ failed: 1, matched_by: null });
    expect(t.copy(t.recipientIds[0]!)).toMatchObject({ status: 'Sent' });
  });
});

describe('reading reports back', () => {
  it('lists and counts the unmatched through their own index, never reading the raw bytes of every report', () => {
    const t = sentEmail();
    const plan = (sql: string) => (t.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ limit: 10, offset: 0 }) as { detail: string }[]).map((p) => p.detail).join('\n');
    expect(plan(REPORTS_SQL.unmatched)).toMatch(/INDEX mail_reports_unmatched/);
    expect(plan(REPORTS_SQL.unmatchedTotal)).toMatch(/INDEX mail_reports_unmatched/);
    expect(plan(REPORTS_SQL.all)).toMatch(/INDEX mail_reports_by_time/);
    expect(plan(WATCHER_SQL.counts)).not.toMatch(/SCAN mail_reports(?! USING)/);
  });
});
