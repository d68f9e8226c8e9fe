import { describe, expect, it } from 'vitest';
import { classOf } from './classes';
import { stageOf } from './command';
import { decideReason, RULES } from './index';
import { reasonOfStatus } from './status-codes';

const reason = (text: string, status = '', action = 'failed') => decideReason({ texts: [text], status, replycode: '', action }).reason;

describe('reasons', () => {
  it('names the reason from the server\'s words', () => {
    const cases: Array<[string, string]> = [
      ['550 5.1.1 <a@b>: Recipient address rejected: User unknown in local recipient table', 'userunknown'],
      ['550 Host unknown (Name server: example.invalid: host not found)', 'hostunknown'],
      ['452 4.2.2 Mailbox full', 'mailboxfull'],
      ['550 5.2.1 This account has been disabled or discontinued', 'suspend'],
      ['554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org', 'blocked'],
      ['550 5.7.26 Unauthenticated email from example.com is not accepted due to domain\'s DMARC policy', 'authfailure'],
      ['554 5.7.1 <a@b>: Relay access denied', 'norelaying'],
      ['550 5.7.25 The IP address sending this message does not have a PTR record setup', 'requireptr'],
      ['552 5.3.4 Message size exceeds fixed maximum message size', 'mesgtoobig'],
      ['554 5.6.0 Message rejected: message classified as spam', 'spamdetected'],
      ['554 5.7.0 Virus found in message', 'virusdetected'],
      ['421 4.7.0 Too many concurrent SMTP connections from this IP', 'toomanyconn'],
      ['451 4.3.0 Error: queue file write error (system error)', 'systemerror'],
      ['Command died with status 1: "/usr/bin/procmail"', 'mailererror'],
    ];
    for (const [text, want] of cases) expect([text, reason(text)]).toEqual([text, want]);
  });

  it('falls back to the status code, then to the shape of the report', () => {
    expect(reason('rejected', '5.1.1')).toBe('userunknown');
    expect(reason('no words of note', '5.2.2')).toBe('mailboxfull');
    expect(reason('no words of note', '4.4.7', 'delayed')).toBe('expired');
    expect(reason('no words of note', '5.0.0')).toBe('undefined');
    expect(decideReason({ texts: [''], status: '2.0.0', replycode: '', action: 'delivered' }).reason).toBe('delivered');
  });

  it('reads the SMTP stage the server answered', () => {
    expect(stageOf('550 5.1.1 user unknown (in reply to rcpt to command)')).toBe('RCPT');
    expect(stageOf('smtp error from remote mail server after end of data: 550 rejected')).toBe('DATA');
    expect(stageOf('>>> mail from:<a@b> <<< 553 sender domain unknown')).toBe('MAIL');
    expect(stageOf('... while talking to mx.example.com.: <<< 554 go away')).toBe('CONN');
    expect(stageOf('smtp:rcpt host 192.0.2.8: 553 5.3.0 no such user here')).toBe('RCPT');
    expect(stageOf('remote host said: 550 5.2.1 user unknown [rcpt_to]')).toBe('RCPT');
    expect(stageOf('550 <ann@example.org>: user unknown')).toBe('RCPT');
    expect(stageOf('550 user unknown')).toBe('');
    expect(reason('550 user unknown (in reply to end of data command)')).toBe('filtered');
    expect(reason('553 domain not found (in reply to mail from command)')).toBe('rejected');
    // The enhanced code outranks the stage; Microsoft's 5.4.1 beside unknown-user words is its directory.
    expect(reason('550 5.1.1 user unknown (in reply to end of data command)', '5.1.1')).toBe('userunknown');
    expect(reason('550 5.4.1 Recipient address rejected: Access denied', '5.4.1')).toBe('userunknown');
  });

  it('reads providers\' own markers whatever the stage', () => {
    expect(reason("554 delivery error: dd This user doesn't have a example.com account (a@example.com) [0] (in reply to end of DATA command)")).toBe('userunknown');
    expect(reason('554 delivery error: dd Sorry your message to a@example.com cannot be delivered. This account has been disabled or discontinued [#102]')).toBe('suspend');
    expect(reason('550 Mail rejete. Mail rejected. OFR_506 [506]')).toBe('spamdetected');
    expect(reason('550 5.1.0 <a@example.com> sender rejected. AUP#CDRBL')).toBe('blocked');
    expect(reason('554 Message rejected. AUP#URLBL1001')).toBe('spamdetected');
    expect(reason('550 5.1.0 <a@example.com> sender rejected. AUP#In-1310')).toBe('toomanyconn');
  });

  it('maps codes and reasons the way the README documents', () => {
    expect(reasonOfStatus('5.7.26')).toBe('authfailure');
    expect(reasonOfStatus('5.0.0')).toBe('');
    expect(reasonOfStatus('5.7.1')).toBe('');
    expect(reasonOfStatus('5.4.316')).toBe('expired'); // Microsoft's own detail numbers
    expect(reasonOfStatus('5.1.351')).toBe('userunknown');
    expect(reasonOfStatus('5.7.708')).toBe('toomanyconn');
    expect(reasonOfStatus('4.7.650')).toBe('blocked');
    expect(classOf('notaccept', false)).toBe('hard');
    expect(classOf('notaccept', true)).toBe('transient');
    expect(classOf('onhold', false)).toBe('other');
  });

  it('keeps every pattern linear on hostile text', () => {
    const hostile = ['a'.repeat(100_000), ' '.repeat(100_000), 'user '.repeat(20_000), 'mailbox '.repeat(20_000), '@'.repeat(50_000)];
    for (const text of hostile) {
      const start = performance.now();
      for (const rule of RULES) for (const re of rule.patterns ?? []) re.test(text);
      reason(text);
      expect(performance.now() - start).toBeLessThan(1000);
    }
  });
});
