import type { ReasonRule } from './rule';

// The receiving domain or host does not accept mail at all (null MX, closed system).
export const notaccept: ReasonRule = {
  reason: 'notaccept',
  phrases: [
    'does not accept mail', 'accepts no mail', 'not accepting mail', 'no mail is accepted', 'null mx',
    'mail is not accepted', 'not accepting messages', 'does not accept e-mail',
    'system not accepting network messages', 'no mx found', 'indicated no smtp service',
  ],
};
