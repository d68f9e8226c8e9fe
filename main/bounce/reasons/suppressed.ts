import type { ReasonRule } from './rule';

// The sending service refused the address because it is on its suppression list.
export const suppressed: ReasonRule = {
  reason: 'suppressed',
  phrases: ['suppression list', 'suppressed', 'on the account-level suppression'],
};
