import { describe, expect, it } from 'vitest';
import { tempCore } from '../test/temp-core';
import { emailAggregates } from './email-aggregates';

describe('email aggregates', () => {
  it('derive the Outbox columns from the recipients', () => {
    const { db } = tempCore();
    const emailId = Number(db.prepare(`INSERT INTO emails (message_id, from_address, subject, tracking, created_at) VALUES ('<a@x>', 'me@example.com', 'Hi', 'opens', 1)`).run().lastInsertRowid);
    const add = db.prepare(`INSERT INTO recipients (email_id, kind, display_name, address, address_norm, status, tracked, views, first_viewed_at, last_viewed_at, last_program, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, 1)`);
    add.run(emailId, 'cc', 'Cy', 'cy@example.com', 'cy@example.com', 'Opened', 2, 100, 300, 'Thunderbird');
    add.run(emailId, 'to', 'Ann', 'ann@example.com', 'ann@example.com', 'Opened', 1, 50, 200, 'Apple Mail');
    add.run(emailId, 'bcc', '', 'dee@example.com', 'dee@example.com', 'Bounced', 0, null, null, null);
    emailAggregates(db)(emailId);
    expect(db.prepare('SELECT recipients_label, recipient_count, status, viewed, first_viewed_at, last_viewed_at, total_views, last_program FROM emails').get()).toEqual({
      recipients_label: 'Ann, Cy +1', recipient_count: 3, status: 'Bounced', viewed: 'Read',
      first_viewed_at: 50, last_viewed_at: 300, total_views: 3, last_program: 'Thunderbird',
    });
    db.prepare("UPDATE emails SET tracking = 'off'").run();
    emailAggregates(db)(emailId);
    expect(db.prepare('SELECT viewed FROM emails').get()).toEqual({ viewed: 'Untracked' });
  });

  it('shows a tracked email whose recipients were never sent as Failed, not Untracked', () => {
    const { db } = tempCore();
    const emailId = Number(db.prepare(`INSERT INTO emails (message_id, from_address, subject, tracking, created_at) VALUES ('<b@x>', 'me@example.com', 'Hi', 'opens_clicks', 1)`).run().lastInsertRowid);
    db.prepare(`INSERT INTO recipients (email_id, kind, display_name, address, address_norm, status, tracked, views, updated_at)
      VALUES (?, 'to', 'Ann', 'ann@', 'ann@', 'Failed', 0, 0, 1)`).run(emailId);
    emailAggregates(db)(emailId);
    expect(db.prepare('SELECT viewed FROM emails').get()).toEqual({ viewed: 'Failed' });
  });
});
