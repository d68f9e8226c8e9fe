import type { MailSystem } from './system';
import { has } from './system';

// Oracle (Sun, iPlanet) Messaging Server: "This report relates to a message you sent".
export const messagingserver: MailSystem = {
  name: 'messagingserver',
  detect: (m) => has.phrase(m, 'this report relates to a message you sent with the following header fields')
    || /multipart\/report; ?report-type=delivery-status; ?boundary="?boundary_\(id_/i.test(m.headers.raw('content-type')),
  rules: [
    { reason: 'mailboxfull', phrases: ['mailbox full', 'over quota', 'quota exceeded'] },
    { reason: 'hostunknown', phrases: ['illegal host/domain name found'] },
    { reason: 'notaccept', phrases: ['null mx'] },
  ],
};
