import type { ReasonRule } from './rule';

// TLS could not be negotiated when it was required (transient: configuration on one side).
export const failedstarttls: ReasonRule = {
  reason: 'failedstarttls',
  phrases: ['starttls', 'does not support tls', 'tls not available', 'tls not supported', 'tls negotiation', 'tls negotiation failed', 'tls handshake', 'tls is required', 'tls required', 'must issue a starttls'],
};
