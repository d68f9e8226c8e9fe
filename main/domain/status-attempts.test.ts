import { describe, expect, it } from 'vitest';
import { afterAttempt, isNeverSent } from './status';

describe('afterAttempt (a retry or a resend of one copy)', () => {
  it('while no server accepted the copy, the latest answer is its status', () => {
    expect(afterAttempt('Bounced', 'Sent', false)).toBe('Sent');
    expect(afterAttempt('Blocked', 'Sent', false)).toBe('Sent');
    expect(afterAttempt('Failed', 'Sent', false)).toBe('Sent');
    expect(afterAttempt('Soft Bounced', 'Bounced', false)).toBe('Bounced');
  });
  it('once accepted, statuses only move forward', () => {
    expect(afterAttempt('Bounced', 'Sent', true)).toBe('Bounced');
    expect(afterAttempt('Delivered', 'Sent', true)).toBe('Delivered');
    expect(afterAttempt('Soft Bounced', 'Sent', true)).toBe('Soft Bounced');
  });
  it('keeps Cancelled final: a cancelled copy never leaves', () => {
    expect(isNeverSent('Cancelled')).toBe(true);
    expect(afterAttempt('Cancelled', 'Sent', false)).toBe('Cancelled');
  });
});
