// Reason -> class: what the app does with an address (see corpus/bounces/README.md).
import type { BounceClass } from '../types';

const byReason: Record<string, BounceClass> = {
  userunknown: 'hard', hostunknown: 'hard', hasmoved: 'hard',
  mailboxfull: 'soft', exceedlimit: 'soft', systemfull: 'soft', suspend: 'soft', mesgtoobig: 'soft',
  networkerror: 'transient', expired: 'transient', systemerror: 'transient', toomanyconn: 'transient',
  mailererror: 'transient', speeding: 'transient', failedstarttls: 'transient',
  blocked: 'blocked', rejected: 'blocked', spamdetected: 'blocked', policyviolation: 'blocked',
  securityerror: 'blocked', virusdetected: 'blocked', filtered: 'blocked', norelaying: 'blocked',
  authfailure: 'blocked', badreputation: 'blocked', requireptr: 'blocked', notcompliantrfc: 'blocked',
  contenterror: 'blocked', suppressed: 'blocked',
  vacation: 'autoreply', delivered: 'delivered', feedback: 'feedback',
};

/** `temporary` matters only for notaccept: a 4xx refusal may pass later, a 5xx will not. */
export function classOf(reason: string, temporary: boolean): BounceClass {
  if (reason === 'notaccept') return temporary ? 'transient' : 'hard';
  return byReason[reason] ?? 'other';
}
