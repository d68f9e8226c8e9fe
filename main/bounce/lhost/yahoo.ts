import type { MailSystem } from './system';
import { has } from './system';

// Yahoo Mail: "Sorry, we were unable to deliver your message to the following address."
export const yahoo: MailSystem = {
  name: 'yahoo',
  detect: (m) => has.phrase(m, 'we were unable to deliver your message to the following address')
    || has.header(m, 'x-ymailisg'),
  start: /^sorry,? we were unable to deliver your message to the following address[^\n]*$/im,
  end: /^[ \t]*-{2,} ?below this line is a copy of the message/im,
};
