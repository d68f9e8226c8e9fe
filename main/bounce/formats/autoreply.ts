// RFC 3834 automatic replies: the headers decide first, then the subject lines that vacation
// programs write in common languages, then the opening words of the reply itself. A person's
// reply ("Re: ...") counts only when its headers say a program sent it.
import type { Mail } from '../mail';
import { firstRule, type ReasonRule } from '../reasons/rule';
import { squeeze } from '../text';

// Subject lines (lower case, regex source), each one line of data; matched at the subject's start,
// after an optional "[" (e.g. "[Auto-Reply] ...").
const SUBJECTS = [
  'auto(?:matic)?[ -]?(?:reply|response|answer)', 'autoreply', 'autoresponse', 'auto:', 'out of (?:the )?office', 'on vacation', 'vacation reply',
  'away from (?:the|my) office', 'i am away', "i'm away", 'on holiday', 'on leave', 'thank you for (?:your|the) (?:e-?mail|message)',
  'thanks for (?:your|the) (?:e-?mail|message)', 'we have received your (?:e-?mail|message)',
  'abwesenheitsnotiz', 'automatische antwort', 'abwesend', 'abwesenheit', 'urlaubsnotiz', 'nicht im büro', 'im urlaub', // de
  'vielen dank für ihre (?:e-?mail|nachricht)',
  'r[ée]ponse automatique', 'absence du bureau', 'absent(?:e)? du bureau', 'hors du bureau', 'en congés?', 'absence', // fr
  'merci (?:pour|de) votre (?:message|e-?mail|courriel)',
  'respuesta autom[áa]tica', 'fuera de la oficina', 'ausente', 'de vacaciones', 'gracias por su (?:mensaje|correo)', // es
  'risposta automatica', 'fuori sede', 'fuori ufficio', 'assente', 'in ferie', 'grazie per (?:la sua|il suo) (?:e-?mail|messaggio)', // it
  'resposta autom[áa]tica', 'fora do escrit[óo]rio', 'aus[eê]ncia', 'de f[ée]rias', 'obrigad[oa] pel[ao] su[ao] (?:mensagem|e-?mail)', // pt
  'automatisch antwoord', 'afwezig', 'buiten kantoor', 'niet aanwezig', 'met vakantie', 'bedankt voor (?:uw|je) (?:e-?mail|bericht)', // nl
  'automatisk svar', 'autosvar', 'automaattinen vastaus', 'fr[åa]nvaro', // nordic
  'automatyczna odpowied[źz]', 'odpowied[źz] automatyczna', 'autoodpowied[źz]', 'nieobecno[śs][ćc]', 'urlop', // pl
  'autom[āa]tisk[āa] atbilde', 'prombūtn[eē]', 'atvaļinājum[sā]', 'nav birojā', // lv
  'автоответ', 'автоматический ответ', 'нет на месте', 'в отпуске', 'вне офиса', // ru
  '自動応答', '自動返信', '不在', '自动回复', '자동 응답', // ja, zh, ko
];
const SUBJECT = new RegExp(`^\\[?(?:${SUBJECTS.join('|')})`, 'i');

// The opening words of an automatic reply, lower case. Enough on their own in a message that is
// not a person's reply or forward.
const OPENINGS = [
  'this is an automatic reply', 'this is an automated reply', 'this is an automatic response', 'this is an automated response',
  'this is an auto-reply', 'this is an autoreply', 'automatic reply', 'auto-reply',
  'i am out of the office', "i'm out of the office", 'i am currently out of', "i'm currently out of", 'i will be out of the office',
  'i am away from', "i'm away from", 'i am on vacation', "i'm on vacation", 'i am on holiday', "i'm on holiday", 'i am on leave',
  'i am currently away', "i'm currently away", 'out of the office until', 'out of office until', 'limited access to e-mail',
  'limited access to email',
  'ich bin nicht im büro', 'bin ich nicht im büro', 'befinde mich im urlaub', 'ich bin im urlaub', // de
  'dies ist eine automatische antwort', 'automatische antwort', 'abwesend',
  'je suis absent', 'je serai absent', 'réponse automatique', 'actuellement en congé', 'je suis en congé', // fr
  'estoy fuera de la oficina', 'estaré fuera', 'respuesta automática', 'me encuentro de vacaciones', 'estoy de vacaciones', // es
  'sono fuori ufficio', 'sarò assente', 'risposta automatica', 'sono in ferie', // it
  'estou fora do escritório', 'estarei ausente', 'resposta automática', 'estou de férias', // pt
  'ik ben afwezig', 'ik ben niet aanwezig', 'automatisch antwoord', 'ik ben met vakantie', // nl
  'jestem nieobecny', 'jestem nieobecna', 'odpowiedź automatyczna', 'automatyczna odpowiedź', 'przebywam na urlopie', // pl
  'jestem na urlopie', 'poza biurem',
  'automātiskā atbilde', 'automātiska atbilde', 'esmu atvaļinājumā', 'atrodos atvaļinājumā', 'nebūšu birojā', // lv
  'neesmu birojā', 'prombūtnē',
  'я в отпуске', 'меня нет в офисе', 'автоматический ответ', 'вне офиса', 'нахожусь в отпуске', // ru
  '不在にしております', '不在のため', '自動返信', '自動応答', '休暇中', // ja
];
// Thanks for writing: an automatic reply only with a sign that a program answered (it answers a
// message of ours, or its envelope sender is empty, or it says it is bulk or automatic).
const THANKS = [
  'thank you for your e-mail', 'thank you for your email', 'thank you for your message', 'thanks for your email',
  'thanks for your e-mail', 'thanks for your message', 'thank you for contacting', 'we have received your',
  'your message has been received', 'vielen dank für ihre', 'merci pour votre', 'merci de votre', 'gracias por su',
  'grazie per la sua', 'grazie per il suo', 'obrigado pela sua', 'obrigado pelo seu', 'bedankt voor uw', 'bedankt voor je',
  'dziękuję za wiadomość', 'dziękujemy za wiadomość', 'dziękuję za e-mail', 'paldies par jūsu', 'paldies par vēstuli',
  'спасибо за ваше письмо', 'спасибо за письмо', 'メールありがとうございます', 'ご連絡ありがとうございます',
];
// Compiled, like the reasons' phrases, into one prefix-tree scan each.
const OPENING: readonly ReasonRule[] = [{ reason: 'vacation', phrases: OPENINGS }];
const THANKING: readonly ReasonRule[] = [{ reason: 'vacation', phrases: THANKS }];
const HEAD = 800;

/** The headers say a program answered (RFC 3834 Auto-Submitted, the common X- fields, Precedence). */
export function hasAutoReplyHeaders(mail: Mail): boolean {
  const h = mail.headers;
  if (/^\s*auto-replied/i.test(h.raw('auto-submitted'))) return true;
  if (h.has('x-autoreply') || h.has('x-autorespond') || h.has('x-autoreply-from') || h.has('x-mail-autoreply')) return true;
  return /^\s*auto[_-]?reply/i.test(h.raw('precedence'));
}

/** Any Auto-Submitted value but "no" (RFC 3834): a program sent it, though not necessarily a reply. */
export function isAutoSubmitted(mail: Mail): boolean {
  return /^\s*auto-/i.test(mail.headers.raw('auto-submitted'));
}

/**
 * True for an automatic reply. Call only after bounce formats declined the message. The opening
 * words are not read in a machine's report (`report`): bounces say "automatic" too.
 */
export function isAutoReply(mail: Mail, report = false): boolean {
  if (hasAutoReplyHeaders(mail)) return true;
  if (SUBJECT.test(mail.subject)) return true;
  // No header, no telling subject: the reply's own opening words.
  if (report) return false;
  const head = squeeze(mail.text.slice(0, HEAD).toLowerCase().replace(/[\u2018\u2019]/g, "'"));
  if (firstRule(OPENING, head, 'phrase')) return true;
  if (!firstRule(THANKING, head, 'phrase')) return false;
  const h = mail.headers;
  return h.has('in-reply-to') || h.has('references') || /^\s*(?:bulk|junk|list)/i.test(h.raw('precedence'))
    || /^\s*auto-/i.test(h.raw('auto-submitted')) || /^<?\s*>?$/.test(h.raw('return-path')) && h.has('return-path');
}
