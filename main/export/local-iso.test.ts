import { afterEach, describe, expect, it, vi } from 'vitest';
import { localDay, localIso } from './local-iso';

describe('localIso', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('writes the local time to the second with its offset, naming the same instant', () => {
    for (const tz of ['Europe/Berlin', 'America/St_Johns', 'Asia/Kolkata', 'UTC']) {
      vi.stubEnv('TZ', tz);
      const ms = Date.UTC(2026, 5, 20, 12, 3, 9, 750);
      const text = localIso(ms);
      expect(text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
      expect(Date.parse(text)).toBe(ms - 750);
    }
    vi.stubEnv('TZ', 'America/St_Johns');
    expect(localIso(Date.UTC(2026, 0, 1, 12))).toBe('2026-01-01T08:30:00-03:30');
    vi.stubEnv('TZ', 'Asia/Kolkata');
    expect(localIso(Date.UTC(2026, 0, 1, 20))).toBe('2026-01-02T01:30:00+05:30');
    expect(localDay(Date.UTC(2026, 0, 1, 20))).toBe('2026-01-02');
  });
});
