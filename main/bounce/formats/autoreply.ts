// RFC 3834 automatic replies: the headers decide first, then the subject lines that
// vacation programs write in common languages. A person's reply ("Re: ...") never matches.
import type { Mail } from '../mail';

const SUBJECT = new RegExp(
  '^(?:' + [
    'auto(?:matic)?[ -]?(?:reply|response|answer)', 'autoreply', 'auto:', 'out of (?:the )?office', 'on vacation', 'vacation reply',
    'away from (?:the|my) office', 'i am away', "i'm away", 'abwesenheitsnotiz', 'automatische antwort', 'abwesend',
    'r[ée]ponse automatique', 'absence du bureau', 'absent(?:e)? du bureau', 'respuesta autom[áa]tica', 'fuera de la oficina',
    'risposta automatica', 'fuori sede', 'resposta autom[áa]tica', 'fora do escrit[óo]rio', 'automatisch antwoord',
    'afwezig', 'automatisk svar', 'autosvar', 'automaattinen vastaus', 'automatyczna odpowied[źz]',
    'abwesenheit', 'urlaubsnotiz', 'hors du bureau', 'en congés?', 'ausente', 'fuori ufficio', 'assente',
    'aus[eê]ncia', 'buiten kantoor', 'niet aanwezig', 'nieobecno[śs][ćc]',
    'автоответ', 'автоматический ответ', '自動応答', '自動返信', '不在', '自动回复', '자동 응답',
  ].join('|') + ')',
  'i',
);

/** True for an automatic reply. Call only after bounce formats declined the message. */
export function isAutoReply(mail: Mail): boolean {
  const h = mail.headers;
  if (/^auto-replied/i.test(h.raw('auto-submitted'))) return true;
  if (h.has('x-autoreply') || h.has('x-autorespond') || h.has('x-autoreply-from') || h.has('x-mail-autoreply')) return true;
  if (/^auto[_-]?reply/i.test(h.raw('precedence'))) return true;
  if (/^(?:oof|autoreply)/i.test(h.raw('x-auto-response-suppress')) && SUBJECT.test(mail.subject)) return true;
  return SUBJECT.test(mail.subject);
}
