import type { MailSystem } from './system';
import { has } from './system';

// Gmail / Google Workspace non-delivery reports.
export const gmail: MailSystem = {
  name: 'gmail',
  detect: (m) =>
    has.header(m, 'from', /mailer-daemon@(?:googlemail|google)\.com/i)
    || has.phrase(m, 'delivery to the following recipient failed', 'delivery to the following recipients failed', 'technical details of permanent failure', 'technical details of temporary failure', "your message wasn't delivered to"),
  // The newer wording names the recipient and the cause on the same line ("Your message wasn't
  // delivered to a@b because the address couldn't be found"): the section starts at the address.
  start: /^[^\n]*(?:delivery to the following recipients? (?:failed|has been delayed)[^\n]*$|your message wasn't delivered to|there was a (?:temporary )?problem delivering your message to)/im,
  end: /^[ \t]*-{3,}\s*(?:original message|forwarded message)/im,
  rules: [
    { reason: 'expired', phrases: ['delivery to the following recipient has been delayed', 'the recipient server did not accept our requests to connect', "message couldn't be delivered because of a problem in the remote server", 'gave up on', 'has been delayed'] },
    // Gmail's own verdict on a recipient it looked up: the address does not exist.
    { reason: 'userunknown', phrases: ["because the address couldn't be found", 'the email account that you tried to reach does not exist'] },
    { reason: 'mailboxfull', phrases: ["inbox is out of storage space", "recipient's inbox is out of storage", 'out of storage space'] },
  ],
};
