import { describe, expect, it } from 'vitest';
import { composeInput, dispatchInput } from '../api/schemas';
import { emailAggregates } from '../store/email-aggregates';
import { setup } from './test-setup';

const rows = (db: ReturnType<typeof setup>['db'], emailId: number) =>
  db.prepare('SELECT kind, address, status, status_reason AS reason, send_state AS state, tracked, copy_id IS NOT NULL AS hasCopy FROM recipients WHERE email_id = ? ORDER BY id').all(emailId);

describe('compose', () => {
  it('queues the good copies and gives every other recipient its final status and reason', () => {
    const { db, add, send } = setup();
    const ann = add('Ann Lee', 'ann@example.com');
    const noMail = add('Bo Ray', 'bo@news.example.com', ['newsletter']);
    const denied = add('Cy Denied', 'cy@example.com', ['client mail'], 'denied');
    db.prepare("INSERT INTO blocked (email_norm, created_at) VALUES ('spam@example.com', 1)").run();
    const { emailId } = send(composeInput.parse({
      to: [{ contactId: ann }, { address: 'ANN@example.com ' }], cc: [{ contactId: noMail }, { address: 'bad@' }],
      bcc: [{ address: 'spam@example.com' }, { contactId: denied }],
      subject: 'Your gallery', bodyText: 'Hello', tracking: 'opens_clicks',
    }));
    expect(rows(db, emailId)).toEqual([
      { kind: 'to', address: 'ann@example.com', status: 'Unsent', reason: '', state: 'queued', tracked: 1, hasCopy: 1 },
      { kind: 'to', address: 'ANN@example.com', status: 'Duplicate', reason: 'the address already appears in this email', state: 'none', tracked: 0, hasCopy: 0 },
      { kind: 'cc', address: '', status: 'No Email Selected', reason: 'Bo Ray has no address for client mail', state: 'none', tracked: 0, hasCopy: 0 },
      { kind: 'cc', address: 'bad@', status: 'Failed', reason: 'invalid address: address needs a name, an @ and a domain', state: 'none', tracked: 0, hasCopy: 0 },
      { kind: 'bcc', address: 'spam@example.com', status: 'Blocked', reason: 'the address is on the blocked list', state: 'none', tracked: 0, hasCopy: 0 },
      { kind: 'bcc', address: 'cy@example.com', status: 'Unsent', reason: '', state: 'queued', tracked: 0, hasCopy: 1 },
    ]);
    expect(db.prepare('SELECT status, recipient_count AS n, viewed, message_id LIKE \'<outpost.%@studio.example>\' AS ours FROM emails').get())
      .toEqual({ status: 'Unsent', n: 6, viewed: 'Unread', ours: 1 });
    // The Outbox columns written with the row are what a refresh from the stored recipients gives.
    const outboxColumns = () => db.prepare('SELECT recipients_label, recipient_count, status, viewed, first_viewed_at, last_viewed_at, total_views, last_program FROM emails').get();
    const written = outboxColumns();
    emailAggregates(db)(emailId);
    expect(outboxColumns()).toEqual(written);
  });

  it('tracks only granted contacts when the policy says so, and stores links and attachments', () => {
    const { db, add, send } = setup({ tracking: { relayUrl: 'https://r.example', relaySecret: 's', consentPolicy: 'track-only-granted' } });
    const yes = add('Yes', 'yes@example.com', ['client mail'], 'granted');
    const { emailId } = send(composeInput.parse({
      to: [{ contactId: yes }, { address: 'stranger@example.com' }], subject: 'Hi', format: 'html', bodyHtml: '<a href="https://a.example/x">x</a>',
      tracking: 'opens_clicks', attachments: [{ filename: 'a.txt', contentType: 'text/plain', dataBase64: Buffer.from('hello').toString('base64') }],
    }));
    expect(rows(db, emailId).map((r) => (r as { tracked: number }).tracked)).toEqual([1, 0]);
    expect(db.prepare('SELECT links FROM emails').get()).toEqual({ links: '["https://a.example/x"]' });
    expect(db.prepare('SELECT filename, size, content FROM attachments').get()).toEqual({ filename: 'a.txt', size: 5, content: Buffer.from('hello') });
  });

  it('takes the strictest consent recorded for an address: one denial anywhere wins', () => {
    const { db, add, send } = setup();
    add('Work', 'shared@example.com', ['client mail'], 'granted');
    add('Home', 'SHARED@example.com', ['client mail'], 'denied');
    add('Only granted', 'ok@example.com', ['client mail'], 'granted');
    add('Granted and unknown', 'mixed@example.com', ['client mail'], 'granted');
    add('Unknown too', 'mixed@example.com', ['client mail'], 'unknown');
    const { emailId } = send(composeInput.parse({
      to: [{ address: 'shared@example.com' }, { address: 'ok@example.com' }, { address: 'mixed@example.com' }, { address: 'nobody@example.com' }],
      subject: 'Hi', tracking: 'opens' }));
    expect(rows(db, emailId).map((r) => (r as { tracked: number }).tracked)).toEqual([0, 1, 1, 1]);
  });

  it('refuses to queue without an SMTP account, or tracking without a relay, and stores nothing', () => {
    const noSmtp = setup({ smtp: { host: '', fromAddress: '' } });
    expect(() => noSmtp.send(composeInput.parse({ to: [{ address: 'a@example.com' }], subject: 'x', tracking: 'off' }))).toThrow(/SMTP account/);
    const noRelay = setup({ tracking: { relayUrl: '', relaySecret: '', consentPolicy: 'track-unless-denied' } });
    expect(() => noRelay.send(composeInput.parse({ to: [{ address: 'a@example.com' }], subject: 'x', tracking: 'opens' }))).toThrow(/relay/);
    expect(noRelay.send(composeInput.parse({ to: [{ address: 'a@example.com' }], subject: 'x', tracking: 'off' }))).toEqual({ emailId: 1 });
    expect(noSmtp.db.prepare('SELECT count(*) AS n FROM emails').get()).toEqual({ n: 0 });
  });
});

describe('dispatches', () => {
  it('send one filled-in email per contact of the list, with duplicates and missing addresses named', () => {
    const { db, add, merge } = setup();
    add('Ann Lee', 'ann@example.com', ['newsletter']);
    add('Ann Twin', 'ANN@example.com', ['newsletter']);
    add('Bo Ray', 'bo@example.com', ['client mail']);
    // The true number of copies: one of the three contacts has no address, one shares Ann's.
    expect(merge.preview(dispatchInput.shape.filter.parse({ purpose: 'newsletter' }))).toMatchObject({ count: 3, copies: 1, withoutAddress: 1, notSent: { Duplicate: 1, 'No Email Selected': 1 } });
    const d = merge.create(dispatchInput.parse({ filter: { purpose: 'newsletter' }, subject: 'Spring minis for {{first_name}}', bodyText: 'Hi {{first_name}}!', tracking: 'off' }));
    // Named without the unfilled field, and the day it went.
    expect(d).toMatchObject({ name: expect.stringMatching(/^Spring minis for · \d{4}-\d{2}-\d{2}$/), status: 'sending', counts: { total: 3, queued: 1, notSent: 2, failed: 2 } });
    expect(db.prepare('SELECT subject, body_text AS text FROM emails ORDER BY id').all()).toEqual([
      { subject: 'Spring minis for Ann', text: 'Hi Ann!' }, { subject: 'Spring minis for Ann', text: 'Hi Ann!' }, { subject: 'Spring minis for Bo', text: 'Hi Bo!' },
    ]);
    expect(db.prepare('SELECT status FROM recipients ORDER BY id').all().map((r) => (r as { status: string }).status)).toEqual(['Unsent', 'Duplicate', 'No Email Selected']);
  });

  it('count each copy once per number it belongs to: an opened copy was also delivered and sent; never-sent ones are failed unless cancelled', () => {
    const { db, add, merge } = setup();
    const statuses = ['Sent', 'Delivered', 'Opened', 'Opened', 'Bounced', 'Soft Bounced', 'Failed', 'Blocked', 'Cancelled', 'Unsent'];
    statuses.forEach((_, i) => add(`C${i}`, `c${i}@example.com`, ['newsletter']));
    const d = merge.create(dispatchInput.parse({ filter: {}, subject: 'News', bodyText: 'x', tracking: 'off' }));
    const set = db.prepare(`UPDATE recipients SET status = ?, clicks = ?, send_state = CASE WHEN ? IN ('Failed', 'Blocked', 'Cancelled') THEN 'none' ELSE 'done' END WHERE id = ?`);
    statuses.forEach((s, i) => set.run(s, i === 3 ? 2 : 0, s, i + 1));
    expect(merge.summary(d.id).counts).toMatchObject({
      total: 10, sent: 6, delivered: 3, opened: 2, clicked: 1, bounced: 1, softBounced: 1, failed: 2, cancelled: 1, notSent: 3,
    });
  });

  it('pause holds what is not sent, resume releases it, cancel marks it Cancelled (never sent)', () => {
    const { db, add, merge } = setup();
    add('Ann', 'ann@example.com', ['newsletter']);
    add('Bo', 'bo@example.com', ['newsletter']);
    const d = merge.create(dispatchInput.parse({ filter: {}, subject: 'News', bodyText: 'x', tracking: 'off' }));
    db.prepare("UPDATE recipients SET send_state = 'done', status = 'Sent' WHERE id = 1").run();
    expect(merge.pause(d.id)).toMatchObject({ status: 'paused', counts: { held: 1, queued: 0, sent: 1 } });
    expect(merge.resume(d.id)).toMatchObject({ status: 'sending', counts: { held: 0, queued: 1 } });
    expect(merge.cancel(d.id)).toMatchObject({ status: 'cancelled', counts: { queued: 0, notSent: 1, sent: 1 } });
    expect(db.prepare('SELECT status, send_state AS state, status_reason AS r FROM recipients WHERE id = 2').get())
      .toEqual({ status: 'Cancelled', state: 'none', r: 'not sent: you cancelled the dispatch before this copy left' });
  });

  it('refuses unknown merge fields before storing anything', () => {
    const { db, add, merge } = setup();
    add('Ann', 'ann@example.com', ['newsletter']);
    expect(() => merge.create(dispatchInput.parse({ filter: {}, subject: 'Hi {{frist_name}}', bodyText: 'x', tracking: 'off' }))).toThrow(/\{\{frist_name\}\}/);
    expect(db.prepare('SELECT count(*) AS n FROM dispatches').get()).toEqual({ n: 0 });
  });
});
