import type { ReasonRule } from './rule';

// The sending IP or domain has a poor reputation at the receiver.
export const badreputation: ReasonRule = {
  reason: 'badreputation',
  phrases: ['reputation', 'sender score', 'low sender score'],
};
