import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventApplier } from '../tracking/apply-events';
import { dropSentEmail, sentEmail, type SentEmail } from '../tracking/sent-email.fixture';
import { unknownCopies } from './unknown-copies';

const SENT = Date.parse('2026-03-01T12:00:00Z');
let f: SentEmail;

const copy = (id: number) => f.db.prepare(`SELECT send_state AS state, status, status_reason AS reason FROM recipients WHERE id = ?`).get(id);
const notice = () => f.db.prepare(`SELECT count FROM notices WHERE kind = 'send_unknown' AND seen_at IS NULL`).all();

beforeEach(() => {
  f = sentEmail(SENT);
  // Both copies caught by a crash after their messages began to leave.
  f.db.prepare(`UPDATE recipients SET send_state = 'unknown', status = 'Unsent'`).run();
  unknownCopies(f.db).recount(SENT);
});
afterEach(() => dropSentEmail(f));

describe('copies that may or may not have left', () => {
  it('"Mark as sent" makes them Sent, says who decided, and the notice counts what is left', () => {
    expect(notice()).toEqual([{ count: 2 }]);
    expect(unknownCopies(f.db).markSent([f.clientId], SENT + 1)).toBe(1);
    expect(copy(f.clientId)).toEqual({ state: 'done', status: 'Sent', reason: 'you marked it as sent after checking' });
    expect(notice()).toEqual([{ count: 1 }]);
    // Only an unknown copy can be marked: a second press, or a copy in another state, changes nothing.
    expect(unknownCopies(f.db).markSent([f.clientId], SENT + 2)).toBe(0);
    expect(unknownCopies(f.db).markSent([f.selfId], SENT + 3)).toBe(1);
    expect(notice()).toEqual([]);
    expect(f.db.prepare(`SELECT status FROM emails WHERE id = ?`).get(f.emailId)).toEqual({ status: 'Sent' });
  });

  it("an open of the copy's own pixel settles it (it left), and the open counts", () => {
    const apply = eventApplier(f.db);
    apply('https://relay.example', {
      events: [{ id: 'e1', kind: 'open', emailId: f.emailId, recipientId: f.clientId, at: new Date(SENT + 3_600_000).toISOString(), ip: '198.51.100.20',
        userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)', method: 'GET' }],
      next: 'e1', more: false,
    }, SENT + 3_700_000);
    expect(copy(f.clientId)).toMatchObject({ state: 'done', status: 'Opened' });
    expect(copy(f.selfId)).toMatchObject({ state: 'unknown', status: 'Unsent' });
    expect(notice()).toEqual([{ count: 1 }]);
  });
});
