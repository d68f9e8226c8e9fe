import { describe, expect, it } from 'vitest';
import { checkRecipients, type Candidate } from './recipient-checks';

const ctx = () => ({
  purpose: 'client mail',
  isBlocked: (n: string) => n === 'spam@example.com',
  deactivation: (n: string) => (n === 'gone@example.com' ? 'user unknown (5.1.1) on 3 Nov 2026' : null),
  seen: new Set<string>(),
});
const to = (address: string | null, name = ''): Candidate => ({ kind: 'to', contactId: null, name, address });

describe('recipient checks', () => {
  it('give each failing recipient a final status and a reason, and let the rest go', () => {
    const out = checkRecipients(
      [to('ann@example.com'), to(' ANN@Example.com '), to('bob@'), to('gone@example.com'), to('spam@example.com'), to(null, 'Cy Lee'), { ...to('dee@example.com'), kind: 'bcc' }],
      ctx(),
    );
    expect(out.map((c) => (c.ok ? 'ok' : c.status))).toEqual(['ok', 'Duplicate', 'Failed', 'Failed', 'Blocked', 'No Email Selected', 'ok']);
    expect(out.map((c) => (c.ok ? '' : c.reason))).toEqual([
      '', 'the address already appears in this email', 'invalid address: address needs a name, an @ and a domain',
      'address deactivated: user unknown (5.1.1) on 3 Nov 2026', 'the address is on the blocked list', 'Cy Lee has no address for client mail', '',
    ]);
  });
  it('count duplicates across a whole dispatch when the set is shared', () => {
    const c = ctx();
    checkRecipients([to('ann@example.com')], c);
    expect(checkRecipients([to('Ann@example.com')], c)[0]).toMatchObject({ ok: false, status: 'Duplicate' });
  });
  it('report an invalid duplicate as invalid, not as a duplicate', () => {
    expect(checkRecipients([to('x@'), to('x@')], ctx()).map((c) => (c.ok ? 'ok' : c.status))).toEqual(['Failed', 'Failed']);
  });
});
