import type { MailSystem } from './system';
import { has } from './system';

// Courier MTA.
export const courier: MailSystem = {
  name: 'courier',
  detect: (m) => has.phrase(m, 'courier mail server at', 'your message to the following recipients cannot be delivered')
    || has.header(m, 'from', /courier mail server/i),
  start: /^[^\n]*(?:cannot be delivered|has been delayed)[^\n]*$/im,
};
