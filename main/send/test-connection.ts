// "Test connection" in Preferences: log in the way sending and the IMAP poller will, and say
// plainly what is wrong. Never throws.
import nodemailer from 'nodemailer';
import { imapClient } from './sent-folder';
import type { ImapSettings, SmtpSettings } from './settings';
import { describeSmtpError, type SmtpError } from './smtp-outcome';
import { connectionOptions } from './transport';

export interface ConnectionTest {
  ok: boolean;
  message: string;
  /** IMAP only: the folders found, to choose which to watch. */
  folders?: string[];
}

const TEST_TIMEOUT_MS = 15_000;

export async function testSmtp(smtp: SmtpSettings): Promise<ConnectionTest> {
  if (!smtp.host) return { ok: false, message: 'Enter the SMTP server name first.' };
  const where = `${smtp.host}:${smtp.port}`;
  const transporter = nodemailer.createTransport({
    ...connectionOptions(smtp),
    connectionTimeout: TEST_TIMEOUT_MS,
    greetingTimeout: TEST_TIMEOUT_MS,
    socketTimeout: TEST_TIMEOUT_MS,
  });
  try {
    await transporter.verify();
    const login = smtp.username ? `logged in as ${smtp.username}` : 'no login (none set)';
    return { ok: true, message: `Connected to ${where}, ${login}.` };
  } catch (err) {
    return { ok: false, message: describeSmtpError(err as SmtpError, where) };
  } finally {
    transporter.close();
  }
}

interface ImapError {
  message?: string;
  code?: string;
  authenticationFailed?: boolean;
  responseText?: string;
}

function describeImapError(err: ImapError, where: string): string {
  if (err.authenticationFailed || err.code === 'AUTHENTICATIONFAILED') {
    return `The IMAP server at ${where} refused the login: check the username and password (many providers need an app password).${err.responseText ? ` Server said: ${err.responseText}` : ''}`;
  }
  // imapflow reports socket problems with the system code; the SMTP wording covers them.
  return describeSmtpError({ message: err.responseText || err.message, code: err.code === 'ETIMEDOUT' ? 'ETIMEDOUT' : undefined, originalCode: err.code }, where)
    .replace('SMTP', 'IMAP');
}

export async function testImap(imap: ImapSettings): Promise<ConnectionTest> {
  if (!imap.host) return { ok: false, message: 'Enter the IMAP server name first.' };
  const where = `${imap.host}:${imap.port}`;
  const client = imapClient(imap);
  let failure: Error | null = null;
  client.on('error', (err: Error) => (failure = err));
  const timeout = setTimeout(() => client.close(), TEST_TIMEOUT_MS);
  try {
    await client.connect();
    const folders = (await client.list()).map((f) => f.path);
    await client.logout();
    return { ok: true, message: `Connected to ${where} as ${imap.username}: ${folders.length} folders.`, folders };
  } catch (err) {
    return { ok: false, message: describeImapError((failure ?? err) as ImapError, where) };
  } finally {
    clearTimeout(timeout);
    client.close();
  }
}
