import type { ReasonRule } from './rule';

// The sender's domain failed SPF, DKIM or DMARC checks.
export const authfailure: ReasonRule = {
  reason: 'authfailure',
  phrases: [
    'spf', 'dkim', 'dmarc', 'sender policy framework', 'domainkeys', 'not authorized to send on behalf',
    'sender authentication', 'unauthenticated email', 'authentication check', 'does not designate',
    'arc validation', 'fails authentication',
  ],
};
