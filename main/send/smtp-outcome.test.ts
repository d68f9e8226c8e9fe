import { describe, expect, it } from 'vitest';
import { describeSmtpError, outcomeOfError } from './smtp-outcome';

const rcpt = (response: string) => ({ code: 'EENVELOPE', command: 'RCPT TO', response, responseCode: Number(response.slice(0, 3)) });

describe('outcomeOfError', () => {
  it.each([
    ['550 5.1.1 <a@b.test>: Recipient address rejected: User unknown in virtual mailbox table', 'rejected', 'hard', false],
    ['550 5.7.1 Service unavailable; client host blocked using zen.spamhaus.org', 'rejected', 'blocked', true],
    ['554 5.7.1 Message rejected: spam content', 'rejected', 'blocked', true],
    ['550 5.7.26 Unauthenticated email from example.test is not accepted due to domain\'s DMARC policy', 'rejected', 'blocked', true],
    ['553 5.7.1 Refused', 'rejected', 'blocked', true],
    ['552 5.2.2 Mailbox full', 'rejected', 'soft', false],
    ['451 4.3.0 Temporary lookup failure', 'deferred', 'transient', false],
  ])('%s → %s (%s)', (reply, kind, bounceClass, blocked) => {
    const outcome = outcomeOfError(rcpt(reply));
    expect(outcome.kind).toBe(kind);
    expect(outcome).toMatchObject({ reply, bounceClass, ...(kind === 'rejected' ? { blocked } : {}) });
  });

  it('treats refusals of the account as the whole queue\'s problem', () => {
    for (const err of [
      { code: 'EENVELOPE', command: 'MAIL FROM', response: '553 5.7.1 Sender address rejected: not owned by user', responseCode: 553 },
      rcpt('550 5.4.5 Daily user sending limit exceeded'),
      rcpt('421 4.7.0 Try again later, closing connection'),
      { code: 'EAUTH', command: 'AUTH PLAIN', response: '535 5.7.8 Authentication credentials invalid', responseCode: 535 },
      { code: 'ESOCKET', originalCode: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1' },
    ]) {
      expect(outcomeOfError(err).kind).toBe('connection');
    }
  });
});

describe('describeSmtpError', () => {
  it('gives a missing or revoked sign-in in its own words, not as a wrong password', () => {
    const err = { code: 'EAUTH', originalCode: 'EOAUTHSIGNIN', command: 'AUTH XOAUTH2', message: 'The sign-in is no longer valid (invalid_grant). Sign in again in Preferences.' };
    expect(outcomeOfError(err).kind).toBe('connection'); // the queue waits; nothing fails
    expect(describeSmtpError(err, 'smtp.example.com:587')).toBe('The sign-in is no longer valid (invalid_grant). Sign in again in Preferences.');
  });
});
