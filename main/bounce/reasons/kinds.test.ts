// One synthetic wording per kind of mail the classifier failed on (issue 13), per language:
// the rules must hold for the kind, not for any one report.
import { describe, expect, it } from 'vitest';
import { classOf } from './classes';
import { decideReason } from './index';

// As the classifier does: an enhanced status code stated in the text is the status.
const read = (text: string, status = '', action = 'failed', more: string[] = []) =>
  decideReason({ texts: [text, ...more], status: status || (/\b[45]\.\d{1,3}\.\d{1,3}\b/.exec(text)?.[0] ?? ''), replycode: /^[45]\d\d/.exec(text)?.[0] ?? '', action });
const reason = (text: string, status = '') => read(text, status).reason;
const klass = (text: string, status = '') => {
  const r = read(text, status);
  return classOf(r.reason, status.startsWith('4') || (!status && text.startsWith('4')));
};

describe('plain wordings with no status code', () => {
  // Words alone at no known SMTP stage under no precise code stay "filtered" (Sisimai's rule, which
  // the labels follow: content filters answer the same words); these carry a stage or a code.
  it('reads a mailbox that is not there', () => {
    for (const text of [
      '550 <kim@example.org>: The address does not exist',
      "550 <kim@example.org>: this address doesn't exist here",
      '550 5.1.1 No mailbox found for kim@example.org',
      '550 no such user here (in reply to RCPT TO command)',
      '550 <kim@example.org>: Recipient address rejected: no such address',
      'Die Adresse kim@example.org existiert nicht (in reply to RCPT TO command)', // de
      "550 <kim@example.org>: l'adresse n'existe pas", // fr
      '550 <kim@example.org>: la cuenta no existe', // es
      "550 <kim@example.org>: l'utente non esiste", // it
      '550 <kim@example.org>: o endereço não existe', // pt
      '550 <kim@example.org>: dit adres bestaat niet', // nl
      '550 <kim@example.org>: adres nie istnieje', // pl
      '550 <kim@example.org>: такого ящика нет', // ru
      '550 <kim@example.org>: 宛先のメールアドレスは存在しません', // ja
    ]) expect([text, reason(text)]).toEqual([text, 'userunknown']);
  });

  it('reads a message too big for the receiver', () => {
    for (const text of [
      '552 Message exceeds allowed size',
      'The message is larger than the receiving server allows',
      '552 Die Nachricht ist zu groß', // de
      '552 Message trop volumineux', // fr
      '552 Mensaje demasiado grande', // es
      '552 Messaggio troppo grande', // it
      '552 Mensagem muito grande', // pt
      '552 Bericht te groot', // nl
      '552 Wiadomość jest za duża', // pl
      '552 Сообщение слишком большое', // ru
      '552 メールサイズが大きすぎます', // ja
    ]) expect([text, reason(text)]).toEqual([text, 'mesgtoobig']);
  });

  it('reads retries that ran out', () => {
    for (const text of [
      'Delivery failed after 20 attempts',
      'retry time exceeded',
      'Message could not be delivered within 5 days',
      'Zeitüberschreitung bei der Zustellung', // de
      'Délai expiré, message non remis', // fr
      'Plazo expirado para la entrega', // es
      'Tempo scaduto per la consegna', // it
      'Prazo expirado para a entrega', // pt
      'Bezorgtermijn verlopen', // nl
      'Przekroczono czas dostarczenia', // pl
      'Истекло время доставки', // ru
      '配送期限を過ぎました', // ja
    ]) expect([text, reason(text)]).toEqual([text, 'expired']);
  });

  it('reads relay refusals', () => {
    for (const text of [
      '550 relay not authorized',
      "553 sorry, that domain isn't in my list of allowed rcpthosts",
      '550 not local host example.org, not a gateway',
      '550 Relaying verweigert', // de
      '550 Relais refusé', // fr
      '550 Relay no permitido', // es
      '550 Relay non consentito', // it
      '550 Relay não permitido', // pt
      '550 Relay niet toegestaan', // nl
      '550 Przekazywanie zabronione', // pl
      '550 Релей запрещен', // ru
      '550 中継拒否', // ja
    ]) expect([text, reason(text)]).toEqual([text, 'norelaying']);
  });

  it('reads other plain wordings of a full mailbox, a gone mailbox, a domain without mail', () => {
    expect(reason('552 <kim@example.org>: over the allowed quota')).toBe('mailboxfull');
    expect(reason('550 <kim@example.org>: This mailbox is not in service')).toBe('userunknown');
    expect(reason('550 Domain has no mail exchangers')).toBe('hostunknown');
  });

  it('reads mass-mailer refusals as spam', () => {
    for (const text of ['550 Message refused: you look like a mass mailer', '554 Rejected: bulk mailer detected', '554 Массовая рассылка запрещена']) {
      expect([text, reason(text)]).toEqual([text, 'spamdetected']);
    }
  });
});

describe('evidence in order of strength', () => {
  it('a precise status code outranks broad words of refusal', () => {
    expect(reason('550 Access denied', '5.1.1')).toBe('userunknown');
    expect(reason('550 Delivery rejected, request denied', '5.2.2')).toBe('mailboxfull');
    expect(reason('550 not permitted', '5.1.1')).toBe('userunknown');
  });

  it('of two phrases in the server\'s words, the one the status code agrees with wins', () => {
    expect(reason('550 5.1.1 <kim@example.org>: user unknown (see our spam filter policy)')).toBe('userunknown');
    expect(reason('552 5.2.2 Mailbox full, message rejected by the virus scanner')).toBe('mailboxfull');
    // With no code, the mailbox's state comes before how the server judged the message.
    expect(reason('550 <kim@example.org>: user unknown (see our spam filter policy)')).toBe('userunknown');
    expect(reason('550 <kim@example.org>: mailbox full; spam score 0.1')).toBe('mailboxfull');
  });

  it('a permanent status code outranks phrases in the report\'s surrounding text', () => {
    const r = read('550 5.1.1 Recipient address rejected', '5.1.1', 'failed', ['The mail system\nVirus scanning service: message contained a virus?\n']);
    expect(r.reason).toBe('userunknown');
  });

  it('an antivirus stamp or a disclaimer is not evidence', () => {
    const text = '550 <kim@example.org>: no such user\n\nThis email has been scanned for viruses and malware by ExampleGuard.\n';
    expect(reason(text)).toBe('userunknown');
    const footer = '550 <kim@example.org> mailbox full\n-- \nDisclaimer: this message may contain spam, virus or policy information.\n';
    expect(reason(footer)).toBe('mailboxfull');
    const plain = 'Delivery to kim@example.org failed: over quota\n\nScanned by AntiVirus Gateway - no virus found\n';
    expect(reason(plain)).toBe('mailboxfull');
  });

  it('a transcript\'s positive replies are not evidence, its failure reply is', () => {
    const transcript = 'Out: 220 mx.example.org ESMTP\nIn: EHLO mx.example.net\nOut: 250-mx.example.org\nOut: 250-STARTTLS\nOut: 250-8BITMIME\nOut: 250 SMTPUTF8\nIn: DATA\nOut: 354 End data with <CR><LF>.<CR><LF>\nOut: 451 4.3.0 Error: queue file write error\n';
    expect(read(transcript, '4.3.0').reason).toBe('systemerror');
    expect(reason('530 5.7.0 Must issue a STARTTLS command first')).toBe('failedstarttls');
  });

  it('a virus the server found is still a virus', () => {
    expect(reason('554 5.7.0 The message was scanned and found to contain a virus (Eicar-Test)')).toBe('virusdetected');
    for (const text of ['554 Nachricht enthält einen Virus', '554 Wiadomość zawiera wirusa', '554 Обнаружен вирус', '554 ウイルスが検出されました']) {
      expect([text, reason(text)]).toEqual([text, 'virusdetected']);
    }
  });
});

describe('other languages', () => {
  it('reads a refused sender and a temporary error', () => {
    for (const text of ['550 Absender abgelehnt', '550 Expéditeur refusé', '550 Remitente rechazado', '550 Nadawca odrzucony', '550 Отправитель отклонен']) {
      expect([text, reason(text)]).toEqual([text, 'rejected']);
    }
    for (const text of ['451 Vorübergehender Fehler', '451 Erreur temporaire', '451 Errore temporaneo', '451 Временная ошибка', '451 一時的なエラー']) {
      expect([text, reason(text), klass(text)]).toEqual([text, 'systemerror', 'transient']);
    }
  });
});

describe('severity', () => {
  it('a policy refusal of a recipient is blocked, not hard', () => {
    expect(klass('550 5.7.1 <kim@example.org>: Recipient address rejected: Access denied', '5.7.1')).toBe('blocked');
    expect(klass('550 5.7.1 Recipient rejected by policy', '5.7.1')).toBe('blocked');
    expect(klass('550 This recipient does not accept mail from your domain')).toBe('blocked');
    expect(reason('550 <kim@example.org>: Recipient rejected: blocked by local policy')).toBe('policyviolation');
    expect(reason('550 <kim@example.org>: Recipient address rejected: client listed at a DNSBL')).toBe('blocked');
    expect(reason('550 5.1.1 <kim@example.org>: Recipient rejected by policy: no such user')).toBe('userunknown');
    expect(reason('550 5.4.1 Recipient address rejected: Access denied')).toBe('userunknown');
    expect(klass('550 Mail is not accepted from your network')).toBe('blocked');
    // Codes about the sending side are refusals, not a closed recipient domain.
    expect(klass('550 5.7.27 Sender address has null MX', '5.7.27')).toBe('blocked');
    expect(klass('550 5.7.510 Access denied, example.org does not accept email over IPv6', '5.7.510')).toBe('blocked');
  });

  it('a suspended, disabled or inactive mailbox is soft, in any language', () => {
    for (const text of [
      '550 5.2.1 The email account that you tried to reach is inactive',
      '550 User inactive', '550 Mailbox has been suspended', '550 Recipient disabled',
      '550 Postfach deaktiviert', '550 Compte désactivé', '550 Cuenta suspendida', '550 Casella disattivata',
      '550 Conta desativada', '550 Account gedeactiveerd', '550 Konto zablokowane', '550 Ящик заблокирован', '550 アカウントが停止されています',
    ]) expect([text, reason(text, '5.1.1'), klass(text, '5.1.1')]).toEqual([text, 'suspend', 'soft']);
  });

  it('a disabled account in a sentence of its own is soft; outbound mail disabled is a policy', () => {
    expect(reason('550 5.2.1 The email account that you tried to reach is disabled.', '5.2.1')).toBe('suspend');
    expect(reason('550 5.1.1 The user mailbox is currently inactive', '5.1.1')).toBe('suspend');
    expect(reason('550 5.0.0 outbound mail is disabled for this account', '5.0.0')).toBe('policyviolation');
  });

  it('a moved address is hard, in any language', () => {
    for (const text of ['550 5.1.6 User has moved; new address is kim@example.com', '550 Der Empfänger ist umgezogen', '550 Le destinataire a déménagé', '550 Новый адрес получателя: kim@example.com']) {
      expect([text, reason(text), klass(text)]).toEqual([text, 'hasmoved', 'hard']);
    }
  });

  it('an attachment the policy forbids is a policy refusal, not a missing mailbox', () => {
    for (const text of [
      '550 Requested action not taken: mailbox unavailable (attachment type not allowed)',
      '554 5.7.1 Blocked file extension .exe',
      '550 Anhang nicht erlaubt', '550 Pièce jointe interdite', '550 Adjunto no permitido',
    ]) expect([text, klass(text), reason(text)]).toEqual([text, 'blocked', 'policyviolation']);
  });
});
