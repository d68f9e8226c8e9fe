import type { ReasonRule } from './rule';

// The receiving system refuses more connections right now (transient).
export const toomanyconn: ReasonRule = {
  reason: 'toomanyconn',
  phrases: [
    'too many connections', 'too many simultaneous', 'connection limit', 'too many concurrent', 'too many sessions',
    'too many recipients', 'too many open connections', 'maximum number of connections',
  ],
};
