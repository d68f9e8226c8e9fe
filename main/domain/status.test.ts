import { describe, expect, it } from 'vitest';
import { advance, emailStatus, emailViewed } from './status';

describe('advance (forward only)', () => {
  it('moves forward along the progress order', () => {
    expect(advance('Unsent', 'Sent')).toBe('Sent');
    expect(advance('Sent', 'Delivered')).toBe('Delivered');
    expect(advance('Soft Bounced', 'Delivered')).toBe('Delivered');
    expect(advance('Soft Bounced', 'Bounced')).toBe('Bounced');
  });
  it('never lets a late bounce overwrite Delivered or Opened', () => {
    expect(advance('Delivered', 'Bounced')).toBe('Delivered');
    expect(advance('Opened', 'Soft Bounced')).toBe('Opened');
    expect(advance('Opened', 'Delivered')).toBe('Opened');
  });
  it('keeps never-sent statuses final, and sets them only before sending', () => {
    expect(advance('Blocked', 'Sent')).toBe('Blocked');
    expect(advance('Unsent', 'Duplicate')).toBe('Duplicate');
    expect(advance('Sent', 'Failed')).toBe('Sent');
  });
});

describe('emailStatus', () => {
  it('summarizes what needs attention first', () => {
    expect(emailStatus([])).toBe('Unsent');
    expect(emailStatus(['Failed', 'Blocked'])).toBe('Failed');
    expect(emailStatus(['Sent', 'Unsent'])).toBe('Unsent');
    expect(emailStatus(['Opened', 'Bounced'])).toBe('Bounced');
    expect(emailStatus(['Opened', 'Sent', 'Duplicate'])).toBe('Opened');
    expect(emailStatus(['Delivered', 'Delivered'])).toBe('Delivered');
    expect(emailStatus(['Delivered', 'Sent'])).toBe('Sent');
  });
});

describe('emailViewed', () => {
  it('aggregates all recipients', () => {
    expect(emailViewed(false, [{ status: 'Opened', views: 3 }])).toBe('Untracked');
    expect(emailViewed(true, [{ status: 'Sent', views: 0 }, { status: 'Opened', views: 1 }])).toBe('Read');
    expect(emailViewed(true, [{ status: 'Sent', views: 0 }])).toBe('Unread');
    expect(emailViewed(true, [{ status: 'Bounced', views: 0 }, { status: 'Failed', views: 0 }])).toBe('Failed');
  });

  it('never calls a tracked email that reached no one "Untracked"', () => {
    // Copies never sent carry no pixel (tracked false), yet the email was tracked.
    expect(emailViewed(true, [{ status: 'Failed', views: 0, tracked: false }])).toBe('Failed');
    expect(emailViewed(true, [{ status: 'No Email Selected', views: 0, tracked: false }, { status: 'Bounced', views: 0, tracked: false }])).toBe('Failed');
    // Queued, with a pixel to come: Unread. Every reachable copy without one (no consent): Untracked.
    expect(emailViewed(true, [{ status: 'Unsent', views: 0, tracked: true }, { status: 'Failed', views: 0, tracked: false }])).toBe('Unread');
    expect(emailViewed(true, [{ status: 'Sent', views: 0, tracked: false }, { status: 'Failed', views: 0, tracked: false }])).toBe('Untracked');
  });
});
