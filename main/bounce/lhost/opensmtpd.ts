import type { MailSystem } from './system';
import { has } from './system';

// OpenSMTPD: "This is the MAILER-DAEMON, please DO NOT REPLY to this e-mail."
export const opensmtpd: MailSystem = {
  name: 'opensmtpd',
  detect: (m) => has.phrase(m, 'this is the mailer-daemon, please do not reply to this')
    || has.received(m, /\(OpenSMTPD\)/),
  start: /^[^\n]*(?:an error has occurred while attempting to deliver a message for the following list of recipients|delivery to the following recipients (?:failed|was delayed))[^\n]*$/im,
  end: /^[ \t]*(?:below is a copy of the original message|-{3,} ?original message)/im,
};
