import type { ReasonRule } from './rule';

// The person moved to another address (hard: the old one is gone).
export const hasmoved: ReasonRule = {
  reason: 'hasmoved',
  phrases: [
    'has moved', 'user moved', 'address has changed', 'no longer at this address', 'mailbox has been moved',
    'new address is', 'new e-mail address is', 'new email address is', 'please use the new address',
    'ist umgezogen', 'neue adresse lautet', // de
    'a déménagé', 'nouvelle adresse est', // fr
    'se ha mudado', 'nueva dirección es', // es
    'si è trasferito', 'nuovo indirizzo è', // it
    'mudou de endereço', 'novo endereço é', // pt
    'is verhuisd', 'nieuwe adres is', // nl
    'nowy adres to', 'zmienił adres', // pl
    'новый адрес', 'адрес изменился', // ru
    'アドレスが変更', '新しいアドレスは', // ja
  ],
};
