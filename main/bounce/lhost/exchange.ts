import type { MailSystem } from './system';
import { has } from './system';

// Microsoft Exchange (2003 to Exchange Online / Microsoft 365 / Outlook.com NDRs).
export const exchange: MailSystem = {
  name: 'exchange',
  detect: (m) =>
    has.header(m, 'x-ms-embedded-report') || has.header(m, 'x-mailer', /internet mail service/i)
    || has.phrase(m, 'delivery has failed to these recipients or groups', 'your message did not reach some or all of the intended recipients', 'did not reach the following recipient')
    || has.header(m, 'x-ms-exchange-message-is-ndr'),
  start: /^[^\n]*(?:did not reach the following recipient\(s\)|delivery has failed to these recipients or groups|couldn't be delivered to|wasn't delivered to|could not be delivered to)[^\n]*$/im,
  end: /^[ \t]*(?:original message headers|-{2,}\s*original message)/im,
  rules: [
    // Exchange 2003 words its reasons without codes.
    { reason: 'userunknown', phrases: ['recipient name is not recognized', 'e-mail account does not exist', 'email address you entered couldn', 'recipientnotfound', 'recipnotfound', '5.1.351', 'the recipient could not be found', 'access denied. ["recipient address rejected'] },
    { reason: 'filtered', phrases: ['does not have permission to send to this recipient', 'not authorized to send to this recipient', 'has restricted who can send'] },
    { reason: 'networkerror', phrases: ['5.4.312', 'dns query failed', 'a dns error'] },
    { reason: 'expired', phrases: ['message expired', 'messageexpired', 'could not be delivered in the allotted time', '5.4.316', 'delivery not attempted because the message expired'] },
    { reason: 'mailboxfull', phrases: ['mailbox is full', 'recipient\'s mailbox is full'] },
  ],
};
