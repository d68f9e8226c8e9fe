import type { ReasonRule } from './rule';

// A local policy forbids the message (content, attachment, region, list rules).
export const policyviolation: ReasonRule = {
  reason: 'policyviolation',
  phrases: [
    'outbound mail disabled', 'host network not allowed', 'anti-spoofing policy', 'content examination policy', 'outgoing mail disabled', 'sending disabled', 'outbound mail is disabled',
    'content presents a potential security issue', 'local policy', 'policy violation', 'violates our policy',
    'against our policy',
  ],
  words: [
    'policy', 'violates', 'violation', 'prohibited', 'not permitted', 'forbidden', 'attachment type', 'file type',
    'not allowed by', 'restricted', 'unacceptable',
  ],
};
