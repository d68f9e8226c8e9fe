import type { ReasonRule } from './rule';

// The mailbox exists but has no room (soft).
export const mailboxfull: ReasonRule = {
  reason: 'mailboxfull',
  phrases: [
    'mailbox full', 'mailbox is full', 'mailbox has exceeded', 'mailbox quota', 'mail box full', 'mailbox size limit',
    'over quota', 'overquota', 'quota exceeded', 'exceeded quota', 'exceeds quota', 'quota has been exceeded',
    'exceed mailbox quota', 'exceeded storage allocation', 'disk quota', 'inbox is full', 'inbox full',
    'mailfolder is full', 'account is full', 'storage quota', 'quota full', 'out of storage', 'user is over',
    'not enough space on the disk', 'insufficient space', 'recipient storage full', 'mailbox is over',
    'would exceed', 'exceeded the quota', 'quota limit', 'over its quota', 'over their quota', 'mailbox exceeded',
    'full mailbox', 'maildir over', 'storage full', 'too much mail data', 'allowed quota', 'over the quota', 'above quota',
    'exceeded its quota', 'exceeded their quota', 'exceeded his quota', 'exceeded her quota',
    // Other languages.
    'postfach voll', 'postfach ist voll', 'mailbox ist voll', 'speicherplatz überschritten', 'quota überschritten', // de
    'boîte aux lettres pleine', 'boite aux lettres pleine', 'boîte de réception est pleine', 'quota dépassé', // fr
    'buzón lleno', 'buzón está lleno', 'cuota excedida', 'ha excedido su cuota', // es
    'casella piena', 'casella di posta piena', 'quota superata', 'spazio esaurito', // it
    'caixa postal cheia', 'caixa de correio cheia', 'caixa postal está cheia', 'cota excedida', 'quota excedida', // pt
    'mailbox is vol', 'postvak is vol', 'quotum overschreden', // nl
    'メールボックスがいっぱい', 'メールボックス容量', '容量オーバー', '容量超過', '容量制限を超え', // ja
    '邮箱已满', '信箱已满', '邮箱空间不足', '郵箱已滿', // zh
    'ящик переполнен', 'превышена квота', 'превышен лимит почтового ящика', // ru
    'skrzynka jest pełna', 'skrzynka pocztowa jest pełna', // pl
  ],
};
