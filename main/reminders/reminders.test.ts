import { describe, expect, it } from 'vitest';
import { composeInput, dispatchInput } from '../api/schemas';
import { setup } from '../compose/test-setup';
import { analyzeMessage } from '../mailbox/analyze-message';
import { reportApplier } from '../mailbox/apply-reports';
import { eventApplier } from '../tracking/apply-events';
import { remindersStore } from './reminders-store';
import { clockFromEnv } from './clock';
import { fromAddress } from './reminder-clearing';

const DAY = 86_400_000;
const SENT = 1_000; // test-setup's clock
const THUNDERBIRD = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Thunderbird/128.3.0';

function sent(remind: { unless: 'opened' | 'replied'; days: number } | null, subject = 'Proofs') {
  const t = setup();
  const ann = t.add('Ann Lee', 'ann@example.com');
  const { emailId } = t.send(composeInput.parse({ to: [{ contactId: ann }], subject, bodyText: 'Hello', tracking: 'opens', remind }));
  const store = remindersStore(t.db);
  const row = (sql: string) => t.db.prepare(sql).get(emailId) as Record<string, unknown>;
  const recipientId = (row('SELECT id FROM recipients WHERE email_id = ?') as { id: number }).id;
  const messageId = (row('SELECT message_id AS m FROM emails WHERE id = ?') as { m: string }).m;
  return { ...t, emailId, store, row, recipientId, messageId };
}

const reply = (inReplyTo: string, from = 'Ann Lee <ann@example.com>') =>
  `From: ${from}\r\nTo: me@studio.example\r\nSubject: Re: Proofs\r\nMessage-ID: <r1@example.com>\r\nIn-Reply-To: ${inReplyTo}\r\n\r\nLovely, thank you!\r\n`;

function feedMail(db: ReturnType<typeof setup>['db'], raw: string, at: number) {
  const apply = reportApplier(db);
  return apply({ account: 'me@imap.example:993', mailbox: 'INBOX' }, 1, [analyzeMessage({ uid: 1, raw: Buffer.from(raw), size: raw.length, receivedAt: at })], 1, at);
}

describe('follow-up reminders', () => {
  it('come due N days after sending, are listed with the email and whom it went to, and are handed to the notifier once', () => {
    const t = sent({ unless: 'opened', days: 3 });
    expect(t.store.due(SENT + 3 * DAY - 1)).toEqual([]);
    const due = t.store.due(SENT + 3 * DAY);
    expect(due).toEqual([{ id: 1, emailId: t.emailId, subject: 'Proofs', contact: 'Ann Lee', sentAt: SENT, daysSinceSent: 3, dueAt: SENT + 3 * DAY, unless: 'opened' }]);
    expect(t.store.newlyDue(SENT + 3 * DAY)).toEqual(due);
    expect(t.store.due(SENT + 5 * DAY + 1)[0]).toMatchObject({ daysSinceSent: 5 });
    expect(t.store.newlyDue(SENT + 4 * DAY)).toEqual([]);
  });

  it('Done clears one for good; Snooze moves it a day on and notifies again then', () => {
    const t = sent({ unless: 'replied', days: 1 });
    t.store.newlyDue(SENT + DAY);
    expect(t.store.snooze(1, 1, SENT + DAY)).toEqual({ dueAt: SENT + 2 * DAY });
    expect(t.store.due(SENT + 2 * DAY - 1)).toEqual([]);
    expect(t.store.newlyDue(SENT + 2 * DAY)).toHaveLength(1);
    expect(t.store.done(1, SENT + 2 * DAY)).toEqual({ updated: 1 });
    expect(t.store.due(SENT + 9 * DAY)).toEqual([]);
    expect(t.row('SELECT cleared_by AS by FROM reminders WHERE email_id = ?')).toEqual({ by: 'done' });
    expect(() => t.store.done(99, 0)).toThrow(/Reminder 99 does not exist/);
  });

  it('are written for every email of a dispatch, and none is written when not asked for', () => {
    const t = setup();
    t.add('Ann', 'ann@example.com', ['newsletter']);
    t.add('Bo', 'bo@example.com', ['newsletter']);
    t.merge.create(dispatchInput.parse({ filter: {}, subject: 'News', bodyText: 'x', tracking: 'opens', remind: { unless: 'opened', days: 7 } }));
    expect(remindersStore(t.db).due(SENT + 7 * DAY).map((r) => r.contact)).toEqual(['Ann', 'Bo']);
    expect(sent(null).store.due(SENT + 400 * DAY)).toEqual([]);
  });

  it('"if not opened" is refused for an untracked email, before anything is stored', () => {
    expect(() => composeInput.parse({ to: [{ address: 'a@example.com' }], subject: 'x', tracking: 'off', remind: { unless: 'opened', days: 2 } })).toThrow(/needs tracking on/);
  });

  it("a person's open clears an \"if not opened\" reminder; a machine's does not", () => {
    const t = sent({ unless: 'opened', days: 3 });
    const apply = eventApplier(t.db);
    const event = (id: string, at: number, userAgent: string, method: 'GET' | 'HEAD' = 'GET') => ({
      id, kind: 'open' as const, emailId: t.emailId, recipientId: t.recipientId, at: new Date(at).toISOString(), ip: '198.51.100.20', userAgent, method,
    });
    apply('relay', { events: [event('e1', SENT + 60_000, 'Mozilla/5.0', 'HEAD')], next: 'e1', more: false }, SENT + DAY);
    expect(t.store.due(SENT + 3 * DAY)).toHaveLength(1);
    apply('relay', { events: [event('e2', SENT + DAY, THUNDERBIRD)], next: 'e2', more: false }, SENT + DAY);
    expect(t.store.due(SENT + 3 * DAY)).toEqual([]);
    expect(t.row('SELECT cleared_by AS by FROM reminders WHERE email_id = ?')).toEqual({ by: 'open' });
  });

  it("the client's reply read from the mailbox clears it, without storing the reply; the user's own mail in the thread does not", () => {
    const t = sent({ unless: 'replied', days: 3 });
    feedMail(t.db, reply(t.messageId, 'Me <ME@studio.example>'), SENT + DAY);
    expect(t.store.due(SENT + 3 * DAY)).toHaveLength(1);
    const r = feedMail(t.db, reply(`<other@x> ${t.messageId}`), SENT + DAY);
    expect(r).toEqual({ stored: 0, reportUids: [], changed: 0 });
    expect(t.store.due(SENT + 3 * DAY)).toEqual([]);
    expect(t.row('SELECT cleared_by AS by, cleared_at AS at FROM reminders WHERE email_id = ?')).toEqual({ by: 'reply', at: SENT + DAY });
    expect(t.db.prepare('SELECT count(*) AS n FROM mail_reports').get()).toEqual({ n: 0 });
  });

  it('reads the sender of a From header, and a clock offset only from a whole number', () => {
    expect(fromAddress('"Lee, Ann" <Ann@Example.com>')).toBe('ann@example.com');
    expect(fromAddress('ann@example.com (Ann)')).toBe('ann@example.com');
    const now = Date.now();
    expect(clockFromEnv({ OUTPOST_CLOCK_OFFSET_MS: String(DAY) })()).toBeGreaterThanOrEqual(now + DAY);
    expect(clockFromEnv({})).toBe(Date.now);
    expect(() => clockFromEnv({ OUTPOST_CLOCK_OFFSET_MS: '4 days' })).toThrow(/whole number/);
  });
});
