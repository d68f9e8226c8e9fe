import type { ReasonRule } from './rule';

// The sending host lacks reverse DNS (PTR) or it does not match.
export const requireptr: ReasonRule = {
  reason: 'requireptr',
  phrases: [
    'reverse dns', 'reverse-dns', 'ptr record', 'no ptr', 'rdns', 'reverse lookup', 'reverse hostname',
    'cannot find your hostname', 'reverse mapping', 'reverse address', 'ip name lookup failed', 'no reverse',
    'reverse dns entry', 'does not have a ptr', 'forward and reverse', 'hostname lookup', 'reverse name', 'mismatches client ip', 'does not match your ip',
  ],
};
