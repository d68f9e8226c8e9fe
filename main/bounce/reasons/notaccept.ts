import type { ReasonRule } from './rule';

// The receiving domain or host does not accept mail at all (null MX, closed system).
export const notaccept: ReasonRule = {
  reason: 'notaccept',
  phrases: [
    'null mx',
    'system not accepting network messages', 'no mx found', 'indicated no smtp service',
  ],
  // "Does not accept mail from you" is a filter's refusal of the sender, not a closed domain.
  patterns: [
    /(?:does not|doesn't) accept (?:e-?)?mail(?! from| over)/, /not accepting (?:e-?)?mail(?! from)/, /accepts no (?:e-?)?mail(?! from)/,
    /no mail is accepted(?! from)/, /mail is not accepted(?! from)/, /not accepting messages(?! from)/,
  ],
};
