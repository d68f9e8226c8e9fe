// Which SMTP command the receiving server answered. The stage changes what words mean:
// "unknown" after MAIL FROM is about the sender, "user unknown" after DATA (the address
// was already accepted) is a filter's answer, and refusals at connect or HELO are blocks.
export type SmtpStage = 'CONN' | 'HELO' | 'MAIL' | 'RCPT' | 'DATA' | '';

const STAGE = /(?:in reply to|after|>>>|smtp command:?)\s*(?:the\s+)?(end of data|data|rcpt to|rcpt|mail from|mail|helo|ehlo|initial connection|greeting|connect)\b/g;

export function stageOf(text: string): SmtpStage {
  let last = '';
  let n = 0;
  // The last command named is the one that failed (a transcript lists them in order).
  for (const m of text.matchAll(STAGE)) {
    last = m[1] ?? '';
    if (++n > 50) break;
  }
  if (!last) return '';
  if (last.endsWith('data')) return 'DATA';
  if (last.startsWith('rcpt')) return 'RCPT';
  if (last.startsWith('mail')) return 'MAIL';
  if (last === 'helo' || last === 'ehlo') return 'HELO';
  return 'CONN';
}
