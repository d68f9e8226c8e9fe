import type { ReasonRule } from './rule';

// TLS could not be negotiated when it was required (transient: configuration on one side).
export const failedstarttls: ReasonRule = {
  reason: 'failedstarttls',
  // Not the bare word "starttls": a transcript lists it among the server's capabilities ("250-STARTTLS").
  phrases: ['starttls failed', 'starttls failure', 'failed starttls', 'starttls error', 'starttls is required', 'starttls required',
    'starttls command failed', 'starttls negotiation', 'cannot starttls', 'could not starttls', 'unable to starttls', 'does not support tls', 'tls not available', 'tls not supported', 'tls negotiation', 'tls negotiation failed', 'tls handshake', 'tls is required', 'tls required', 'must issue a starttls'],
};
