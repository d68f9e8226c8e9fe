import type { ReasonRule } from './rule';

// The message is larger than the receiving system accepts (soft: send smaller).
export const mesgtoobig: ReasonRule = {
  reason: 'mesgtoobig',
  phrases: [
    'message too big', 'message too large', 'message is too large', 'message is too big', 'message size exceeds',
    'exceeds the maximum message size', 'maximum message size', 'size limit exceeded', 'message exceeds the fixed maximum',
    'mail size limit', 'message file too big', 'exceeded maximum size',
    'exceeds allowed size', 'exceeds the allowed size', 'exceeds maximum allowed', 'exceeds the maximum allowed',
    'maximum allowed size', 'exceeds size limit', 'exceeds the size limit', 'message size limit', 'size of the message',
    'message length exceeds', 'too large for', 'too big for', 'message exceeds', 'is larger than', 'larger than the',
    'message is larger', 'email is too large', 'e-mail is too large', 'email too large', 'mail too large', 'mail too big',
    // Other languages.
    'nachricht ist zu groß', 'nachricht zu groß', 'zu groß', 'maximale nachrichtengröße', 'größenbeschränkung', // de
    'message trop volumineux', 'trop volumineux', 'trop gros', 'taille maximale', 'dépasse la taille', // fr
    'mensaje demasiado grande', 'demasiado grande', 'tamaño máximo', 'excede el tamaño', // es
    'messaggio troppo grande', 'troppo grande', 'dimensione massima', 'supera la dimensione', // it
    'mensagem muito grande', 'muito grande', 'tamanho máximo', 'excede o tamanho', // pt
    'bericht te groot', 'te groot', 'maximale grootte', // nl
    'wiadomość jest za duża', 'za duża', 'za duży', 'przekracza maksymalny rozmiar', // pl
    'сообщение слишком большое', 'слишком большое', 'превышен максимальный размер', 'превышает максимальный размер', // ru
    'サイズが大きすぎ', 'サイズ制限', 'メールサイズ', '容量が大きすぎ', // ja
  ],
  words: [
    'too large', 'too big', 'size limit', 'message size',
  ],
};
