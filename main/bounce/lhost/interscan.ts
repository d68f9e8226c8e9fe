import type { MailSystem } from './system';
import { has } from './system';

// Trend Micro InterScan Messaging Security Suite: a banner, then one sentence per failure.
export const interscan: MailSystem = {
  name: 'interscan',
  detect: (m) => has.phrase(m, 'message from interscan messaging security suite'),
  rules: [{ reason: 'userunknown', phrases: ['please check if address is correct'] }],
};
