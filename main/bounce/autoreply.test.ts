// Automatic replies of every kind the classifier missed (issue 13), one synthetic message each.
import { describe, expect, it } from 'vitest';
import { classify } from './classify';
import { message } from './test-messages';

const base = { From: 'Kim <kim@example.org>', To: 'owner@example.net', 'Message-ID': '<a1@example.org>' };
const kindOf = (headers: Record<string, string>, body: string) => classify(message({ ...base, ...headers }, body)).kind;

describe('automatic replies', () => {
  it('a "Re:" subject is an auto-reply when the headers say a program sent it', () => {
    expect(kindOf({ Subject: 'Re: Proofs ready', 'Auto-Submitted': 'auto-replied', 'In-Reply-To': '<m1@outpost.example>' }, 'I am away until Monday.\n')).toBe('autoreply');
    expect(kindOf({ Subject: 'RE: Proofs ready', 'X-Autoreply': 'yes' }, 'Away.\n')).toBe('autoreply');
    expect(kindOf({ Subject: 'AW: Proofs ready', Precedence: 'auto_reply' }, 'Abwesend.\n')).toBe('autoreply');
    // Marked auto-generated (meant for notifications), the reply's own words decide.
    expect(kindOf({ Subject: 'Re: Proofs ready', 'Auto-Submitted': 'auto-generated' }, 'This is an automatic reply: I am out of the office.\n')).toBe('autoreply');
    expect(kindOf({ Subject: 'Re: Proofs ready', 'Auto-Submitted': 'auto-generated' }, 'Your ticket 42 was updated.\n')).toBe('not-report');
  });

  it('reads a Sieve vacation reply (empty envelope sender, Auto-Submitted with a comment)', () => {
    const headers = { 'Return-Path': '<>', Subject: 'Auto: Proofs ready', 'Auto-Submitted': 'auto-replied (vacation)', 'In-Reply-To': '<m1@outpost.example>', Precedence: 'bulk' };
    const r = classify(message({ ...base, ...headers }, 'I am on leave until the 12th.\n'));
    expect(r.kind).toBe('autoreply');
    expect(r.recipients[0]).toMatchObject({ address: 'kim@example.org', class: 'autoreply', reason: 'vacation' });
    expect(r.original.replyTo).toContain('<m1@outpost.example>');
    // A script's own subject, no telling words: the header still decides.
    expect(kindOf({ 'Return-Path': '<>', Subject: 'Kim', 'Auto-Submitted': 'auto-replied (vacation)' }, 'Back soon.\n')).toBe('autoreply');
  });

  it('reads subject lines in Polish, Latvian and the other common languages', () => {
    for (const subject of [
      'Odpowiedź automatyczna: Proofs', 'Automatyczna odpowiedź: Proofs', 'Nieobecność w biurze', // pl
      'Automātiskā atbilde: Proofs', 'Prombūtnē līdz 12.12.', // lv
      'Risposta automatica: Proofs', 'Resposta automática: Proofs', 'Automatisch antwoord: Proofs', 'Автоответ: Proofs', '自動返信: Proofs',
      '[Auto-Reply] Proofs', 'Thank you for your e-mail', 'Merci pour votre message',
    ]) expect([subject, kindOf({ Subject: subject }, 'away\n')]).toEqual([subject, 'autoreply']);
  });

  it('reads a reply with no auto-reply header and an ordinary subject by its opening words', () => {
    for (const body of [
      'Hello,\nI am out of the office until 14 December with limited access to email.\n', // en
      'Guten Tag,\nich bin nicht im Büro bis zum 14.12.\n', // de
      'Bonjour,\nJe suis absente jusqu\'au 14 décembre.\n', // fr
      'Hola,\nEstoy fuera de la oficina hasta el 14 de diciembre.\n', // es
      'Buongiorno,\nsono fuori ufficio fino al 14 dicembre.\n', // it
      'Olá,\nEstou de férias até 14 de dezembro.\n', // pt
      'Hallo,\nIk ben afwezig tot 14 december.\n', // nl
      'Dzień dobry,\nprzebywam na urlopie do 14 grudnia.\n', // pl
      'Labdien!\nEsmu atvaļinājumā līdz 14. decembrim.\n', // lv
      'Здравствуйте,\nя в отпуске до 14 декабря.\n', // ru
      'お世話になっております。\n12月14日まで不在にしております。\n', // ja
    ]) expect([body, kindOf({ Subject: 'Proofs ready' }, body)]).toEqual([body, 'autoreply']);
  });

  it('reads "thank you for your e-mail" when it answers a message', () => {
    const body = 'Thank you for your e-mail. We will answer within two working days.\n';
    expect(kindOf({ Subject: 'Proofs ready', 'In-Reply-To': '<m1@outpost.example>' }, body)).toBe('autoreply');
    expect(kindOf({ Subject: 'Proofs ready', 'In-Reply-To': '<m1@outpost.example>' }, 'Paldies par jūsu e-pastu! Atbildēsim drīz.\n')).toBe('autoreply');
  });
});

describe('not an auto-reply', () => {
  it('a person\'s reply thanking for the e-mail', () => {
    expect(kindOf({ Subject: 'Re: Proofs ready', 'In-Reply-To': '<m1@outpost.example>' }, 'Thank you for your email, I am out of the office tomorrow.\n')).toBe('not-report');
  });

  it('a person\'s new message that thanks for an earlier one', () => {
    expect(kindOf({ Subject: 'Proofs' }, 'Thank you for your email yesterday, here are the files.\n')).toBe('not-report');
  });

  it('a bounce that calls itself automatic', () => {
    const r = classify(message(
      { From: 'Mail Delivery System <MAILER-DAEMON@mx.example.net>', To: 'owner@example.net', Subject: 'Undelivered Mail Returned to Sender', 'Auto-Submitted': 'auto-replied' },
      'This is an automatic reply from the mail system.\n\n<bob@example.com>: host mx.example.com said: 550 5.1.1 User unknown (in reply to RCPT TO command)\n',
    ));
    expect(r.kind).toBe('failure');
    expect(r.recipients[0]).toMatchObject({ address: 'bob@example.com', class: 'hard' });
  });
});
