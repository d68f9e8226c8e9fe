import type { ReasonRule } from './rule';

// The content was judged to be spam.
export const spamdetected: ReasonRule = {
  reason: 'spamdetected',
  phrases: [
    'junk mail', 'unsolicited', 'bulk mail', 'bulk e-mail', 'identified as junk', 'content filter rejected',
    'message content rejected', 'scored too high', 'score too high', 'looks suspicious', 'suspicious content',
    'spam classification', 'flagged as spam', 'detected as spam', 'classified as spam', 'message is spam',
    'considered spam', 'spam message', 'mass mailer', 'mass mailing', 'mass mail', 'bulk mailer', 'bulk email',
    'bulk-mail', 'spam content', 'likely spam', 'probably spam', 'suspected spam', 'spam filter', 'spam score',
    'spamassassin', 'spam detected', 'spam rejected', 'rejected as spam',
    // Other languages.
    'als spam erkannt', 'als spam eingestuft', 'spamverdacht', 'spam-verdacht', // de
    'considéré comme spam', 'détecté comme spam', 'considéré comme indésirable', 'courrier indésirable', // fr
    'detectado como spam', 'considerado spam', 'correo no deseado', // es
    'rilevato come spam', 'considerato spam', 'posta indesiderata', // it
    'identificado como spam', 'considerado spam', 'lixo eletrônico', // pt
    'als spam aangemerkt', 'als spam herkend', 'ongewenste e-mail', // nl
    '迷惑メール', 'スパムと判定', // ja
    '垃圾邮件', '垃圾郵件', // zh
    'распознано как спам', 'подозрение на спам', 'массовая рассылка', 'похоже на спам', // ru
    'jako spam', 'uznana za spam', 'niechciana poczta', // pl
    'massenmail', 'massen-mail', // de
    'envoi de masse', 'publipostage', // fr
    'correo masivo', 'envío masivo', // es
    'invio massivo', // it
    'envio em massa', // pt
    'bulkmail', // nl
    '大量送信', // ja
  ],
  words: [
    'spam',
  ],
};
