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
  ],
  patterns: [
    /(?<!sender )\baddress rejected\.?$/, // a bare "(Recipient) address rejected." and nothing more
    /\buser\b[^.\n]{0,40}\bnot (?:found|exist|known)/, /mailbox[^.\n]{0,30}\b(?:not found|unknown|does not exist)/],
};
