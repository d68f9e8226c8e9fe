// One synthetic report per mail system, written from each system's documented layout.
import { describe, expect, it } from 'vitest';
import { classify } from '../classify';
import { message } from '../test-messages';

const daemon = { From: 'Mail Delivery System <MAILER-DAEMON@mx.example.net>', To: 'owner@example.net', 'Return-Path': '<>' };
const first = (raw: string) => {
  const r = classify(raw);
  return { format: r.format, kind: r.kind, ...r.recipients[0], original: r.original };
};

describe('mail systems', () => {
  it('postfix: "<addr>: host said" lines', () => {
    const r = first(message({ ...daemon, Subject: 'Undelivered Mail Returned to Sender' },
      'This is the mail system at host mx.example.net.\n\nI\'m sorry to have to inform you that your message could not\nbe delivered to one or more recipients.\n\n                   The mail system\n\n<ann@example.org>: host mx.example.org[192.0.2.5] said: 552 5.2.2 <ann@example.org>:\n    Mailbox full (in reply to RCPT TO command)\n'));
    expect(r).toMatchObject({ format: 'postfix', address: 'ann@example.org', class: 'soft', reason: 'mailboxfull', status: '5.2.2', replycode: '552' });
  });

  it('exim: address list with the SMTP error, and the quoted original', () => {
    const r = first(message({ ...daemon, Subject: 'Mail delivery failed: returning message to sender', 'X-Failed-Recipients': 'bob@example.com' },
      'This message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of its\nrecipients. This is a permanent error. The following address(es) failed:\n\n  bob@example.com\n    host mx.example.com [192.0.2.7]\n    SMTP error from remote mail server after RCPT TO:<bob@example.com>:\n    550 5.1.1 No such user here\n\n------ This is a copy of the message, including all the headers. ------\n\nMessage-ID: <e1@outpost.example>\nX-Outpost-Copy: copy-e1\nSubject: Proofs\n\nHi\n'));
    expect(r).toMatchObject({ format: 'exim', address: 'bob@example.com', class: 'hard', reason: 'userunknown' });
    expect(r.original).toMatchObject({ messageId: '<e1@outpost.example>', outpostCopy: 'copy-e1', subject: 'Proofs' });
  });

  it('exim: "after MAIL FROM" refusals are about the sender', () => {
    const r = first(message({ ...daemon, Subject: 'Mail delivery failed' },
      'This message was created automatically by mail delivery software.\n\nThe following address(es) failed:\n\n  bob@example.com\n    SMTP error from remote mail server after MAIL FROM:<owner@example.net>:\n    553 5.1.8 Domain of sender address does not exist\n'));
    expect(r).toMatchObject({ class: 'blocked', reason: 'rejected' });
  });

  it('sendmail: permanent fatal errors and a transcript', () => {
    const r = first(message({ From: 'Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>', To: 'owner@example.net', Subject: 'Returned mail: see transcript for details' },
      'The original message was received at Mon, 2 Mar 2026 10:00:00 GMT\n\n   ----- The following addresses had permanent fatal errors -----\n<cat@example.com>\n    (reason: 550 5.7.1 Client host rejected: blocked using bl.spamcop.net)\n\n   ----- Transcript of session follows -----\n... while talking to mx.example.com.:\n>>> RCPT To:<cat@example.com>\n<<< 550 5.7.1 Client host rejected: blocked using bl.spamcop.net\n'));
    expect(r).toMatchObject({ format: 'sendmail', address: 'cat@example.com', class: 'blocked', reason: 'blocked', status: '5.7.1' });
  });

  it('qmail: "<addr>:" blocks and the qmail-send greeting', () => {
    const r = first(message({ From: 'MAILER-DAEMON@mx.example.net', To: 'owner@example.net', Subject: 'failure notice' },
      "Hi. This is the qmail-send program at mx.example.net.\nI'm afraid I wasn't able to deliver your message to the following addresses.\nThis is a permanent error; I've given up. Sorry it didn't work out.\n\n<dan@example.org>:\nSorry, no mailbox here by that name. (#5.1.1)\n\n--- Below this line is a copy of the message.\n\nMessage-ID: <q1@outpost.example>\n"));
    expect(r).toMatchObject({ format: 'qmail', address: 'dan@example.org', class: 'hard', reason: 'userunknown' });
    expect(r.original.messageId).toBe('<q1@outpost.example>');
  });

  it('exchange: NDR wording without codes', () => {
    const r = first(message({ From: 'System Administrator <postmaster@example.org>', To: 'owner@example.net', Subject: 'Undeliverable: Proofs', 'X-MS-Embedded-Report': '' },
      'Your message\n\n  Subject: Proofs\n\ndid not reach the following recipient(s):\n\neve@example.org on Mon, 2 Mar 2026 10:00:00 +0000\n    The recipient name is not recognized\n'));
    expect(r).toMatchObject({ format: 'exchange', address: 'eve@example.org', class: 'hard', reason: 'userunknown' });
  });

  it('gmail: delayed delivery with Google\'s words', () => {
    const r = first(message({ From: 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>', To: 'owner@example.net', Subject: 'Delivery Status Notification (Delay)' },
      "Delivery to the following recipient has been delayed:\n\n     fay@example.org\n\nMessage will be retried for 2 more day(s)\n\nTechnical details of temporary failure:\nThe recipient server did not accept our requests to connect.\n"));
    expect(r).toMatchObject({ format: 'gmail', kind: 'delay', address: 'fay@example.org', class: 'transient' });
  });

  it('yahoo: "Remote host said" after the address', () => {
    const r = first(message({ From: 'MAILER-DAEMON@yahoo.example', To: 'owner@example.net', Subject: 'Failure Notice' },
      'Sorry, we were unable to deliver your message to the following address.\n\n<gus@example.org>:\nRemote host said: 552 1 Requested mail action aborted, mailbox over quota [RCPT_TO]\n\n--- Below this line is a copy of the message.\n'));
    expect(r).toMatchObject({ format: 'yahoo', address: 'gus@example.org', class: 'soft', reason: 'mailboxfull' });
  });

  it('opensmtpd: temporary failure report that expired', () => {
    const r = first(message({ ...daemon, Subject: 'Delivery status notification: error' },
      'Hi!\n\nThis is the MAILER-DAEMON, please DO NOT REPLY to this email.\n\nAn error has occurred while attempting to deliver a message for\nthe following list of recipients:\n\nhal@example.org: Envelope expired\n\nBelow is a copy of the original message:\n'));
    expect(r).toMatchObject({ format: 'opensmtpd', address: 'hal@example.org', class: 'transient', reason: 'expired' });
  });

  it('amazonses: JSON bounce notification', () => {
    const json = JSON.stringify({ notificationType: 'Bounce', bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: 'ivy@example.org', action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' }], reportingMTA: 'dsn; a1.smtp-out.example.com' } });
    const r = first(message({ From: 'AWS Notifications <no-reply@sns.amazonaws.com>', To: 'owner@example.net', Subject: 'AWS Notification Message' }, json + '\n'));
    expect(r).toMatchObject({ format: 'amazonses', address: 'ivy@example.org', class: 'hard', reason: 'userunknown', status: '5.1.1' });
  });

  it('domino: reason after "because:"', () => {
    const r = first(message({ From: 'Postmaster@example.org', To: 'owner@example.net', Subject: 'DELIVERY FAILURE: User jay (jay@example.org) not listed in Domino Directory' },
      'Your message\n\n  Subject: Proofs\n\nwas not delivered to:\n\n  jay@example.org\n\nbecause:\n\n  User jay (jay@example.org) not listed in Domino Directory\n'));
    expect(r).toMatchObject({ format: 'domino', address: 'jay@example.org', class: 'hard', reason: 'userunknown' });
  });

  it('googlegroups: a group refusing the post is about the sender', () => {
    const r = first(message({ From: 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>', To: 'owner@example.net', Subject: 'Delivery Status Notification (Failure)', 'X-Failed-Recipients': 'team@googlegroups.com' },
      "Hello owner@example.net,\n\nWe're writing to let you know that the group you tried to contact (team) may not exist, or you may not have permission to post messages to the group.\n"));
    expect(r).toMatchObject({ format: 'googlegroups', address: 'team@googlegroups.com', class: 'blocked', reason: 'rejected' });
  });

  it('interscan: one sentence under a banner', () => {
    const r = first(message({ ...daemon, Subject: 'Mail could not be delivered' },
      '*****\n\nMessage from InterScan Messaging Security Suite\n\nUnable to deliver message to <kim@example.org>. Please check if address is correct.\n\n*****\n'));
    expect(r).toMatchObject({ format: 'interscan', address: 'kim@example.org', class: 'hard', reason: 'userunknown' });
  });

  it('fml: a mailing list refusing a non-member\'s post', () => {
    const r = first(message({ From: 'list-admin@example.org', To: 'owner@example.net', Subject: 'You owner@example.net are not member (team ML)', 'X-MLServer': 'fml [fml 4.0]' }, 'Only members can post.\n'));
    expect(r).toMatchObject({ format: 'fml', class: 'blocked', reason: 'rejected' });
  });

  it('generic: the first address named in text without spaces, in linear time', () => {
    const body = `${'あ'.repeat(3000)}<mia@example.org>${'い'.repeat(3000)}\n`;
    const start = performance.now();
    const r = first(message({ ...daemon, Subject: 'Returned mail' }, body));
    expect(performance.now() - start).toBeLessThan(500);
    expect(r).toMatchObject({ address: 'mia@example.org' });
  });

  it('ezweb: the reception filter\'s X-SPASIGN mark', () => {
    const r = first(message({ From: '<Postmaster@ezweb.ne.jp>', To: 'owner@example.net', Subject: 'Mail System Error - Returned Mail', 'X-SPASIGN': 'NG' },
      '<kay@ezweb.ne.jp>\n\nEach of the following recipients was rejected by a remote mail server.\n'));
    expect(r).toMatchObject({ format: 'ezweb', address: 'kay@ezweb.ne.jp', class: 'blocked', reason: 'filtered' });
  });

  it('gmail: cause on the line that names the recipient', () => {
    const r = first(message({ From: 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>', To: 'owner@example.net', Subject: 'Delivery Status Notification (Failure)' },
      "** Address not found **\n\nYour message wasn't delivered to lee@example.org because the address couldn't be found. Check for typos or unnecessary spaces and try again.\n"));
    expect(r).toMatchObject({ format: 'gmail', address: 'lee@example.org', class: 'hard', reason: 'userunknown' });
  });
});
