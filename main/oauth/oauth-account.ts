// The app's one OAuth sign-in, wired to the stored preferences: start and finish "Sign in with …",
// sign out, and the access tokens SMTP and IMAP log in with. The core creates one.
import type { ConnectionTest } from '../api/contract';
import { ApiError } from '../api/errors';
import type { Db } from '../db/open-database';
import type { preferencesStore } from '../store/preferences';
import { accessTokens, type TokenSource } from './access-tokens';
import { endpointsOf } from './providers';
import { signIn } from './sign-in';
import { signInNotice } from './sign-in-notice';
import { revokeGrant } from './token-client';

export interface OAuthAccountOptions {
  db: Db;
  preferences: ReturnType<typeof preferencesStore>;
  /** Opens a URL in the system browser (Electron); absent in browser mode, where the page opens it. */
  openExternal?: (url: string) => Promise<void>;
  /** A new sign-in took effect: what waited for it may go now. */
  signedIn?: () => void;
  now?: () => number;
}

export interface OAuthAccount {
  tokens: TokenSource;
  start(): Promise<{ authorizeUrl: string; openHere: boolean }>;
  finish(): Promise<ConnectionTest>;
  signOut(): Promise<{ signedOut: boolean }>;
  /** Stops a sign-in in progress (app closing). */
  close(): void;
}

export function oauthAccount(o: OAuthAccountOptions): OAuthAccount {
  const now = o.now ?? Date.now;
  const notice = signInNotice(o.db);
  const tokens = accessTokens({
    grant: () => o.preferences.grant(),
    rotated: (token) => o.preferences.setRefreshToken(token),
    revoked: (why) => notice.raise(why, now()),
    now,
  });
  let pending: { result: Promise<ConnectionTest>; stop: AbortController } | null = null;

  return {
    tokens,
    async start() {
      const app = o.preferences.oauthApp();
      if (!app.clientId) throw new ApiError('invalid_input', 'Enter the client id of your app registration first, and save.');
      const endpoints = endpointsOf(app);
      if (!endpoints.authorizeUrl || !endpoints.tokenUrl) throw new ApiError('invalid_input', 'Enter the authorization and token URLs first, and save.');
      pending?.stop.abort();
      const stop = new AbortController();
      let opened!: (url: string) => void;
      const url = new Promise<string>((resolve) => (opened = resolve));
      const result = signIn({
        endpoints, client: app, loginHint: app.loginHint, signal: stop.signal,
        open: async (authorizeUrl) => {
          if (o.openExternal) await o.openExternal(authorizeUrl);
          opened(authorizeUrl);
        },
      }).then(
        (t): ConnectionTest => {
          o.preferences.setRefreshToken(t.refreshToken);
          const grant = o.preferences.grant();
          if (grant) tokens.seed(grant.key, t);
          notice.clear(now());
          o.signedIn?.();
          return { ok: true, message: `Signed in${app.loginHint ? ` as ${app.loginHint}` : ''}: SMTP and IMAP set to "Sign in" log in with it.` };
        },
        (err: Error): ConnectionTest => ({ ok: false, message: err.message }),
      );
      pending = { result, stop };
      // signIn fails before it opens anything when the listener cannot start: report that instead.
      const first = await Promise.race([url, result]);
      if (typeof first !== 'string') throw new ApiError('conflict', first.message);
      return { authorizeUrl: first, openHere: !o.openExternal };
    },
    finish() {
      return pending?.result ?? Promise.resolve({ ok: false, message: 'No sign-in was started.' });
    },
    async signOut() {
      const grant = o.preferences.grant();
      if (!grant) return { signedOut: false };
      o.preferences.setRefreshToken('');
      tokens.forget();
      await revokeGrant(grant.endpoints, grant.client, grant.refreshToken);
      return { signedOut: true };
    },
    close() {
      pending?.stop.abort();
    },
  };
}
