import type { ReasonRule } from './rule';

// The sender is sending too fast for the receiver (transient).
export const speeding: ReasonRule = {
  reason: 'speeding',
  phrases: [
    'rate limit', 'ratelimit', 'rate-limit', 'sending too fast', 'too fast', 'throttled', 'throttling',
    'receiving mail at a rate', 'too many messages', 'slow down', 'try again slower', 'sending rate',
  ],
};
