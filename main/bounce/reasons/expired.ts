import type { ReasonRule } from './rule';

// The server retried until it gave up (transient for the address).
export const expired: ReasonRule = {
  reason: 'expired',
  phrases: [
    'retry timeout exceeded', 'retry time not reached', 'message expired', 'delivery time expired',
    'could not be delivered for', 'queue lifetime', 'giving up', 'given up', 'gave up', 'delivery expired',
    'has been in the queue too long', 'in queue too long', 'too long in queue', 'message timed out',
    'was not delivered within', 'undeliverable for', 'maximum time', 'delivery attempts will continue',
    'timeout waiting', 'expired after', 'message is too old', 'retry period', 'could not deliver for',
    'has not been delivered for', 'messageexpired', 'message has expired', 'time limit exceeded',
    'unable to deliver within', 'delivery has been delayed', 'exceeded the maximum number of retries',
    'have been failing for a long time', 'envelope expired',
  ],
};
