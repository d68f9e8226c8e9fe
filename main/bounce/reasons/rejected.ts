import type { ReasonRule } from './rule';

// The envelope sender (MAIL FROM) is refused.
export const rejected: ReasonRule = {
  reason: 'rejected',
  phrases: [
    'sender rejected', 'is not a registered gateway user', 'sender address rejected', 'domain of sender address', 'sender verify failed',
    'sender domain', 'envelope sender', 'bad sender', 'invalid sender', 'sender unknown', 'unknown sender',
    'sender denied', 'sender is not allowed', 'sender not allowed', 'sender blocked', 'not allowed to post',
    'only members can post', 'refused mail from', 'sender address', 'sender verification', 'not a member',
    "doesn't have permission to post", 'does not have permission to post', 'reject sender', 'purported responsible address',
    // Other languages.
    'absender abgelehnt', 'absenderadresse abgelehnt', 'ungültiger absender', // de
    'expéditeur refusé', 'expéditeur rejeté', 'expéditeur invalide', // fr
    'remitente rechazado', 'remitente no válido', // es
    'mittente rifiutato', 'mittente non valido', // it
    'remetente rejeitado', 'remetente inválido', // pt
    'afzender geweigerd', 'ongeldige afzender', // nl
    'nadawca odrzucony', 'nieprawidłowy nadawca', // pl
    'отправитель отклонен', 'недопустимый отправитель', // ru
    '送信者拒否', '差出人が拒否', // ja
  ],
  words: [
    'from address', 'return path', 'mail rejected',
  ],
};
