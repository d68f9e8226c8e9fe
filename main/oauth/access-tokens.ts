// The access token of the signed-in grant, for SMTP and IMAP logins: kept in memory only,
// refreshed a few minutes before it expires, and once more when a server refused it. A grant
// the provider no longer honours is reported once and asked for again; nothing else retries it.
import type { OAuthEndpoints } from './providers';
import { GrantRevoked, refreshTokens, type Client, type Tokens } from './token-client';

/** Ahead of expiry: a connection opened near the end still logs in, and clocks may differ. */
export const REFRESH_MARGIN_MS = 5 * 60_000;
/** A "renew" this soon after a refresh is the same failure seen by another connection: no second refresh. */
const JUST_REFRESHED_MS = 5_000;

export interface Grant {
  endpoints: OAuthEndpoints;
  client: Client;
  refreshToken: string;
  /** Which grant this is (changes with each sign-in): a cached token of another grant is never used. */
  key: string;
}

export interface TokenSource {
  /** An access token for XOAUTH2/OAUTHBEARER; `renew` after a server refused the last one. */
  get(renew?: boolean): Promise<string>;
}

/** No usable sign-in: the message says what to do. imapflow's flag makes the watcher show a login failure. */
export class SignInNeeded extends Error {
  readonly code = 'EOAUTHSIGNIN';
  readonly authenticationFailed = true;
}

export interface AccessTokenOptions {
  grant: () => Grant | null;
  /** The provider issued a new refresh token in place of the old one. */
  rotated: (refreshToken: string) => void;
  /** The grant was refused: called once per grant. */
  revoked: (why: string) => void;
  now?: () => number;
}

export function accessTokens(o: AccessTokenOptions) {
  const now = o.now ?? Date.now;
  let cached: { key: string; token: string; expiresAt: number; at: number } | null = null;
  let refreshing: { key: string; done: Promise<string> } | null = null;
  let revokedKey: string | null = null;
  let revokedWhy = '';

  function keep(key: string, t: Tokens, at = now()): string {
    cached = { key, token: t.accessToken, expiresAt: t.expiresAt, at };
    return t.accessToken;
  }

  async function refresh(g: Grant): Promise<string> {
    try {
      const t = await refreshTokens(g.endpoints, g.client, g.refreshToken, now());
      if (t.refreshToken && t.refreshToken !== g.refreshToken) o.rotated(t.refreshToken);
      return keep(g.key, t);
    } catch (err) {
      if (err instanceof GrantRevoked) {
        revokedKey = g.key;
        revokedWhy = err.message;
        cached = null;
        o.revoked(err.message);
        throw new SignInNeeded(`${err.message} Sign in again in Preferences.`);
      }
      throw err;
    }
  }

  const source: TokenSource & { seed(key: string, t: Tokens): void; forget(): void } = {
    async get(renew = false) {
      const g = o.grant();
      if (!g) throw new SignInNeeded('Not signed in: press "Sign in" under Preferences.');
      if (revokedKey === g.key) throw new SignInNeeded(`${revokedWhy} Sign in again in Preferences.`);
      const t = now();
      const c = cached?.key === g.key ? cached : null;
      if (c && (renew ? t - c.at < JUST_REFRESHED_MS : c.expiresAt - t > REFRESH_MARGIN_MS)) return c.token;
      if (refreshing?.key !== g.key) {
        const done = refresh(g).finally(() => {
          if (refreshing?.done === done) refreshing = null;
        });
        refreshing = { key: g.key, done };
      }
      return refreshing.done;
    },
    /** The tokens a sign-in just got: used until they near expiry. */
    seed(key, t) {
      keep(key, t, -Infinity); // not "just refreshed": a refusal of it is worth one refresh

      if (revokedKey === key) revokedKey = null;
    },
    /** Signed out: nothing cached is used again. */
    forget() {
      cached = null;
    },
  };
  return source;
}
