import type { MailSystem } from './system';
import { has } from './system';

// qmail and its descendants (netqmail, vpopmail, Yahoo's old bounces share the layout).
export const qmail: MailSystem = {
  name: 'qmail',
  detect: (m) => has.phrase(m, 'this is the qmail-send program', 'qmail-send program at')
    || has.received(m, /\(qmail \d+ invoked for bounce\)/i),
  start: /^[^\n]*(?:wasn't able to deliver your message to the following addresses|unable to deliver your message to the following address)[^\n]*$/im,
  end: /^[ \t]*-{2,} ?(?:below this line is a copy of the message|enclosed is a copy of the message|original message)/im,
  rules: [
    { reason: 'suspend', phrases: ['account is locked', 'account is disabled', 'mailbox is disabled'] },
    { reason: 'userunknown', phrases: ['no mailbox here by that name'] },
    { reason: 'blocked', phrases: ['but my name was rejected'] },
    { reason: 'hostunknown', phrases: ["couldn't find any host named", 'no host by that name'] },
    { reason: 'notaccept', phrases: ["couldn't find a mail exchanger or ip address"] },
    { reason: 'mailboxfull', phrases: ['disk quota exceeded', 'over quota', 'mailbox is full'] },
    { reason: 'networkerror', phrases: ["couldn't connect to", 'connected to remote host, but it', 'timeout while talking'] },
  ],
};
