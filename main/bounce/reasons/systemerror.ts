import type { ReasonRule } from './rule';

// The receiving system failed internally (transient).
export const systemerror: ReasonRule = {
  reason: 'systemerror',
  phrases: [
    'system error', 'internal error', 'server error', 'local error in processing', 'temporary local problem',
    'i/o error', 'resources temporarily unavailable', 'internal server error', 'configuration error',
    'system problem', 'system is unavailable', 'too many recursive', 'routing error', 'mail system error',
    'server misconfiguration', 'local problem', 'service currently unavailable', 'upstream error',
  ],
  words: [
    'service not available', 'temporarily unavailable', 'try again later', 'try later',
  ],
};
