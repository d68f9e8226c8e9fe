import type { ReasonRule } from './rule';

// The message carries a virus or malware.
export const virusdetected: ReasonRule = {
  reason: 'virusdetected',
  phrases: [
    'virus', 'malware', 'trojan', 'worm detected',
  ],
  words: [
    'infected', 'malicious',
  ],
};
