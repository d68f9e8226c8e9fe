import { describe, expect, it } from 'vitest';
import { isQuiet } from './quiet-hours';

/** Local time on a day, as the user's clock shows it. */
const at = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return new Date(2026, 2, 1, h, m);
};
const quiet = (quietFrom: string, quietTo: string, times: string[]) => times.filter((t) => isQuiet({ quietHours: true, quietFrom, quietTo }, at(t)));

describe('quiet hours', () => {
  it('hold from their start up to, not at, their end', () => {
    expect(quiet('09:00', '17:00', ['08:59', '09:00', '12:00', '16:59', '17:00', '23:00'])).toEqual(['09:00', '12:00', '16:59']);
  });

  it('may wrap midnight', () => {
    expect(quiet('22:00', '07:00', ['21:59', '22:00', '23:30', '00:00', '03:00', '06:59', '07:00', '12:00'])).toEqual(['22:00', '23:30', '00:00', '03:00', '06:59']);
  });

  it('are never quiet while switched off', () => {
    expect(isQuiet({ quietHours: false, quietFrom: '00:00', quietTo: '23:59' }, at('12:00'))).toBe(false);
  });
});
