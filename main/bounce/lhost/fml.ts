import type { MailSystem } from './system';
import { has } from './system';

// fml mailing-list server answering a post it refused (X-MLServer: fml).
export const fml: MailSystem = {
  name: 'fml',
  detect: (m) => has.header(m, 'x-mlserver', /^fml/i),
  headerSignature: true,
  read: (m) => [{ address: '', text: `${m.subject}\n${m.text}` }],
  rules: [
    { reason: 'rejected', phrases: ['are not member', 'not a member', 'only members', 'permitted to post'] },
    { reason: 'systemerror', phrases: ['loop alert', 'duplicated message-id', 'an error occurred', 'could not process'] },
  ],
};
