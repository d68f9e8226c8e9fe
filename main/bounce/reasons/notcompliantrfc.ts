import type { ReasonRule } from './rule';

// The message breaks the mail format standards (headers, line endings).
export const notcompliantrfc: ReasonRule = {
  reason: 'notcompliantrfc',
  phrases: [
    'rfc 5322', 'rfc5322', 'rfc 2822', 'rfc2822', 'rfc 822', 'rfc822 specifications', 'not compliant',
    'duplicate header', 'multiple from', 'bare lf', 'bare linefeed', 'header is missing', 'missing header',
    'improperly formatted', 'non-compliant', 'noncompliant', 'invalid header', 'malformed header',
    'multiple addresses in from', 'more than one from',
  ],
};
