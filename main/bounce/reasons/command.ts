// Which SMTP command the receiving server answered. The stage changes what words mean:
// "unknown" after MAIL FROM is about the sender, "user unknown" after DATA (the address
// was already accepted) is a filter's answer, and refusals at connect or HELO are blocks.
export type SmtpStage = 'CONN' | 'HELO' | 'MAIL' | 'RCPT' | 'DATA' | '';

// Postfix "in reply to RCPT TO command", Exim "after RCPT TO:<..>", m-FILTER "SMTP command DATA".
// Also X3/Mail.com "SMTP:RCPT host ...", Yahoo "... [RCPT_TO]", Exim "after RCPT TO".
const SAID = /(?:in reply to|after|smtp command:?|smtp:|\[)\s*(?:the\s+)?(end of data|data|rcpt to|rcpt_to|rcpt|mail from|mail_from|mail|helo|ehlo|initial connection|greeting|connect)\b/;
// A reply that starts with the recipient in angle brackets ("550 <a@b>: ...", "550 <a@b>... ...",
// "550 <a@b>, ...") is the answer to RCPT TO: Postfix, Sendmail and their kin echo the address
// they refuse. Oracle/Sun Messaging Server says "Remote SMTP server has rejected address".
const ECHOED = /(?:^|[\s;:])[45]\d\d(?:[ -]|: ?)(?:[45]\.\d{1,3}\.\d{1,3} )?<[^<>\s@]{1,200}@[^<>\s@]{1,200}>(?::|\.\.\.|,)|server has rejected address/;
// Sendmail-style transcripts: the command right before the first error reply. DATA is left out:
// with pipelining the refusal of a RCPT arrives after ">>> DATA" was sent.
const TRANSCRIPT = />>> ?(rcpt to|mail from|helo|ehlo)\b(?:(?!>>>).){0,300}?<<< ?[45]\d\d/;

// A transcript whose first line from the server is already an error: refused at the greeting.
const GREETING = /while talking to [^:<>]{1,300}: <<< ?[45]\d\d/;

export function stageOf(text: string): SmtpStage {
  if (GREETING.test(text)) return 'CONN';
  const last = (SAID.exec(text) ?? TRANSCRIPT.exec(text))?.[1] ?? '';
  if (!last) return ECHOED.test(text) ? 'RCPT' : '';
  if (last.endsWith('data')) return 'DATA';
  if (last.startsWith('rcpt')) return 'RCPT';
  if (last.startsWith('mail')) return 'MAIL';
  if (last === 'helo' || last === 'ehlo') return 'HELO';
  return 'CONN';
}
