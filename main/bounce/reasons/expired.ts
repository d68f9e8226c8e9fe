import type { ReasonRule } from './rule';

// The server retried until it gave up (transient for the address).
export const expired: ReasonRule = {
  reason: 'expired',
  phrases: [
    'retry timeout exceeded', 'retry time not reached', 'message expired', 'delivery time expired',
    'could not be delivered for', 'queue lifetime', 'giving up', 'given up', 'gave up', 'delivery expired',
    'has been in the queue too long', 'in queue too long', 'too long in queue', 'message timed out',
    'was not delivered within', 'undeliverable for', 'maximum time',
    'timeout waiting', 'expired after', 'message is too old', 'retry period', 'could not deliver for',
    'has not been delivered for', 'messageexpired', 'message has expired', 'time limit exceeded',
    'unable to deliver within', 'delivery has been delayed', 'exceeded the maximum number of retries',
    'have been failing for a long time', 'envelope expired',
    'retry time exceeded', 'retry timeout', 'retry limit', 'retries exceeded', 'retry count exceeded', 'maximum retries',
    'max retries', 'too many retries', 'delivery attempts exhausted', 'could not be delivered within', 'undeliverable after',
    'timed out after', 'was not delivered after', 'could not be delivered after', 'expired in queue', 'queue expired',
    'delivery period',
    // Other languages.
    'zustellung fehlgeschlagen nach', 'zeitüberschreitung', 'konnte nicht innerhalb', 'zustellfrist', // de
    'délai expiré', 'délai dépassé', 'délai de remise', // fr
    'tiempo de espera agotado', 'plazo expirado', 'plazo de entrega', // es
    'tempo scaduto', 'tempo di consegna', 'scaduto', // it
    'tempo esgotado', 'prazo expirado', 'prazo de entrega', // pt
    'bezorgtermijn', 'verlopen', // nl
    'przekroczono czas', 'upłynął czas', // pl
    'истекло время', 'срок доставки истек', 'время ожидания истекло', // ru
    '配送期限', '配信期限', '有効期限切れ', // ja
  ],
  patterns: [
    /\bafter \d{1,4} (?:delivery )?(?:attempts|tries|retries)/, /\b(?:failed|failing) for \d{1,4} (?:hours|days)/,
  ],
  words: [
    'expired', 'retries', 'timeout', 'timed out',
  ],
};
