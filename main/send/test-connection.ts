// "Test connection" in Preferences: connect the way sending and the IMAP watcher will, and say
// plainly what happened: whether it logged in, and whether the connection was encrypted. It
// says "logged in" only after the server accepted the login. Never throws.
import type { ImapFlow } from 'imapflow';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { connectedClient, loginMethod } from './sent-folder';
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

/** What an SMTP server offered on the connection sending would use (nodemailer keeps the EHLO lines private). */
interface SmtpOffer {
  secure: boolean;
  allowsAuth: boolean;
  _ehloLines?: string[];
}

const tlsWords = (secure: boolean, security: string) =>
  secure ? 'over TLS' : security === 'none' ? 'without TLS (as chosen: the password and mail cross the network readable)' : 'without TLS';

export async function testSmtp(smtp: SmtpSettings): Promise<ConnectionTest> {
  if (!smtp.host) return { ok: false, message: 'Enter the SMTP server name first.' };
  const where = `${smtp.host}:${smtp.port}`;
  // No sign-in (or a revoked one) is not the server refusing a login: say so before connecting.
  if (smtp.auth === 'oauth2' && smtp.username) {
    try {
      await smtp.tokens?.get();
    } catch (err) {
      return { ok: false, message: (err as Error).message };
    }
  }
  const { auth, ...options } = connectionOptions(smtp);
  const connection = new SMTPConnection({ ...options, connectionTimeout: TEST_TIMEOUT_MS, greetingTimeout: TEST_TIMEOUT_MS, socketTimeout: TEST_TIMEOUT_MS });
  try {
    await new Promise<void>((resolve, reject) => {
      connection.once('error', reject);
      connection.connect(() => resolve());
    });
    const offer = connection as unknown as SmtpOffer;
    const tls = tlsWords(offer.secure, smtp.security);
    const offersStartTls = (offer._ehloLines ?? []).some((l) => /^STARTTLS\b/i.test(l));
    const hint = !offer.secure && offersStartTls ? ' The server offers STARTTLS: choose "STARTTLS" to encrypt.' : '';
    if (!auth) return { ok: true, message: `Connected to ${where} ${tls}, no login (none set).${hint}` };
    if (!offer.allowsAuth) {
      // Sending would go on without logging in, which most servers refuse for outside addresses.
      return { ok: false, message: `Connected to ${where} ${tls}, but the server offers no login (no AUTH), so Outpost did not log in as ${smtp.username}.${hint || ' Check the port (587 or 465 usually take logins) or clear the username if this server needs none.'}` };
    }
    await new Promise<void>((resolve, reject) => connection.login(auth, (err) => (err ? reject(err) : resolve())));
    const method = (connection as unknown as { _authMethod?: string })._authMethod;
    return { ok: true, message: `Connected to ${where} ${tls}, logged in as ${smtp.username}${method ? ` with ${method}` : ''}${smtp.auth === 'oauth2' ? ' (signed in, access token)' : ' (password)'}.${hint}` };
  } catch (err) {
    return { ok: false, message: describeSmtpError(err as SmtpError, where) };
  } finally {
    connection.removeAllListeners('error');
    connection.on('error', () => {}); // a late socket error after the answer is not news
    connection.close();
  }
}

interface ImapError {
  message?: string;
  code?: string;
  authenticationFailed?: boolean;
  responseText?: string;
}

function describeImapError(err: ImapError, where: string): string {
  if (/login is disabled/i.test(err.message ?? '')) {
    return `The IMAP server at ${where} does not take a login without TLS (LOGINDISABLED): choose "TLS" or "STARTTLS".`;
  }
  if (err.authenticationFailed || err.code === 'AUTHENTICATIONFAILED') {
    return `The IMAP server at ${where} refused the login: check the username and password (many providers need an app password).${err.responseText ? ` Server said: ${err.responseText}` : ''}`;
  }
  // imapflow reports socket problems with the system code; the SMTP wording covers them.
  return describeSmtpError({ message: err.responseText || err.message, code: err.code === 'ETIMEDOUT' ? 'ETIMEDOUT' : undefined, originalCode: err.code }, where)
    .replace('SMTP', 'IMAP');
}

/** Rejects after `ms`: a connect that hangs (no greeting) ends the test in time. */
function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(Object.assign(new Error('no answer in time'), { code: 'ETIMEDOUT' })), ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

export async function testImap(imap: ImapSettings): Promise<ConnectionTest> {
  if (!imap.host) return { ok: false, message: 'Enter the IMAP server name first.' };
  const where = `${imap.host}:${imap.port}`;
  let failure: Error | null = null;
  let client: ImapFlow | null = null;
  const timeout = setTimeout(() => client?.close(), TEST_TIMEOUT_MS);
  try {
    client = await withTimeout(connectedClient(imap, (err: Error) => (failure = err)), TEST_TIMEOUT_MS);
    if (!client.authenticated) return { ok: false, message: `Connected to ${where}, but the server did not log Outpost in as ${imap.username}.` };
    const tls = tlsWords(client.secureConnection, imap.security);
    const folders = (await client.list()).map((f) => f.path);
    const method = `${loginMethod(client)}${imap.auth === 'oauth2' ? ' (signed in, access token)' : ' (password)'}`;
    await client.logout();
    return { ok: true, message: `Connected to ${where} ${tls}, logged in as ${imap.username} with ${method}: ${folders.length} folders.`, folders };
  } catch (err) {
    return { ok: false, message: describeImapError((failure ?? err) as ImapError, where) };
  } finally {
    clearTimeout(timeout);
    client?.close();
  }
}
