import type { ReasonRule } from './rule';

// An attachment the receiving system's policy forbids (file type, extension, executable): a policy
// refusal of this message, not of the address. Tried before the mailbox reasons, because such
// refusals often carry a generic "mailbox unavailable" reply.
export const attachment: ReasonRule = {
  reason: 'policyviolation',
  phrases: [
    'attachment not allowed', 'attachments are not allowed', 'attachment is not allowed', 'attachment type',
    'attachment rejected', 'prohibited attachment', 'banned attachment', 'blocked attachment', 'forbidden attachment',
    'dangerous attachment', 'unsafe attachment', 'executable attachment', 'unacceptable attachment', 'attachment policy',
    'attachment is not permitted', 'attachments are not permitted', 'file attachment', 'attachment blocked',
    'banned file', 'blocked file', 'prohibited file', 'file extension', 'file type', 'filename extension',
    'blocked extension', 'banned extension',
    // Other languages.
    'anhang nicht erlaubt', 'unzulässiger anhang', 'anhang blockiert', 'dateianhang', 'dateityp', // de
    'pièce jointe interdite', 'pièce jointe non autorisée', 'pièce jointe bloquée', 'type de fichier', // fr
    'adjunto no permitido', 'archivo adjunto', 'tipo de archivo', // es
    'allegato non consentito', 'allegato non permesso', 'allegato bloccato', 'tipo di file', // it
    'anexo não permitido', 'anexo bloqueado', 'tipo de arquivo', 'tipo de ficheiro', // pt
    'bijlage niet toegestaan', 'bijlage geblokkeerd', 'bestandstype', // nl
    'niedozwolony załącznik', 'załącznik zablokowany', 'typ pliku', // pl
    'вложение запрещено', 'недопустимое вложение', 'тип файла', // ru
    '添付ファイル', 'ファイル形式', // ja
  ],
};
