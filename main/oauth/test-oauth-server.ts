// A local OAuth2 server for tests: npm oauth2-mock-server (authorize with PKCE, token, refresh,
// revoke) on 127.0.0.1, configured through its documented events to keep grants the way a real
// provider does: each access token belongs to a grant and expires; a revoked grant refuses its
// refresh token (invalid_grant) and its access tokens stop being valid at once. Dovecot's oauth2
// passdb asks its userinfo endpoint (Bearer header) whether a token is valid, and for whom.
import type { IncomingMessage } from 'node:http';
import { OAuth2Server, type MutableResponse, type MutableRedirectUri, type StatusCodeMutableResponse } from 'oauth2-mock-server';

export interface TestOAuthServer {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  authorizeUrl: string;
  tokenUrl: string;
  revokeUrl: string;
  /** Dovecot's `introspection_url` (mode `auth`): 200 with the user for a valid token, 401 otherwise. */
  userinfoUrl: string;
  /** Every access token issued so far is expired from now on (refresh tokens stay good). */
  expireAccessTokens(): void;
  /** Revokes every grant: refresh tokens refused, access tokens invalid. */
  revokeAll(): void;
  /** How many refresh_token grants were answered with a new access token. */
  refreshes(): number;
  /** The `redirect_uri`s the authorize endpoint sent codes to. */
  redirects(): string[];
  stop(): Promise<void>;
}

interface Grant {
  user: string;
  revoked: boolean;
}

/**
 * `user` is whom every sign-in is for (the mailbox's address: the test server has no login page,
 * its authorize endpoint approves at once). `accessTtlSeconds` is the `expires_in` it answers.
 */
export async function startTestOAuthServer(options: { user: string; accessTtlSeconds?: number }): Promise<TestOAuthServer> {
  const ttl = options.accessTtlSeconds ?? 3600;
  const server = new OAuth2Server();
  await server.issuer.keys.generate('RS256');
  await server.start(0, '127.0.0.1');
  const url = `http://127.0.0.1:${server.address().port}`;
  server.issuer.url = url;

  const grants: Grant[] = [];
  const byRefresh = new Map<string, Grant>();
  const access = new Map<string, { grant: Grant; expiresAt: number }>();
  const redirects: string[] = [];
  let refreshes = 0;

  server.service.on('beforeAuthorizeRedirect', (redirect: MutableRedirectUri) => {
    redirects.push(`${redirect.url.origin}${redirect.url.pathname}`);
  });

  server.service.on('beforeResponse', (response: MutableResponse, req: IncomingMessage & { body: Record<string, string> }) => {
    if (response.statusCode !== 200 || response.body === '') return;
    const body = response.body as Record<string, unknown>;
    let grant: Grant | undefined;
    if (req.body.grant_type === 'refresh_token') {
      grant = byRefresh.get(req.body.refresh_token ?? '');
      if (!grant || grant.revoked) {
        response.statusCode = 400;
        response.body = { error: 'invalid_grant', error_description: 'The refresh token has been revoked.' };
        return;
      }
      refreshes++;
      delete body.refresh_token; // no rotation: the stored refresh token stays the grant's
    } else {
      grant = { user: options.user, revoked: false };
      grants.push(grant);
      byRefresh.set(String(body.refresh_token), grant);
    }
    body.expires_in = ttl;
    access.set(String(body.access_token), { grant, expiresAt: Date.now() + ttl * 1000 });
  });

  server.service.on('beforeUserinfo', (response: MutableResponse, req: IncomingMessage) => {
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const found = access.get(token);
    if (!found || found.grant.revoked || found.expiresAt <= Date.now()) {
      response.statusCode = 401;
      response.body = { error: 'invalid_token', active: false };
      return;
    }
    response.body = { sub: found.grant.user, username: found.grant.user, active: 'true' };
  });

  server.service.on('beforeRevoke', (_response: StatusCodeMutableResponse) => {
    grants.forEach((g) => (g.revoked = true));
  });

  return {
    url,
    authorizeUrl: `${url}/authorize`,
    tokenUrl: `${url}/token`,
    revokeUrl: `${url}/revoke`,
    userinfoUrl: `${url}/userinfo`,
    expireAccessTokens() {
      for (const a of access.values()) a.expiresAt = 0;
    },
    revokeAll() {
      grants.forEach((g) => (g.revoked = true));
    },
    refreshes: () => refreshes,
    redirects: () => [...redirects],
    stop: () => server.stop(),
  };
}
