import { describe, expect, it } from 'vitest';
import { classOf } from '../bounce/reasons/classes';
import { reasonWords } from './reason-words';

describe('reasons in the words users know', () => {
  it.each([
    ['userunknown', 'user unknown'], ['hostunknown', 'host unknown'], ['hasmoved', 'moved'],
    ['mailboxfull', 'mailbox full'], ['mesgtoobig', 'message too big'], ['suspend', 'suspended'],
    ['expired', 'expired'], ['systemerror', 'temporary'],
    ['spamdetected', 'spam'], ['policyviolation', 'policy'], ['badreputation', 'reputation'], ['authfailure', 'authentication'],
    ['vacation', 'auto-reply'], ['delivered', 'delivered'], ['feedback', 'complaint'], ['undefined', 'refused'],
    ['exceedlimit', 'message too big'], ['contenterror', 'policy'],
  ])('%s is "%s"', (reason, name) => expect(reasonWords(reason).split(':')[0]).toBe(name));

  it('a 4xx refusal whose reason says nothing of its own is temporary', () => {
    expect(reasonWords('notaccept', true)).toMatch(/^temporary: /);
    expect(reasonWords('undefined', true)).toMatch(/^temporary: /);
    expect(reasonWords('mailboxfull', true)).toMatch(/^mailbox full: /);
    expect(reasonWords('notaccept')).toMatch(/^host unknown: /);
  });

  it('names every reason the classifier has a class for', () => {
    const reasons = ['userunknown', 'hostunknown', 'hasmoved', 'mailboxfull', 'exceedlimit', 'systemfull', 'suspend', 'mesgtoobig',
      'networkerror', 'expired', 'systemerror', 'toomanyconn', 'mailererror', 'speeding', 'failedstarttls', 'blocked', 'rejected',
      'spamdetected', 'policyviolation', 'securityerror', 'virusdetected', 'filtered', 'norelaying', 'authfailure', 'badreputation',
      'requireptr', 'notcompliantrfc', 'contenterror', 'suppressed', 'notaccept'];
    for (const r of reasons) {
      expect(classOf(r, false), r).not.toBe('other');
      expect(reasonWords(r), r).not.toMatch(/^refused:/);
    }
  });
});
