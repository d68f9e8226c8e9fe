import type { ReasonRule } from './rule';

// The sender's domain failed SPF, DKIM or DMARC checks.
export const authfailure: ReasonRule = {
  reason: 'authfailure',
  phrases: [
    'spf check', 'spf fail', 'spf validation', 'spf record', 'spf policy', 'bad spf', 'dmarc policy', "domain's dmarc",
    'dmarc check', 'dmarc fail', 'dmarc validation', 'dkim signature', 'dkim check', 'dkim fail', 'dkim validation',
    'sender policy framework', 'domainkeys', 'not authorized to send on behalf',
    'sender authentication', 'unauthenticated email', 'authentication check', 'does not designate',
    'arc validation', 'fails authentication', 'sender is unauthenticated', 'mail is unauthenticated',
  ],
  words: ['spf', 'dkim', 'dmarc'],
};
