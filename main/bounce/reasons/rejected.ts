import type { ReasonRule } from './rule';

// The envelope sender (MAIL FROM) is refused.
export const rejected: ReasonRule = {
  reason: 'rejected',
  phrases: [
    'sender rejected', 'is not a registered gateway user', 'sender address rejected', 'domain of sender address', 'sender verify failed',
    'sender domain', 'envelope sender', 'bad sender', 'invalid sender', 'sender unknown', 'unknown sender',
    'sender denied', 'sender is not allowed', 'sender not allowed', 'sender blocked', 'not allowed to post',
    'only members can post', 'refused mail from', 'sender address', 'sender verification', 'not a member',
    "doesn't have permission to post", 'does not have permission to post', 'reject sender', 'purported responsible address',
  ],
  words: [
    'from address', 'return path', 'mail rejected',
  ],
};
