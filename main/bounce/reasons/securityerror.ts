import type { ReasonRule } from './rule';

// Authentication or encryption requirements between servers were not met.
export const securityerror: ReasonRule = {
  reason: 'securityerror',
  phrases: [
    'authentication required', 'must authenticate', 'authentication failed', 'auth required', 'not authenticated',
    'user not authenticated', 'encryption required', 'authorization required', 'smtp authentication',
    'unauthenticated senders', 'authentication is required',
  ],
  words: [
    'insecure', 'password', 'credentials', 'security', 'certificate', 'unauthenticated', 'not authorized',
    'unauthorized',
  ],
};
