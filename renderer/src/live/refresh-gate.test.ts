import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveEvent } from '../../../main/api/contract';
import { refreshGate, touches } from './refresh-gate';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('touches', () => {
  it('matches on a shared view, and on the email when one is given', () => {
    const event: LiveEvent = { views: ['details', 'outbox'], emailIds: [4, 9] };
    expect(touches(event, ['outbox'])).toBe(true);
    expect(touches(event, ['failed'])).toBe(false);
    expect(touches(event, ['details'], 9)).toBe(true);
    expect(touches(event, ['details'], 5)).toBe(false);
    expect(touches({ views: ['details'], emailIds: null }, ['details'], 5)).toBe(true);
  });
});

describe('refreshGate', () => {
  it('refreshes at once after a quiet spell, then at most once per gap, and once after the last poke', () => {
    const refresh = vi.fn();
    const gate = refreshGate(refresh, 400);
    gate.poke();
    vi.advanceTimersByTime(0);
    expect(refresh).toHaveBeenCalledTimes(1);
    for (let t = 0; t < 1000; t += 50) {
      gate.poke();
      vi.advanceTimersByTime(50);
    }
    expect(refresh).toHaveBeenCalledTimes(3); // at 400 and 800 ms, not 20 times
    vi.advanceTimersByTime(400);
    expect(refresh).toHaveBeenCalledTimes(4); // the pokes after 800 ms are read too
    vi.advanceTimersByTime(5000);
    expect(refresh).toHaveBeenCalledTimes(4);
  });

  it('does nothing after cancel', () => {
    const refresh = vi.fn();
    const gate = refreshGate(refresh, 400);
    gate.poke();
    gate.cancel();
    vi.advanceTimersByTime(1000);
    expect(refresh).not.toHaveBeenCalled();
  });
});
