// Whole reports: the strongest evidence decides (issue 13). The per-recipient Status and
// Diagnostic-Code, then codes in the text, then phrases, then the subject; footers, quoted
// originals and attachments are not evidence.
import { describe, expect, it } from 'vitest';
import { classify } from './classify';
import { dsn, message } from './test-messages';

describe('evidence by strength', () => {
  it('an antivirus footer in the report text never outvotes the status and diagnostic', () => {
    const r = classify(dsn({
      recipient: 'kim@example.org', action: 'failed', status: '5.1.1',
      diagnostic: '550 5.1.1 <kim@example.org>: Recipient address rejected',
      text: 'This is the mail system at host mx.example.net.\n\nYour message could not be delivered.\n\n-- \nThis message was scanned for viruses and dangerous content by ExampleScan and is believed to be clean.\nDisclaimer: confidential, may contain policy information.\n',
    }));
    expect(r.recipients[0]).toMatchObject({ class: 'hard', reason: 'userunknown' });
  });

  it('a virus word in the returned message is not evidence', () => {
    const r = classify(dsn({
      recipient: 'kim@example.org', action: 'failed', status: '5.2.2', diagnostic: '552 5.2.2 Mailbox full',
      returned: 'From: owner@example.net\nTo: kim@example.org\nSubject: Virus alert: spam and malware policy\n\nBlocked, denied, virus, spam.\n',
    }));
    expect(r.recipients[0]).toMatchObject({ class: 'soft', reason: 'mailboxfull' });
  });

  it('a plain report: a footer after the diagnostic is cut off', () => {
    const r = classify(message(
      { From: 'Mail Delivery System <MAILER-DAEMON@mx.example.net>', To: 'owner@example.net', Subject: 'Mail delivery failed' },
      'Delivery to the following recipient failed permanently:\n\n  kim@example.org\n\nThe mailbox is full.\n\n__________________\nThis e-mail has been checked for viruses by ExampleAV. Spam and virus policy: https://av.example.net\n',
    ));
    expect(r.recipients[0]).toMatchObject({ address: 'kim@example.org', class: 'soft', reason: 'mailboxfull' });
  });

  it('lines quoted from the original ("> ...") are not evidence; a transcript\'s ">>>" still is', () => {
    const r = classify(message(
      { From: 'Mail Delivery System <MAILER-DAEMON@mx.example.net>', To: 'owner@example.net', Subject: 'Mail delivery failed' },
      'Delivery to kim@example.org failed: the mailbox is full.\n\n> Subject: our virus and spam policy\n> Blocked senders are denied.\n',
    ));
    expect(r.recipients[0]).toMatchObject({ address: 'kim@example.org', class: 'soft', reason: 'mailboxfull' });
  });

  it('the subject speaks only when nothing else does, without the returned subject', () => {
    const plain = (subject: string) => classify(message(
      { From: 'Mail Delivery System <MAILER-DAEMON@mx.example.net>', To: 'owner@example.net', Subject: subject },
      'Your message to kim@example.org could not be delivered.\n\n--- Original message ---\nSubject: Spam and virus report\n\nhello\n',
    )).recipients[0];
    expect(plain('Mailbox full: Proofs')).toMatchObject({ class: 'soft', reason: 'mailboxfull' });
    expect(plain('Undeliverable: Spam and virus report')?.class).toBe('other');
  });

  it('a mail system\'s "giving up" boilerplate is not the cause of a permanent refusal', () => {
    const qmailLike = (said: string) => classify(message(
      { From: 'MAILER-DAEMON@mx.example.net', To: 'owner@example.net', Subject: 'failure notice' },
      `Hi. This is the qmail-send program at mx.example.net.\nI'm afraid I wasn't able to deliver your message to the following addresses.\nThis is a permanent error; I've given up. Sorry it didn't work out.\n\n<kim@example.org>:\n192.0.2.1 does not like recipient.\nRemote host said: ${said}\nGiving up on 192.0.2.1.\n`,
    )).recipients[0];
    expect(qmailLike('554 denied by policy')).toMatchObject({ class: 'blocked' });
    expect(qmailLike('552 sorry, mailbox full')).toMatchObject({ class: 'soft', reason: 'mailboxfull' });
    // With no permanent reply, running out of retries is the outcome.
    expect(qmailLike('(no answer) connection timed out')).toMatchObject({ class: 'transient' });
  });

  it('an unknown sender is the sender\'s problem, not the recipient\'s', () => {
    const r = classify(dsn({ recipient: 'kim@example.org', action: 'failed', status: '5.0.0', diagnostic: '550 5.0.0 <owner@example.net>: Sender address rejected: Domain not found' }));
    expect(r.recipients[0]).toMatchObject({ class: 'blocked', reason: 'rejected' });
  });
});
