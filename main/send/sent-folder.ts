// The untracked copy appended to the user's IMAP Sent folder, so their mail program shows it.
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import { plaintextRefusal } from '../secrets/plaintext-rule';
import type { ImapSettings } from './settings';

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
    auth: { user: imap.username, pass: refusal ? '' : imap.password },
    logger: false,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
    ...extra,
  });
  if (refusal) client.connect = () => Promise.reject(Object.assign(new Error(refusal), { code: 'EPLAINTEXT' }));
  return client;
}

/** Appends `raw` to the Sent folder, marked read, dated when the email was written. */
export async function appendToSentFolder(imap: ImapSettings, raw: Buffer, date: Date): Promise<void> {
  if (!imap.host) throw new Error('no IMAP account is set');
  if (!imap.sentFolder) throw new Error('no Sent folder is set in Preferences');
  const client = imapClient(imap);
  client.on('error', () => {}); // reported through the awaited calls below
  await client.connect();
  try {
    const done = await client.append(imap.sentFolder, raw, ['\\Seen'], date);
    if (!done) throw new Error(`the server did not store the message in "${imap.sentFolder}"`);
  } finally {
    await client.logout().catch(() => client.close());
  }
}
