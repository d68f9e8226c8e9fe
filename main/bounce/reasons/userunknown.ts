import type { ReasonRule } from './rule';

// The mailbox does not exist at the receiving system (hard).
export const userunknown: ReasonRule = {
  reason: 'userunknown',
  phrases: [
    'user unknown', 'unknown user', 'no such user', 'user not found', 'user does not exist', "user doesn't exist",
    'unknown recipient', 'recipient unknown', 'recipient not found', 'no such recipient', 'invalid recipient',
    'recipient does not exist', 'recipient address rejected: user unknown', 'no such mailbox', 'mailbox not found',
    'mailbox does not exist', "mailbox doesn't exist", 'invalid mailbox', 'mailbox unavailable',
    'mailbox is unavailable', 'not a valid mailbox', 'no mailbox here', 'unknown mailbox', 'account does not exist',
    "account doesn't exist", 'no such account', 'account not found', 'unknown account', 'address does not exist',
    'unknown address', 'address unknown', 'addressee unknown', 'unknown local part', 'unknown local-part',
    'not a valid user', 'is not a known user', 'no such local user', 'unknown or illegal alias',
    'recipient name is not recognized', 'recipientnotfound', 'recipnotfound', 'bad destination mailbox address',
    'does not have an account', "doesn't have a", 'no account by that name', 'invalid user', 'user invalid',
    'user unknow', 'no such person', 'address not found', "address couldn't be found", 'address could not be found', 'not listed in', 'unknown e-mail address', 'email address could not be found',
    'no longer valid', 'is not a valid email', 'this account is not available', 'not our customer',
    'unroutable address: user', 'no valid recipients', 'destination address rejected', 'recipient rejected',
    'recipient address rejected: undeliverable', 'no mailbox by that name', 'addressee is unknown',
    'invalid-recipient', 'user not exist', 'email account that you tried to reach does not exist',
    'recipient address rejected: access denied', 'email address is possibly incorrect', 'address is not valid',
    // Other languages: the usual wording of local MTAs and providers' own reports.
    'unbekannter empfänger', 'empfänger unbekannt', 'benutzer unbekannt', 'unbekannter benutzer', // de
    'postfach existiert nicht', 'adresse existiert nicht', 'ungültige empfängeradresse', 'kein solcher benutzer',
    'utilisateur inconnu', 'destinataire inconnu', 'adresse destinataire invalide', "cette adresse n'existe pas", // fr
    "l'adresse n'existe pas", 'boîte aux lettres inexistante', 'boite aux lettres inexistante', 'compte inexistant',
    'usuario desconocido', 'destinatario desconocido', 'el usuario no existe', 'la cuenta no existe', // es
    'buzón no existe', 'el buzón no existe', 'dirección de correo no existe',
    'utente sconosciuto', 'utente inesistente', 'destinatario sconosciuto', 'indirizzo inesistente', // it
    "l'utente non esiste", 'casella inesistente', 'casella di posta inesistente',
    'usuário desconhecido', 'utilizador desconhecido', 'destinatário desconhecido', 'usuário não existe', // pt
    'utilizador não existe', 'conta não existe', 'endereço inexistente',
    'onbekende gebruiker', 'gebruiker onbekend', 'onbekende ontvanger', 'ontvanger onbekend', // nl
    'gebruiker bestaat niet', 'adres bestaat niet',
    'ユーザが存在しません', 'ユーザーが存在しません', 'ユーザが見つかりません', 'ユーザーが見つかりません', // ja
    'アドレスは存在しません', 'アカウントが存在しません', '宛先不明', 'ディレクトリのリストにありません',
    '用户不存在', '收件人不存在', '帐户不存在', '账户不存在', '帳戶不存在', // zh
    'пользователь не найден', 'нет такого пользователя', 'неизвестный пользователь', 'адресат не найден', // ru
    'nieznany użytkownik', 'użytkownik nie istnieje', 'konto nie istnieje', // pl
    'adres nie istnieje', 'skrzynka nie istnieje', 'brak takiego użytkownika', 'nie ma takiego konta', // pl
    'такого ящика нет', 'ящик не существует', 'адрес не существует', 'несуществующий адрес', 'нет такого ящика', // ru
    'ユーザ不明', 'ユーザー不明', '宛先のメールアドレスは存在しません', // ja
    'existiert nicht', 'nicht vorhanden', 'gibt es nicht', // de, "... does not exist"
    "n'existe pas", 'inexistant', // fr
    'no existe', 'inexistente', // es, pt, it
    'non esiste', // it
    'não existe', // pt
    'bestaat niet', // nl
    // Plain wordings that say the mailbox is not there, with no code beside them.
    'does not exist', "doesn't exist", 'does not exists', 'no mailbox', 'no such address', 'no such email',
    'no such e-mail', 'not a known', 'unknown recipient', 'unknown email', 'unknown e-mail', 'not found in directory',
    'not found in the directory', 'no longer exists', 'no longer active', 'no longer in use', 'no longer in service', 'not in service', 'is not a valid recipient', 'invalid address',
    'invalid email address', 'invalid e-mail address', 'invalid recipient address', 'bad recipient', 'bad address',
    'no user by that name', 'no user with that name', 'user is unknown', 'user not known', 'unknown alias',
    'recipient is not known', 'recipient is unknown', 'address is unknown', 'mailbox is unknown', 'not a valid address',
    'unknown to this',
  ],
  patterns: [
    /(?<!sender )\baddress rejected\.?$/, // a bare "(Recipient) address rejected." and nothing more
    /\buser\b[^.\n]{0,40}\bnot (?:found|exist|known)/, /mailbox[^.\n]{0,30}\b(?:not found|unknown|does not exist)/],
};
