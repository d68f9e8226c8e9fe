import type { ReasonRule } from './rule';

// The message carries a virus or malware.
export const virusdetected: ReasonRule = {
  reason: 'virusdetected',
  phrases: [
    'virus', 'malware', 'trojan', 'worm detected',
    // Other languages ("virus" itself is the word in de, fr, es, it, pt, nl).
    'wirus', 'złośliwe oprogramowanie', // pl
    'вирус', 'вредоносн', // ru
    'ウイルス', 'ウィルス', 'マルウェア', // ja
  ],
  words: [
    'infected', 'malicious',
  ],
};
