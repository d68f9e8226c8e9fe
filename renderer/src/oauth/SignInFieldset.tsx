import { useState } from 'react';
import type { ConnectionTest, Preferences } from '../../../main/api/contract';
import { OAUTH_PRESETS, OAUTH_PROVIDERS, type OAuthProvider } from '../../../main/oauth/providers';
import { call } from '../api/client';
import { asCallError } from '../api/use-call';
import { Field } from '../components/form';

type OAuthPrefs = Preferences['oauth'];
const NAMES: Record<OAuthProvider, string> = { google: OAUTH_PRESETS.google.name, microsoft: OAUTH_PRESETS.microsoft.name, custom: 'another OAuth2 server' };

interface Props {
  value: OAuthPrefs;
  /** As last saved: a sign-in starts from the saved registration. */
  saved: OAuthPrefs | undefined;
  onChange: (patch: Partial<OAuthPrefs>) => void;
  secretField: React.ReactNode;
  errors: Record<string, string>;
  /** A sign-in or sign-out ended: Preferences reloads what is stored. */
  onSignedIn: () => void;
}

/**
 * "Sign in with Google / Microsoft": the app registration (client id, for another server its
 * endpoints), and the sign-in itself: the provider's page opens in the browser, the app waits for
 * its loopback redirect.
 */
export function SignInFieldset({ value: o, saved, onChange, secretField, errors, onSignedIn }: Props) {
  const [state, setState] = useState<{ busy: boolean; url?: string; result?: ConnectionTest }>({ busy: false });
  const unsaved = !saved || JSON.stringify({ ...saved, signedIn: 0 }) !== JSON.stringify({ ...o, signedIn: 0 });

  async function signIn() {
    setState({ busy: true });
    try {
      const started = await call('oauth.start', {});
      // Browser mode: this page is the user's browser, so it opens the provider's page itself.
      if (started.openHere) window.open(started.authorizeUrl, '_blank', 'noopener');
      setState({ busy: true, url: started.authorizeUrl });
      const result = await call('oauth.finish', {});
      setState({ busy: false, result });
    } catch (e: unknown) {
      setState({ busy: false, result: { ok: false, message: asCallError(e).message } });
    }
    onSignedIn();
  }

  async function signOut() {
    await call('oauth.signOut', {}).catch(() => undefined);
    setState({ busy: false });
    onSignedIn();
  }

  const name = NAMES[o.provider];
  return (
    <fieldset>
      <legend>Sign in with Google or Microsoft (OAuth2)</legend>
      <p className="muted small">
        For accounts that take no password for SMTP or IMAP (Outlook.com, Microsoft 365, Google without app passwords). Register the app
        once with your provider (main/oauth/README.md, step by step), enter its client id, save, then sign in. Choose "Sign in" as the login of SMTP and IMAP above.
      </p>
      <div className="row">
        <Field label="Sign-in provider">
          <select aria-label="Sign-in provider" value={o.provider} onChange={(e) => onChange({ provider: e.target.value as OAuthProvider })}>
            {OAUTH_PROVIDERS.map((p) => <option key={p} value={p}>{p === 'custom' ? 'Other OAuth2 server' : NAMES[p]}</option>)}
          </select>
        </Field>
        <Field label="Client id" error={errors['oauth.clientId']}>
          <input aria-label="Client id" value={o.clientId} onChange={(e) => onChange({ clientId: e.target.value })} />
        </Field>
        {secretField}
      </div>
      {o.provider === 'custom' && (
        <div className="row">
          <Field label="Authorization URL" error={errors['oauth.authorizeUrl']}><input aria-label="Authorization URL" value={o.authorizeUrl} onChange={(e) => onChange({ authorizeUrl: e.target.value })} /></Field>
          <Field label="Token URL" error={errors['oauth.tokenUrl']}><input aria-label="Token URL" value={o.tokenUrl} onChange={(e) => onChange({ tokenUrl: e.target.value })} /></Field>
          <Field label="Revocation URL" error={errors['oauth.revokeUrl']}><input aria-label="Revocation URL" value={o.revokeUrl} onChange={(e) => onChange({ revokeUrl: e.target.value })} /></Field>
          <Field label="Scopes" error={errors['oauth.scope']}><input aria-label="Scopes" value={o.scope} onChange={(e) => onChange({ scope: e.target.value })} /></Field>
        </div>
      )}
      <div className="test-result">
        <button type="button" onClick={() => void signIn()} disabled={state.busy || unsaved || !o.clientId}>
          {state.busy ? 'Waiting for the browser…' : o.signedIn ? 'Sign in again' : `Sign in with ${name}`}
        </button>
        {o.signedIn && !state.busy && <button type="button" onClick={() => void signOut()}>Sign out</button>}
        {/* A note, not a status: the form's only status is "Saved". */}
        <span role="note" aria-live="polite" aria-label="Sign-in state" className={state.result && !state.result.ok ? 'error-text' : o.signedIn ? 'ok' : 'muted'}>
          {state.result?.message ?? (unsaved ? 'Save first: the sign-in uses the saved registration.' : o.signedIn ? 'Signed in.' : 'Not signed in.')}
        </span>
      </div>
      {state.busy && state.url && (
        <p className="small">Finish signing in on the page that opened. <a href={state.url} target="_blank" rel="noopener noreferrer">Open it again</a></p>
      )}
    </fieldset>
  );
}
