import type { ReasonRule } from './rule';

// The message could not travel: no connection, DNS trouble, routing loops (transient).
export const networkerror: ReasonRule = {
  reason: 'networkerror',
  phrases: [
    'connection refused', 'connection timed out', 'network is unreachable', 'no route to host',
    'host is unreachable', 'lost connection', 'connection reset', 'connection closed', 'could not connect',
    'unable to connect', 'temporary lookup failure', 'name server', 'dns lookup', 'dns error', 'dns failure',
    'dns query failed', 'too many hops', 'routing loop', 'mail loop', 'loops back to myself', 'hop count exceeded',
    'mail forwarding loop', 'malformed or unexpected', 'host not reachable', 'server not reachable',
    'unable to reach', 'no answer from host', 'temporarily unreachable', 'network error', 'all hosts for',
    'all relevant mx records point to non-existent hosts', 'dns query failed',
  ],
  words: [
    'looping', 'interrupted',
  ],
};
