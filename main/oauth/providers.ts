// Where each provider signs a user in for mail, and what it must allow: the preset endpoints and
// scopes of "Sign in with Google / Microsoft". Any other OAuth2 server takes its own endpoints.
export const OAUTH_PROVIDERS = ['google', 'microsoft', 'custom'] as const;
export type OAuthProvider = (typeof OAUTH_PROVIDERS)[number];

export interface OAuthEndpoints {
  authorizeUrl: string;
  tokenUrl: string;
  /** RFC 7009 revocation; '' where the provider has none (Microsoft: sign-out removes the grant here only). */
  revokeUrl: string;
  scope: string;
  /** Added to the authorization request. */
  extraParams: Record<string, string>;
}

export const OAUTH_PRESETS: Record<Exclude<OAuthProvider, 'custom'>, OAuthEndpoints & { name: string }> = {
  google: {
    name: 'Google',
    authorizeUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
    tokenUrl: 'https://oauth2.googleapis.com/token',
    revokeUrl: 'https://oauth2.googleapis.com/revoke',
    // The only scope Gmail's SMTP and IMAP accept.
    scope: 'https://mail.google.com/',
    // Without both, Google hands out a refresh token only on the very first consent.
    extraParams: { access_type: 'offline', prompt: 'consent' },
  },
  microsoft: {
    name: 'Microsoft',
    // "common": work, school and personal (Outlook.com) accounts alike.
    authorizeUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
    tokenUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
    revokeUrl: '',
    scope: 'https://outlook.office.com/SMTP.Send https://outlook.office.com/IMAP.AccessAsUser.All offline_access',
    extraParams: {},
  },
};

export interface OAuthSettings {
  provider: OAuthProvider;
  clientId: string;
  /** Google's desktop clients come with a "secret" that is not one (RFC 8252 8.5) but must be sent; '' for none. */
  clientSecret: string;
  /** Only for `custom`. */
  authorizeUrl: string;
  tokenUrl: string;
  revokeUrl: string;
  scope: string;
}

/** The endpoints the settings name: a preset's, or the custom ones as typed. */
export function endpointsOf(s: Omit<OAuthSettings, 'clientSecret'>): OAuthEndpoints {
  if (s.provider !== 'custom') return OAUTH_PRESETS[s.provider];
  return { authorizeUrl: s.authorizeUrl, tokenUrl: s.tokenUrl, revokeUrl: s.revokeUrl, scope: s.scope, extraParams: {} };
}

/** The account a refresh token is bound to: the token endpoint and the app (client id) it was issued to. */
export const grantAccount = (s: Omit<OAuthSettings, 'clientSecret'>) => `oauth://${s.clientId}@${endpointsOf(s).tokenUrl}`;
