// Quiet hours: a window of local time, which may wrap midnight (22:00–07:00), when nothing pops up.
import type { Preferences } from '../api/contract';

export type NotificationSettings = Preferences['notifications'];

const minuteOfDay = (hhmm: string) => {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

/** Whether `at` (the machine's local time) is within the quiet hours: from the start, up to but not at the end. */
export function isQuiet(s: Pick<NotificationSettings, 'quietHours' | 'quietFrom' | 'quietTo'>, at: Date): boolean {
  if (!s.quietHours) return false;
  const now = at.getHours() * 60 + at.getMinutes();
  const from = minuteOfDay(s.quietFrom);
  const to = minuteOfDay(s.quietTo);
  return from <= to ? now >= from && now < to : now >= from || now < to;
}
