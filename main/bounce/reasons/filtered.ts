import type { ReasonRule } from './rule';

// The recipient's own filter or settings refused the message.
export const filtered: ReasonRule = {
  reason: 'filtered',
  phrases: [
    "recipient's filter", 'user filter', 'refused by the recipient',
    'recipient has rejected', 'does not accept mail from you', 'not accept mail from', 'user refuses',
    'refused by user', 'recipient refused', 'mail refused', 'due to user preferences',
    'not authorized to receive', 'recipient preferences',
  ],
  words: [
    'filtered',
  ],
};
