/**
 * A password crosses the network without TLS only where the user said so for that exact host:
 * security "none" plus an explicit "send my password without encryption to <host>". Loopback
 * is exempt: the password never leaves the machine (local test servers, a local relay).
 */
export interface PasswordUse {
  host: string;
  security: string;
  username: string;
  password: string;
  /** The host the user confirmed plaintext for ('' for none); a changed host is not confirmed. */
  plaintextPasswordHost?: string;
}

export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

const sameHost = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Why this password must not be sent, or null when it may. */
export function plaintextRefusal(use: PasswordUse, kind: 'SMTP' | 'IMAP'): string | null {
  if (use.security !== 'none' || !use.password) return null;
  if (isLoopbackHost(use.host)) return null;
  if (use.plaintextPasswordHost && sameHost(use.plaintextPasswordHost, use.host)) return null;
  return `Outpost did not send your ${kind} password to ${use.host}: the connection would not be encrypted. Choose TLS or STARTTLS, or tick "Send my password to ${use.host} without encryption" in Preferences.`;
}
