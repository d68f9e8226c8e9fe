// Builders of small synthetic messages for the tests (never copies of the corpus).

/** A message from header lines and a body, CRLF line ends as on the wire. */
export function message(headers: Record<string, string>, body: string): string {
  const head = Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n');
  return `${head}\r\n\r\n${body.replace(/\r?\n/g, '\r\n')}`;
}

export interface DsnOptions {
  recipient: string;
  action: string;
  status: string;
  diagnostic?: string;
  text?: string;
  returned?: string;
  envelopeId?: string;
}

/** An RFC 3464 multipart/report as Postfix-like servers write it. */
export function dsn(o: DsnOptions): string {
  const b = 'BOUNDARY.1/mx.example.net';
  const fields = [
    `Final-Recipient: rfc822; ${o.recipient}`,
    `Original-Recipient: rfc822;${o.recipient}`,
    `Action: ${o.action}`,
    `Status: ${o.status}`,
    'Remote-MTA: dns; mx.example.org',
    ...(o.diagnostic ? [`Diagnostic-Code: smtp; ${o.diagnostic}`] : []),
  ].join('\n');
  return message(
    {
      From: 'MAILER-DAEMON@mx.example.net (Mail Delivery System)',
      To: 'owner@example.net',
      Subject: o.action === 'delivered' ? 'Successful Mail Delivery Report' : o.action === 'delayed' ? 'Delayed Mail (still being retried)' : 'Undelivered Mail Returned to Sender',
      'Return-Path': '<>',
      'MIME-Version': '1.0',
      'Content-Type': `multipart/report; report-type=delivery-status; boundary="${b}"`,
    },
    `--${b}\nContent-Type: text/plain; charset=us-ascii\n\n${o.text ?? 'This is the mail system at host mx.example.net.\n'}\n` +
      `--${b}\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n${o.envelopeId ? `Original-Envelope-Id: ${o.envelopeId}\n` : ''}\n${fields}\n\n` +
      `--${b}\nContent-Type: message/rfc822\n\n${o.returned ?? 'From: owner@example.net\nTo: ' + o.recipient + '\nSubject: Hello\nMessage-ID: <abc@outpost.example>\n\nHi\n'}\n--${b}--\n`,
  );
}
