import type { ReasonRule } from './rule';

// The message could not travel: no connection, DNS trouble, routing loops (transient).

/** Phrases saying the receiving server was never reached; in a final report that means expiry. */
export const UNREACHABLE: readonly string[] = [
  'connection refused', 'connection timed out', 'network is unreachable', 'no route to host', 'host is unreachable',
  'could not connect', 'unable to connect', 'host not reachable', 'server not reachable', 'unable to reach',
];

export const networkerror: ReasonRule = {
  reason: 'networkerror',
  phrases: [
    ...UNREACHABLE,
    'lost connection', 'connection reset', 'connection closed', 'temporary lookup failure', 'name server', 'dns lookup',
    'dns error', 'dns failure', 'dns query failed', 'too many hops', 'routing loop', 'mail loop', 'loops back to myself',
    'hop count exceeded', 'mail forwarding loop', 'malformed or unexpected', 'no answer from host', 'temporarily unreachable',
    'network error', 'all hosts for', 'all relevant mx records point to non-existent hosts',
  ],
  words: ['looping', 'interrupted'],
};
