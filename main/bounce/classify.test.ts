import { describe, expect, it } from 'vitest';
import { classify } from './classify';
import { dsn, message } from './test-messages';

describe('delivery status notifications (RFC 3464)', () => {
  it('reads a hard bounce and what links it to our email', () => {
    const r = classify(dsn({
      recipient: 'ann@example.org', action: 'failed', status: '5.1.1', envelopeId: 'env-42',
      diagnostic: '550 5.1.1 <ann@example.org>: Recipient address rejected: User unknown in virtual mailbox table',
      returned: 'From: owner@example.net\nTo: Ann <ann@example.org>\nSubject: =?UTF-8?B?UHJvb2ZzIHJlYWR5?=\nDate: Mon, 2 Mar 2026 10:00:00 +0000\nMessage-ID: <m1@outpost.example>\nX-Outpost-Copy: copy-7f3a\n\nbody\n',
    }));
    expect(r.kind).toBe('failure');
    expect(r.recipients).toHaveLength(1);
    expect(r.recipients[0]).toMatchObject({ address: 'ann@example.org', class: 'hard', reason: 'userunknown', status: '5.1.1', replycode: '550', host: 'mx.example.org', action: 'failed' });
    expect(r.recipients[0]?.diagnostic).toContain('User unknown');
    expect(r.original).toMatchObject({
      messageId: '<m1@outpost.example>', outpostCopy: 'copy-7f3a', envelopeId: 'env-42', recipient: 'ann@example.org',
      subject: 'Proofs ready', date: 'Mon, 2 Mar 2026 10:00:00 +0000', to: 'Ann <ann@example.org>',
    });
  });

  it('never calls a success report a failure', () => {
    const r = classify(dsn({ recipient: 'ann@example.org', action: 'delivered', status: '2.0.0', diagnostic: '250 2.0.0 Ok: queued' }));
    expect(r.kind).toBe('success');
    expect(r.recipients[0]).toMatchObject({ class: 'delivered', reason: 'delivered' });
  });

  it('calls a delay report a delay, not a bounce', () => {
    const r = classify(dsn({ recipient: 'ann@example.org', action: 'delayed', status: '4.4.1', diagnostic: 'connect to mx.example.org[192.0.2.1]:25: Connection timed out' }));
    expect(r.kind).toBe('delay');
    expect(r.recipients[0]?.class).toBe('transient');
  });

  it('reads the diagnostic text when the code is generic', () => {
    const of = (diagnostic: string) => classify(dsn({ recipient: 'b@example.org', action: 'failed', status: '5.0.0', diagnostic })).recipients[0];
    // "User unknown" is hard when the refusal came at RCPT TO or the code says so; under a generic
    // code at no known stage it is what content filters also answer (Sisimai's rule): filtered.
    expect(of('550 5.1.1 User unknown')).toMatchObject({ class: 'hard', reason: 'userunknown' });
    expect(of('550 User unknown (in reply to RCPT TO command)')).toMatchObject({ class: 'hard', reason: 'userunknown' });
    expect(of('550 <b@example.org>: User unknown')).toMatchObject({ class: 'hard', reason: 'userunknown' });
    expect(of('550 User unknown')).toMatchObject({ class: 'blocked', reason: 'filtered' });
    expect(of('552 Mailbox full')).toMatchObject({ class: 'soft', reason: 'mailboxfull' });
    expect(of('554 Service unavailable; Client host [192.0.2.9] blocked using zen.spamhaus.org')).toMatchObject({ class: 'blocked' });
    expect(of('550 Message rejected as spam by Content Filtering')).toMatchObject({ class: 'blocked', reason: 'spamdetected' });
  });

  it('turns a failed 4.x recipient (retries exhausted) into an expiry', () => {
    const r = classify(dsn({ recipient: 'c@example.org', action: 'failed', status: '4.4.1', diagnostic: 'connect to mx.example.org: Connection refused' }));
    expect(r.recipients[0]).toMatchObject({ class: 'transient', reason: 'expired' });
  });
});

describe('not fooled', () => {
  it('a person replying to a bounce, quoting it, is not a report', () => {
    const r = classify(message(
      { From: 'Ann <ann@example.org>', To: 'owner@example.net', Subject: 'Re: Undelivered Mail Returned to Sender', 'Message-ID': '<r1@example.org>' },
      'Got this, any idea?\n\n> This is the mail system at host mx.example.net.\n> <bob@example.com>: host said: 550 5.1.1 User unknown\n',
    ));
    expect(r.kind).toBe('not-report');
    expect(r.recipients).toEqual([]);
  });

  it('a person forwarding a bounce is not a report', () => {
    const r = classify(message(
      { From: 'Ann <ann@example.org>', To: 'owner@example.net', Subject: 'Fwd: Mail delivery failed: returning message to sender' },
      '---------- Forwarded message ---------\nThis message was created automatically by mail delivery software.\n  bob@example.com\n    550 5.1.1 User unknown\n',
    ));
    expect(r.kind).toBe('not-report');
  });

  it('"out of office" in the body of a normal reply is not an auto-reply', () => {
    const r = classify(message(
      { From: 'Ann <ann@example.org>', To: 'owner@example.net', Subject: 'Re: Wedding photos', 'In-Reply-To': '<m1@outpost.example>' },
      'Thanks! I will be out of office next week, on vacation, so let us talk after.\n',
    ));
    expect(r.kind).toBe('not-report');
  });

  it('a reply whose subject mentions out of office is a person', () => {
    const r = classify(message({ From: 'ann@example.org', To: 'owner@example.net', Subject: 'Re: Out of office until Monday' }, 'ok\n'));
    expect(r.kind).toBe('not-report');
  });
});

describe('automatic replies (RFC 3834)', () => {
  it('trusts Auto-Submitted first', () => {
    const r = classify(message({ From: 'Ann <ann@example.org>', To: 'owner@example.net', Subject: 'Hello', 'Auto-Submitted': 'auto-replied' }, 'I am away.\n'));
    expect(r.kind).toBe('autoreply');
    expect(r.recipients[0]).toMatchObject({ address: 'ann@example.org', class: 'autoreply', reason: 'vacation' });
  });

  it('falls back to subject lines in common languages', () => {
    for (const subject of ['Automatic reply: Proofs', 'Out of Office: Proofs', 'Abwesenheitsnotiz: Proofs', 'Réponse automatique : Proofs', 'Respuesta automática: Proofs', '自動応答: Proofs']) {
      expect(classify(message({ From: 'ann@example.org', To: 'owner@example.net', Subject: subject }, 'away\n')).kind).toBe('autoreply');
    }
  });
});

describe('complaints (ARF, RFC 5965)', () => {
  it('reads the complained-about recipient', () => {
    const b = 'arf-b';
    const r = classify(message(
      { From: 'fbl@isp.example', To: 'abuse@example.net', Subject: 'Complaint', 'MIME-Version': '1.0', 'Content-Type': `multipart/report; report-type=feedback-report; boundary="${b}"` },
      `--${b}\nContent-Type: text/plain\n\nA complaint.\n--${b}\nContent-Type: message/feedback-report\n\nFeedback-Type: abuse\nUser-Agent: FBL/1.0\nVersion: 1\nOriginal-Rcpt-To: <dan@isp.example>\n\n--${b}\nContent-Type: text/rfc822-headers\n\nFrom: owner@example.net\nTo: dan@isp.example\nMessage-ID: <m9@outpost.example>\nX-Outpost-Copy: copy-9\n\n--${b}--\n`,
    ));
    expect(r.kind).toBe('complaint');
    expect(r.recipients[0]).toMatchObject({ address: 'dan@isp.example', class: 'feedback', reason: 'feedback' });
    expect(r.original).toMatchObject({ messageId: '<m9@outpost.example>', outpostCopy: 'copy-9' });
  });
});

describe('inputs of any shape', () => {
  it('accepts strings, Buffers and Uint8Arrays alike', () => {
    const raw = dsn({ recipient: 'ann@example.org', action: 'failed', status: '5.2.2', diagnostic: '552 5.2.2 Mailbox full' });
    const a = classify(raw);
    expect(classify(Buffer.from(raw))).toEqual(a);
    expect(classify(new Uint8Array(Buffer.from(raw)))).toEqual(a);
  });

  it('says "not a report" for empty or plain input', () => {
    expect(classify('').kind).toBe('not-report');
    expect(classify('hello').kind).toBe('not-report');
  });

  it('turns an internal error into "not a report" with the error named, never a throw', () => {
    // Not bytes at all: whatever breaks inside, the caller gets a verdict.
    const bad = new Proxy(new Uint8Array(8), { get() { throw new RangeError('boom'); } });
    const r = classify(bad);
    expect(r.kind).toBe('not-report');
    expect(r.why).toMatch(/^error:RangeError: boom/);
  });
});
