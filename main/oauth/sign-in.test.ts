// Against a real OAuth2 server on loopback (oauth2-mock-server, see test-oauth-server.ts): its
// authorize endpoint approves at once and redirects, so "opening the browser" is one fetch that
// follows the redirect to our loopback listener.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessTokens, SignInNeeded, type Grant } from './access-tokens';
import type { OAuthEndpoints } from './providers';
import { signIn } from './sign-in';
import { startTestOAuthServer, type TestOAuthServer } from './test-oauth-server';
import { refreshTokens, GrantRevoked } from './token-client';

let server: TestOAuthServer;
let endpoints: OAuthEndpoints;
const client = { clientId: 'outpost-test', clientSecret: '' };

beforeAll(async () => {
  server = await startTestOAuthServer({ user: 'me@outpost.test', accessTtlSeconds: 3600 });
  endpoints = { authorizeUrl: server.authorizeUrl, tokenUrl: server.tokenUrl, revokeUrl: server.revokeUrl, scope: 'mail', extraParams: {} };
});
afterAll(() => server.stop());

const browser = async (url: string) => {
  const res = await fetch(url); // follows the redirect to the loopback listener
  expect(await res.text()).toContain('Signed in');
};

async function signedIn() {
  let opened = '';
  const tokens = await signIn({ endpoints, client, loginHint: 'me@outpost.test', open: (url) => ((opened = url), browser(url)) });
  return { tokens, opened: new URL(opened) };
}

describe('signIn', () => {
  it('sends a PKCE S256 authorization request to a 127.0.0.1 redirect and redeems the code', async () => {
    const { tokens, opened } = await signedIn();
    expect(opened.searchParams.get('code_challenge_method')).toBe('S256');
    expect(opened.searchParams.get('login_hint')).toBe('me@outpost.test');
    expect(opened.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
    expect(server.redirects().at(-1)).toBe(opened.searchParams.get('redirect_uri'));
    expect(tokens.accessToken).toBeTruthy();
    expect(tokens.refreshToken).toBeTruthy();
    expect(tokens.expiresAt).toBeGreaterThan(Date.now() + 3500_000);
  });

  it('fails in words when the browser never comes back', async () => {
    await expect(signIn({ endpoints, client, loginHint: '', open: () => {}, timeoutMs: 100 })).rejects.toThrow('No answer from the sign-in page');
  });
});

describe('accessTokens', () => {
  async function setup() {
    const { tokens } = await signedIn();
    let t = Date.now();
    const revoked: string[] = [];
    const grant: Grant = { endpoints, client, refreshToken: tokens.refreshToken, key: tokens.refreshToken };
    const source = accessTokens({ grant: () => grant, rotated: () => {}, revoked: (why) => revoked.push(why), now: () => t });
    source.seed(grant.key, tokens);
    return { source, tokens, revoked, advance: (ms: number) => (t += ms) };
  }

  it('uses the token from sign-in, refreshes it before it expires, and once on a refusal', async () => {
    const { source, tokens, advance } = await setup();
    const before = server.refreshes();
    expect(await source.get()).toBe(tokens.accessToken);
    advance(3600_000 - 4 * 60_000); // within the margin
    // (The test server's tokens are JWTs dated to the second: two in one second are equal; count refreshes.)
    expect(await source.get()).toBeTruthy();
    expect(await source.get()).toBeTruthy();
    expect(server.refreshes()).toBe(before + 1);
    advance(10_000);
    expect(await source.get(true)).toBeTruthy();
    expect(server.refreshes()).toBe(before + 2);
    expect(await source.get(true)).toBeTruthy(); // the same refusal seen by a second connection: no second refresh
    expect(server.refreshes()).toBe(before + 2);
  });

  it('a revoked grant: one notice, then every login asks for a new sign-in without asking the provider again', async () => {
    const { source, revoked } = await setup();
    server.revokeAll();
    await expect(source.get(true)).rejects.toThrow(SignInNeeded);
    await expect(source.get(true)).rejects.toThrow('Sign in again');
    expect(revoked).toHaveLength(1);
    expect(revoked[0]).toContain('invalid_grant');
  });
});

describe('token-client', () => {
  it('calls a refused refresh token a revoked grant', async () => {
    await expect(refreshTokens(endpoints, client, 'never-issued')).rejects.toThrow(GrantRevoked);
  });
});
