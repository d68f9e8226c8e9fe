import type { MailSystem } from './system';
import { has } from './system';

// Sendmail: "----- The following addresses had permanent fatal errors -----" and a transcript.
export const sendmail: MailSystem = {
  name: 'sendmail',
  detect: (m) => has.phrase(m, 'the following addresses had permanent fatal errors', 'the following addresses had transient non-fatal errors', '----- transcript of session follows'),
  start: /^[ \t]*-{3,} ?the following addresses had (?:permanent fatal errors|transient non-fatal errors) -{3,}/im,
  end: /^[ \t]*-{3,} ?(?:original message follows|message header follows|unsent message follows|returned message|original message headers)/im,
};
