import type { MailSystem } from './system';
import { has } from './system';

// Google Groups refusing a post (not a member, no permission to post): the sender is refused.
// Signature: Google's daemon names a googlegroups.com address as the failed recipient.
export const googlegroups: MailSystem = {
  name: 'googlegroups',
  detect: (m) => has.header(m, 'x-failed-recipients', /@googlegroups\.com/i),
  read: (m) => m.headers.all('x-failed-recipients').flatMap((v) => v.split(',')).map((a) => ({
    address: a.trim().toLowerCase(),
    text: 'google groups: the group refused the post from this sender',
  })),
  rules: [{ reason: 'rejected', phrases: ['the group refused the post'] }],
};
