import type { MailSystem } from './system';
import { has } from './system';

// Postfix: "This is the mail system at host ..." and recipients as "<addr>: reason".
export const postfix: MailSystem = {
  name: 'postfix',
  detect: (m) => has.phrase(m, 'this is the mail system at host', 'this is the postfix program at host') || has.header(m, 'x-postfix-queue-id'),
  start: /^(?:this is the (?:mail system|postfix program) at host[^\n]*|[^\n]*could not be delivered to one or more recipients[^\n]*)$/im,
  end: /^[ \t]*-{2,}\s*(?:original message|enclosed message|undelivered message)|^content-description: undelivered message/im,
};
