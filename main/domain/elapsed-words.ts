// How long something took, in words: precise for a verdict's reason ("0.4 s" decides a scanner),
// round for a notification ("12 minutes"). Pure.
import { plural } from './plural';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "0.4 s", "3 s", "12 min", "5 h", "3 days": as precise as a reader needs at that scale. */
export function duration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < SECOND) return `${(abs / SECOND).toFixed(1)} s`;
  if (abs < MINUTE) return `${Math.round(abs / SECOND)} s`;
  if (abs < HOUR) return `${Math.round(abs / MINUTE)} min`;
  if (abs < 2 * DAY) return `${Math.round(abs / HOUR)} h`;
  return `${Math.round(abs / DAY)} days`;
}

/** "less than a minute", "12 minutes", "3 hours", "2 days": the largest whole unit. */
export function roughDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < MINUTE) return 'less than a minute';
  if (abs < HOUR) return plural(Math.floor(abs / MINUTE), 'minute');
  if (abs < DAY) return plural(Math.floor(abs / HOUR), 'hour');
  return plural(Math.floor(abs / DAY), 'day');
}

/** "3 s after sending"; an event stamped before the copy's send time says so (another clock, or an earlier attempt's copy). */
export function afterSending(at: number, sentAt: number | null): string {
  if (sentAt === null) return 'at an unknown time after sending';
  return at >= sentAt ? `${duration(at - sentAt)} after sending` : `${duration(sentAt - at)} before the recorded send time`;
}
