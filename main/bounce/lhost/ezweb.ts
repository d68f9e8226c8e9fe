import type { MailSystem } from './system';
import { has } from './system';

// au by KDDI (EZweb) mobile mail: "Mail System Error - Returned Mail" from its postmaster.
export const ezweb: MailSystem = {
  name: 'ezweb',
  detect: (m) => has.header(m, 'from', /postmaster@ezweb\.ne\.jp/i) || has.received(m, /\(EZweb Mail\)/),
  // Its spam and reception filter marks the refusals it writes with "X-SPASIGN: NG"; the text
  // then only says the recipient "was rejected".
  named: (m) => (/^\s*ng\b/i.test(m.headers.get('x-spasign')) ? 'filtered' : ''),
  rules: [
    { reason: 'mailboxfull', phrases: ['account is temporarily over quota'] },
    { reason: 'suspend', phrases: ['account is disabled', 'account is temporarily limited'] },
  ],
};
