import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveEvent } from '../api/contract';
import { liveBus } from './live-bus';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('live bus', () => {
  it('gathers a burst into one event per window, views and emails merged and sorted', () => {
    const bus = liveBus({ windowMs: 150 });
    const heard: LiveEvent[] = [];
    bus.subscribe((e) => heard.push(e));
    for (let i = 10_000; i > 0; i--) bus.publish({ views: ['outbox', 'details'], emailIds: [i % 7] });
    bus.publish({ views: ['notices'] });
    expect(heard).toEqual([]);
    vi.advanceTimersByTime(150);
    expect(heard).toEqual([{ views: ['details', 'notices', 'outbox'], emailIds: [0, 1, 2, 3, 4, 5, 6] }]);
    bus.publish({ views: ['mailbox'] });
    vi.advanceTimersByTime(150);
    expect(heard[1]).toEqual({ views: ['mailbox'], emailIds: [] });
  });

  it('says "any email" past the limit instead of listing thousands', () => {
    const bus = liveBus({ windowMs: 100, maxEmailIds: 3 });
    const heard: LiveEvent[] = [];
    bus.subscribe((e) => heard.push(e));
    bus.publish({ views: ['outbox'], emailIds: [1, 2, 3, 4] });
    bus.publish({ views: ['outbox'], emailIds: [5] });
    vi.advanceTimersByTime(100);
    expect(heard).toEqual([{ views: ['outbox'], emailIds: null }]);
    bus.publish({ views: ['outbox'], emailIds: [9] });
    vi.advanceTimersByTime(100);
    expect(heard[1]).toEqual({ views: ['outbox'], emailIds: [9] });
  });

  it('stops telling a listener once it unsubscribes, and keeps telling the others when one throws', () => {
    const bus = liveBus({ windowMs: 10, log: () => {} });
    const a = vi.fn();
    const b = vi.fn(() => {
      throw new Error('socket gone');
    });
    const c = vi.fn();
    const offA = bus.subscribe(a);
    bus.subscribe(b);
    bus.subscribe(c);
    bus.publish({ views: ['failed'] });
    vi.advanceTimersByTime(10);
    expect(a).toHaveBeenCalledTimes(1);
    expect(c).toHaveBeenCalledTimes(1);
    offA();
    bus.publish({ views: ['failed'] });
    vi.advanceTimersByTime(10);
    expect(a).toHaveBeenCalledTimes(1);
    expect(c).toHaveBeenCalledTimes(2);
  });

  it('keeps nothing and sets no timer while nobody listens, and nothing after close', () => {
    const bus = liveBus({ windowMs: 10 });
    bus.publish({ views: ['outbox'], emailIds: [1] });
    expect(vi.getTimerCount()).toBe(0);
    const heard = vi.fn();
    bus.subscribe(heard);
    bus.publish({ views: ['outbox'], emailIds: [2] });
    bus.close();
    vi.advanceTimersByTime(10);
    expect(heard).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });
});
