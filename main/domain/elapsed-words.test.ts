import { describe, expect, it } from 'vitest';
import { afterSending, duration, roughDuration } from './elapsed-words';

describe('elapsed words', () => {
  it.each([
    [400, '0.4 s'], [3_200, '3 s'], [59_400, '59 s'], [12 * 60_000, '12 min'], [5 * 3_600_000, '5 h'],
    [47 * 3_600_000, '47 h'], [3 * 86_400_000, '3 days'],
  ])('%d ms is "%s"', (ms, words) => {
    expect(duration(ms)).toBe(words);
  });

  it('says how long after sending, before it, or that the send time is unknown', () => {
    expect(afterSending(5_000, 2_000)).toBe('3 s after sending');
    expect(afterSending(2_000, 5_000)).toBe('3 s before the recorded send time');
    expect(afterSending(5_000, null)).toBe('at an unknown time after sending');
  });

  it('says minutes below an hour, hours below a day, then days, in whole units, roughly', () => {
    const MINUTE = 60_000;
    expect([30_000, MINUTE, 59 * MINUTE + 59_000, 60 * MINUTE, 23 * 60 * MINUTE, 24 * 60 * MINUTE, 3 * 24 * 60 * MINUTE + 5].map(roughDuration))
      .toEqual(['less than a minute', '1 minute', '59 minutes', '1 hour', '23 hours', '1 day', '3 days']);
  });
});
