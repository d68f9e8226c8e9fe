// A dispatch's opens and clicks by people over time, bucketed here (not in the renderer) so the
// chart receives a few hundred points whatever the number of events.
import type { DispatchActivity } from '../api/contract';
import { notFound } from '../api/errors';
import type { Db } from '../db/open-database';
import { COUNTED_VERDICTS } from '../domain/views';
import { prepareAll } from '../store/prepare';

const HOUR = 3_600_000;
/** The finest bucket that keeps the chart at or under this many points. */
const MAX_POINTS = 200;
/** Weeks have no coarser bucket: a stray event dated decades away must still not loop long. */
const MAX_WEEKS = 2_000;

type Bucket = DispatchActivity['bucket'];
// Buckets follow the local clock (days start at local midnight across DST, weeks on Monday):
// SQLite's 'localtime' and JavaScript's Date read the same time zone of this process.
const KEY: Record<Bucket, string> = {
  hour: `strftime('%Y-%m-%d %H', t.at / 1000, 'unixepoch', 'localtime')`,
  day: `date(t.at / 1000, 'unixepoch', 'localtime')`,
  week: `date(t.at / 1000, 'unixepoch', 'localtime', '-6 days', 'weekday 1')`,
};
const SPAN: Record<Bucket, number> = { hour: HOUR, day: 24 * HOUR, week: 7 * 24 * HOUR };

const PEOPLE = COUNTED_VERDICTS.map((v) => `'${v}'`).join(', ');
const EVENTS = `FROM emails e JOIN tracking_events t ON t.email_id = e.id WHERE e.dispatch_id = :id AND t.verdict IN (${PEOPLE})`;
const counts = (bucket: Bucket) => `SELECT ${KEY[bucket]} AS key, sum(t.kind = 'open') AS opens, sum(t.kind = 'click') AS clicks ${EVENTS} GROUP BY key`;
const SQL = {
  dispatch: `SELECT 1 FROM dispatches WHERE id = ?`,
  span: `SELECT min(t.at) AS first, max(t.at) AS last ${EVENTS}`,
  hour: counts('hour'),
  day: counts('day'),
  week: counts('week'),
} as const;

const pad = (n: number) => String(n).padStart(2, '0');
const dayKey = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** The local start of the bucket holding `at`, a step to the next one, and the key SQL gives it. */
function calendar(bucket: Bucket, at: number) {
  const start = new Date(at);
  if (bucket === 'hour') start.setMinutes(0, 0, 0);
  else start.setHours(0, 0, 0, 0);
  if (bucket === 'week') start.setDate(start.getDate() - ((start.getDay() + 6) % 7));
  return {
    start,
    next: (d: Date) => (bucket === 'hour' ? new Date(d.getTime() + HOUR) : new Date(d.getFullYear(), d.getMonth(), d.getDate() + (bucket === 'week' ? 7 : 1))),
    key: (d: Date) => (bucket === 'hour' ? `${dayKey(d)} ${pad(d.getHours())}` : dayKey(d)),
  };
}

export function dispatchActivity(db: Db) {
  const q = prepareAll(db, SQL);
  return (id: number): DispatchActivity => {
    if (!q.dispatch.get(id)) throw notFound('Dispatch', id);
    const { first, last } = q.span.get({ id }) as { first: number | null; last: number | null };
    if (first === null || last === null) return { bucket: 'hour', points: [] };
    const bucket = (['hour', 'day'] as const).find((b) => (last - first) / SPAN[b] < MAX_POINTS) ?? 'week';
    const counted = new Map((q[bucket].all({ id }) as { key: string; opens: number; clicks: number }[]).map((c) => [c.key, c]));
    const cal = calendar(bucket, first);
    const points: DispatchActivity['points'] = [];
    for (let d = cal.start; d.getTime() <= last && points.length < MAX_WEEKS; d = cal.next(d)) {
      const c = counted.get(cal.key(d));
      points.push({ at: d.getTime(), opens: c?.opens ?? 0, clicks: c?.clicks ?? 0 });
    }
    return { bucket, points };
  };
}
