// The untracked copy appended to the user's IMAP Sent folder, so their mail program shows it.
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import { plaintextRefusal } from '../secrets/plaintext-rule';
import { SignInNeeded } from '../oauth/access-tokens';
import type { ImapSettings } from './settings';

/** The code of a connection whose access token the server refused, with a refreshed one ready: connect again. */
export const TOKEN_REFRESHED = 'ETOKENREFRESHED';

const TIMEOUT_MS = 30_000;

/** An imapflow client for the user's account; TLS as the settings say, quiet logs; `extra` for the watcher's timing. */
export function imapClient(imap: ImapSettings, extra: Partial<ImapFlowOptions> = {}): ImapFlow {
  const refusal = plaintextRefusal(imap, 'IMAP');
  const client = new ImapFlow({
    host: imap.host,
    port: imap.port,
    secure: imap.security === 'tls',
    doSTARTTLS: imap.security === 'starttls' ? true : imap.security === 'none' ? false : undefined,
    // A password refused by the plaintext rule never reaches the client, which cannot connect.
    auth: imap.auth === 'oauth2' ? { user: imap.username } : { user: imap.username, pass: refusal ? '' : imap.password },
    logger: false,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
    ...extra,
  });
  if (refusal) client.connect = () => Promise.reject(Object.assign(new Error(refusal), { code: 'EPLAINTEXT' }));
  else if (imap.auth === 'oauth2') client.connect = withAccessToken(client, imap);
  return client;
}

/**
 * The client's connect with an access token (OAUTHBEARER or XOAUTH2, as the server offers) asked
 * for just before. A refused token is refreshed once at once; the error then says to connect
 * again (not a login failure: the watcher retries in a second, not minutes). A refreshed token
 * refused too is the login failure it is.
 */
function withAccessToken(client: ImapFlow, imap: ImapSettings): () => Promise<void> {
  const connect = client.connect.bind(client);
  const options = (client as unknown as { options: { auth: { user: string; accessToken?: string } } }).options;
  return async () => {
    if (!imap.tokens) throw new SignInNeeded('Not signed in: press "Sign in" under Preferences.');
    const token = await imap.tokens.get();
    options.auth = { user: imap.username, accessToken: token };
    try {
      await connect();
    } catch (err) {
      if (!(err as { authenticationFailed?: boolean }).authenticationFailed) throw err;
      const fresh = await imap.tokens.get(true);
      if (fresh === token) throw err;
      throw Object.assign(new Error('the server refused the access token; Outpost refreshed it and connects again'), { code: TOKEN_REFRESHED });
    }
  };
}

/** How the connected client logged in: imapflow marks the AUTH= mechanism it used; else the LOGIN command. */
export function loginMethod(client: ImapFlow): string {
  const used = [...((client as unknown as { authCapabilities?: Map<string, boolean> }).authCapabilities ?? new Map<string, boolean>())].find(([, v]) => v);
  return used ? used[0].replace(/^AUTH=/, '') : 'LOGIN';
}

/** A connected client; connects a second time when the first refreshed a refused access token. */
export async function connectedClient(imap: ImapSettings, onError: (err: Error) => void = () => {}): Promise<ImapFlow> {
  for (let attempt = 0; ; attempt++) {
    const client = imapClient(imap);
    client.on('error', onError);
    try {
      await client.connect();
      return client;
    } catch (err) {
      client.close();
      if (attempt > 0 || (err as { code?: string }).code !== TOKEN_REFRESHED) throw err;
    }
  }
}

/** Appends `raw` to the Sent folder, marked read, dated when the email was written. */
export async function appendToSentFolder(imap: ImapSettings, raw: Buffer, date: Date): Promise<void> {
  if (!imap.host) throw new Error('no IMAP account is set');
  if (!imap.sentFolder) throw new Error('no Sent folder is set in Preferences');
  const client = await connectedClient(imap); // errors are reported through the awaited calls
  try {
    const done = await client.append(imap.sentFolder, raw, ['\\Seen'], date);
    if (!done) throw new Error(`the server did not store the message in "${imap.sentFolder}"`);
  } finally {
    await client.logout().catch(() => client.close());
  }
}
