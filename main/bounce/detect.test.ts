// Genuine bounces the classifier answered "not a report" (issue 13): structural signs in the
// sender, the headers, the subject in many languages, or a mail system's fixed opening words.
import { describe, expect, it } from 'vitest';
import { classify } from './classify';
import { message } from './test-messages';

const body = 'Your message could not be delivered.\n\n<bob@example.com>: 550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown (in reply to RCPT TO command)\n';

describe('seen as a report', () => {
  it('by a daemon sender the old list did not name', () => {
    for (const from of ['Mail Delivery Service <mailer_daemon@example.net>', 'Internet Mail Delivery <postoffice@example.net>', 'Mail Delivery Agent <mda@example.net>']) {
      const r = classify(message({ From: from, To: 'owner@example.net', Subject: 'Message' }, body));
      expect([from, r.kind, r.recipients[0]?.class]).toEqual([from, 'failure', 'hard']);
    }
  });

  it('by a report subject in the common languages', () => {
    for (const subject of [
      'Nondeliverable mail', 'Mail not delivered: Proofs', 'Unable to deliver your message', 'Returned to sender: Proofs',
      'Nicht zugestellt: Proofs', 'Échec de la remise du message', 'No se pudo entregar el mensaje', 'Mancata consegna: Proofs',
      'Mensagem não entregue', 'Bericht niet afgeleverd', 'Wiadomość niedostarczona', 'Сообщение не доставлено', 'メール未達のお知らせ',
    ]) {
      const r = classify(message({ From: 'System <admin@example.net>', To: 'owner@example.net', Subject: subject }, body));
      expect([subject, r.kind]).toEqual([subject, 'failure']);
    }
  });

  it('by an X-Failed-Recipients header', () => {
    const r = classify(message({ From: 'System <admin@example.net>', To: 'owner@example.net', Subject: 'Message', 'X-Failed-Recipients': 'bob@example.com' }, 'Delivery failed: 550 5.1.1 no such user here\n'));
    expect(r.kind).toBe('failure');
    expect(r.recipients[0]).toMatchObject({ address: 'bob@example.com', class: 'hard' });
  });

  it('by a mail system\'s fixed opening, whatever the sender and subject', () => {
    const r = classify(message(
      { From: 'System <admin@example.net>', To: 'owner@example.net', Subject: 'Proofs' },
      'This is the mail system at host mx.example.net.\n\nI\'m sorry to have to inform you that your message could not\nbe delivered to one or more recipients.\n\n<bob@example.com>: host mx.example.com[192.0.2.7] said: 550 5.1.1\n    <bob@example.com>: Recipient address rejected: User unknown (in reply to\n    RCPT TO command)\n',
    ));
    expect(r.kind).toBe('failure');
    expect(r.format).toBe('postfix');
    expect(r.recipients[0]).toMatchObject({ address: 'bob@example.com', class: 'hard', reason: 'userunknown' });
  });
});

describe('seen as a report by its opening words', () => {
  it('whatever the sender and subject, in the common languages', () => {
    for (const opening of [
      'Your message could not be delivered to one or more\nrecipients.',
      'Die Nachricht konnte nicht zugestellt werden.', "Votre message n'a pas pu être remis.", 'El mensaje no se pudo entregar.',
      'Non è stato possibile recapitare il messaggio.', 'Não foi possível entregar a mensagem.', 'Het bericht kon niet worden afgeleverd.',
      'Wiadomość nie została dostarczona.', 'Сообщение не может быть доставлено.', 'メッセージを配信できませんでした。',
    ]) {
      const r = classify(message({ From: 'System <admin@example.net>', To: 'owner@example.net', Subject: 'Proofs' }, `${opening}\n\n<bob@example.com>: 550 5.1.1 user unknown (in reply to RCPT TO command)\n`));
      expect([opening, r.kind, r.recipients[0]?.class]).toEqual([opening, 'failure', 'hard']);
    }
  });
});

describe('still not a report', () => {
  it('a person quoting a mail system under "Re:"', () => {
    const r = classify(message(
      { From: 'Ann <ann@example.org>', To: 'owner@example.net', Subject: 'Re: Proofs' },
      'This is the mail system at host mx.example.net, it says:\n<bob@example.com>: 550 5.1.1 User unknown\n',
    ));
    expect(r.kind).toBe('not-report');
  });

  it('a person writing about delivery in an ordinary subject', () => {
    expect(classify(message({ From: 'Ann <ann@example.org>', To: 'owner@example.net', Subject: 'Proofs' }, 'The parcel was not delivered, can you check?\n')).kind).toBe('not-report');
  });
});
