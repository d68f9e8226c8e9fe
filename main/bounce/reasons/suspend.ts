import type { ReasonRule } from './rule';

// The mailbox exists but is disabled, locked or inactive (soft: it may come back).
export const suspend: ReasonRule = {
  reason: 'suspend',
  phrases: [
    'account disabled', 'account has been disabled', 'account is disabled', 'mailbox disabled',
    'mailbox is disabled', 'account is inactive', 'inactive account', 'mailbox is inactive', 'account suspended',
    'account has been suspended', 'account is suspended', 'mailbox suspended', 'account is locked', 'account locked',
    'mailbox is locked', 'account has been deactivated', 'account deactivated', 'disabled mailbox',
    'mailbox not active', 'not an active', 'is not active', 'temporarily disabled', 'account expired',
    'account is expired', 'recipient suspended', 'user suspended', 'is frozen', 'has been frozen',
    'account unavailable', 'currently suspended', 'mailbox has been disabled', 'disabled recipient',
    'user account is unavailable', 'recipient is inactive', 'account inactive', 'temporarily locked',
    'temporary locked',
  ],
};
