import type { MailSystem } from './system';
import { has } from './system';

// Exim (and systems built on it: GMX, Mail.ru, Yandex, cPanel hosts).
export const exim: MailSystem = {
  name: 'exim',
  detect: (m) =>
    has.phrase(m, 'this message was created automatically by mail delivery software')
    || has.received(m, /\(Exim \d/) && has.header(m, 'x-failed-recipients'),
  start: /^[^\n]*(?:following address(?:\(es\)|es)? failed|address(?:es)? failed:|could not be delivered to one or more of its|has not yet been delivered to the following addresses)[^\n]*$/im,
  end: /^[ \t]*-{2,}[^\n]{0,20}(?:this is a copy of|the header of the original|original message|the first \d+ lines)|^[ \t]*message is too big for the|^[ \t]*-{3,} ?the following is a copy/im,
  rules: [
    { reason: 'mailererror', phrases: ['pipe to |', 'transport', 'child process'] },
  ],
};
