import type { ReasonRule } from './rule';

// The receiving system is out of storage (soft).
export const systemfull: ReasonRule = {
  reason: 'systemfull',
  phrases: [
    'insufficient system storage', 'mail system full', 'out of disk space', 'no space left on device',
    'insufficient disk space', 'system storage', 'system full', 'disk full', 'out of disk',
    'insufficient system resources',
  ],
};
