import type { ReasonRule } from './rule';

// The content was judged to be spam.
export const spamdetected: ReasonRule = {
  reason: 'spamdetected',
  phrases: [
    'junk mail', 'unsolicited', 'bulk mail', 'bulk e-mail', 'identified as junk', 'content filter rejected',
    'message content rejected', 'scored too high', 'score too high', 'looks suspicious', 'suspicious content',
    'spam classification', 'flagged as spam', 'detected as spam', 'classified as spam', 'message is spam',
    'considered spam', 'spam message',
  ],
  words: [
    'spam',
  ],
};
