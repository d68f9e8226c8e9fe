/**
 * What is sealed for a secret: the secret and the account it was saved for (e.g.
 * "smtp://me@mail.example.com:465"), so a stored password is only ever sent to that account.
 * Secrets sealed before this format are the bare value: the caller says whose they are.
 */
const MARK = '\u0001outpost-secret-v2\u0001';

export function sealEnvelope(value: string, account: string): string {
  return MARK + JSON.stringify({ account, value });
}

export function openEnvelope(plain: string, legacyAccount: () => string): { value: string; account: string } {
  if (!plain.startsWith(MARK)) return { value: plain, account: legacyAccount() };
  const parsed = JSON.parse(plain.slice(MARK.length)) as { account: string; value: string };
  return { value: parsed.value, account: parsed.account };
}

/** The account a mail password belongs to: server, port and user name (host names ignore case). */
export function mailAccount(kind: 'smtp' | 'imap', a: { host: string; port: number; username: string }): string {
  return `${kind}://${encodeURIComponent(a.username)}@${a.host.trim().toLowerCase()}:${a.port}`;
}
