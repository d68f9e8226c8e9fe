import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../db/migrate';
import { dispatchActivity } from './dispatch-activity';

let db: Database.Database;
let chart: ReturnType<typeof dispatchActivity>;
let seq = 0;
const event = (emailId: number, kind: 'open' | 'click', at: number, verdict = 'person') =>
  db.prepare(`INSERT INTO tracking_events (source, source_id, email_id, kind, at, verdict) VALUES ('r', ?, ?, ?, ?, ?)`).run(String(++seq), emailId, kind, at, verdict);
const local = (day: number, hour: number, minute = 0) => new Date(2027, 2, day, hour, minute).getTime();

beforeEach(() => {
  db = new Database(':memory:');
  migrate(db);
  db.exec(`
    INSERT INTO dispatches (id, name, subject, created_at) VALUES (1, 'n', 'News', 1), (2, 'n', 'Other', 1);
    INSERT INTO emails (id, message_id, from_address, subject, tracking, created_at, dispatch_id) VALUES
      (1, '<1@x>', 'me@x', 'News', 'opens_clicks', 1, 1), (2, '<2@x>', 'me@x', 'News', 'opens_clicks', 1, 1), (3, '<3@x>', 'me@x', 'Other', 'opens_clicks', 1, 2);
  `);
  chart = dispatchActivity(db);
});

describe('dispatchActivity', () => {
  it("counts people's opens and clicks per hour over its emails, every hour from the first to the last, machines left out", () => {
    event(1, 'open', local(5, 9, 10));
    event(2, 'open', local(5, 9, 50));
    event(2, 'click', local(5, 9, 51));
    event(1, 'open', local(5, 12, 5), 'mail_proxy');
    event(1, 'open', local(5, 10, 0), 'privacy_prefetch');
    event(1, 'click', local(5, 11, 0), 'security_scanner');
    event(3, 'open', local(5, 11, 0));
    expect(chart(1)).toEqual({
      bucket: 'hour',
      points: [
        { at: local(5, 9), opens: 2, clicks: 1 },
        { at: local(5, 10), opens: 0, clicks: 0 },
        { at: local(5, 11), opens: 0, clicks: 0 },
        { at: local(5, 12), opens: 1, clicks: 0 },
      ],
    });
  });

  it('counts per local day once the events span more than a week, and is empty before any', () => {
    expect(chart(1)).toEqual({ bucket: 'hour', points: [] });
    event(1, 'open', local(1, 23, 59));
    event(1, 'open', local(20, 0, 1));
    const { bucket, points } = chart(1);
    expect(bucket).toBe('day');
    expect(points).toHaveLength(20);
    expect(points[0]).toEqual({ at: local(1, 0), opens: 1, clicks: 0 });
    expect(points.at(-1)).toEqual({ at: local(20, 0), opens: 1, clicks: 0 });
  });

  it('counts per week from Monday once days would be too many', () => {
    event(1, 'click', new Date(2027, 0, 6, 12).getTime()); // a Wednesday
    event(1, 'open', new Date(2027, 11, 31, 12).getTime());
    const { bucket, points } = chart(1);
    expect(bucket).toBe('week');
    expect(points[0]).toEqual({ at: new Date(2027, 0, 4).getTime(), opens: 0, clicks: 1 });
    expect(points.at(-1)).toEqual({ at: new Date(2027, 11, 27).getTime(), opens: 1, clicks: 0 });
    expect(points).toHaveLength(52);
  });

  it('refuses a dispatch that does not exist', () => {
    expect(() => chart(9)).toThrow('Dispatch 9 does not exist');
  });
});
