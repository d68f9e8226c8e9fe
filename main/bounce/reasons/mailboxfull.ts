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
    'full mailbox', 'maildir over', 'storage full', 'too much mail data',
  ],
};
