// How long after sending an event came, in words for a verdict's reason. Pure.

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

/** "3 s after sending"; an event stamped before the copy's send time says so (another clock, or an earlier attempt's copy). */
export function afterSending(at: number, sentAt: number | null): string {
  if (sentAt === null) return 'at an unknown time after sending';
  return at >= sentAt ? `${duration(at - sentAt)} after sending` : `${duration(sentAt - at)} before the recorded send time`;
}
