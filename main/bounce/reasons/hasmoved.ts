import type { ReasonRule } from './rule';

// The person moved to another address (hard: the old one is gone).
export const hasmoved: ReasonRule = {
  reason: 'hasmoved',
  phrases: ['has moved', 'user moved', 'address has changed', 'no longer at this address', 'mailbox has been moved'],
};
