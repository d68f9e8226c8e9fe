import type { ReasonRule } from './rule';

// A local policy forbids the message (content, attachment, region, list rules).
export const policyviolation: ReasonRule = {
  reason: 'policyviolation',
  phrases: [
    'outbound mail disabled', 'host network not allowed', 'anti-spoofing policy', 'content examination policy', 'outgoing mail disabled', 'sending disabled', 'outbound mail is disabled',
    'content presents a potential security issue', 'local policy', 'policy violation', 'violates our policy',
    'against our policy',
    // Other languages.
    'verstößt gegen', 'richtlinienverstoß', 'gegen die richtlinie', // de
    'politique de sécurité', 'contraire à la politique', 'viole la politique', // fr
    'política de seguridad', 'viola la política', // es
    'politica di sicurezza', 'viola la politica', // it
    'política de segurança', 'viola a política', // pt
    'beleid', // nl
    'ポリシー', // ja
    '违反策略', '安全策略', // zh
    'narusza zasady', 'naruszenie zasad', 'polityka bezpieczeństwa', // pl
    'нарушение политики', 'политика безопасности', 'запрещено политикой', // ru
  ],
  words: [
    'policy', 'violates', 'violation', 'prohibited', 'not permitted', 'forbidden', 'attachment type', 'file type',
    'not allowed by', 'restricted', 'unacceptable',
  ],
};
