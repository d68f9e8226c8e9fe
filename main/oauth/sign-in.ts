// One "Sign in with …": the authorization request (code + PKCE) opened in the system browser,
// the code caught on the loopback redirect, redeemed for tokens.
import { listenForRedirect } from './loopback-redirect';
import { newPkce, newState } from './pkce';
import type { OAuthEndpoints } from './providers';
import { exchangeCode, TokenError, type Client, type Tokens } from './token-client';

const SIGN_IN_TIMEOUT_MS = 5 * 60_000;

/** The authorization request's URL (RFC 6749 4.1.1 with RFC 7636's challenge). */
export function authorizeUrl(endpoints: OAuthEndpoints, clientId: string, redirectUri: string, state: string, challenge: string, loginHint: string): string {
  const url = new URL(endpoints.authorizeUrl);
  const params: Record<string, string> = {
    response_type: 'code', client_id: clientId, redirect_uri: redirectUri, scope: endpoints.scope, state,
    code_challenge: challenge, code_challenge_method: 'S256', ...endpoints.extraParams,
    ...(loginHint ? { login_hint: loginHint } : {}),
  };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.href;
}

export interface SignInOptions {
  endpoints: OAuthEndpoints;
  client: Client;
  /** The account's address: the provider preselects it. */
  loginHint: string;
  /** Opens the URL in the user's browser (Electron: shell.openExternal). */
  open: (url: string) => void | Promise<void>;
  timeoutMs?: number;
  /** Aborting stops waiting (a newer sign-in, the app closing). */
  signal?: AbortSignal;
}

/** Resolves with the tokens once the user approved in the browser; the refresh token is required. */
export async function signIn(o: SignInOptions): Promise<Tokens & { refreshToken: string }> {
  const pkce = newPkce();
  const state = newState();
  const listener = await listenForRedirect(state, o.timeoutMs ?? SIGN_IN_TIMEOUT_MS);
  o.signal?.addEventListener('abort', () => listener.close());
  try {
    await o.open(authorizeUrl(o.endpoints, o.client.clientId, listener.redirectUri, state, pkce.challenge, o.loginHint));
    const code = await listener.code;
    const tokens = await exchangeCode(o.endpoints, o.client, code, pkce.verifier, listener.redirectUri);
    if (!tokens.refreshToken) throw new TokenError('The provider gave no refresh token, so Outpost could not stay signed in (Microsoft: include offline_access).');
    return { ...tokens, refreshToken: tokens.refreshToken };
  } finally {
    listener.close();
  }
}
