import type { MailSystem } from './system';
import { has } from './system';

// IBM/HCL Domino (Lotus Notes): "Your message ... was not delivered to: ... because: ..."
export const domino: MailSystem = {
  name: 'domino',
  detect: (m) => /^delivery (?:failure|report):/i.test(m.subject) && has.phrase(m, 'was not delivered to:')
    || has.header(m, 'x-mimetrack') && has.phrase(m, 'was not delivered to')
    // Older Lotus Notes SMTP gateways: fixed "------- Failure Reasons --------" / "------- Returned Message" rulers.
    || has.phrase(m, '------- failure reasons'),
  start: /^[^\n]*(?:was not delivered to:?|------- failure reasons)[^\n]*$/im,
  end: /^------- returned message/im,
  rules: [
    { reason: 'userunknown', phrases: ['not listed in domino directory', 'not listed in public name & address book', 'no such user', 'not listed in the domino directory'] },
    { reason: 'networkerror', phrases: ['unable to connect', 'network error', 'no route found to domain'] },
    { reason: 'onhold', phrases: ['message is being held', 'the message has been held'] },
  ],
};
