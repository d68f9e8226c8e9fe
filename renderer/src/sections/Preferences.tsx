import { useEffect, useState } from 'react';
import type { ConnectionTest, Preferences } from '../../../main/api/contract';
import { CONSENT_POLICIES, SECURITY, TRACKING_MODES, preferencesInput } from '../../../main/api/schemas';
import { call } from '../api/client';
import { asCallError, useCall } from '../api/use-call';
import { ErrorBanner, Field, FormMessage, useSubmit } from '../components/form';
import { MailboxWatcherPanel } from '../mailbox/MailboxWatcherPanel';
import { isLoopbackHost } from '../../../main/secrets/plaintext-rule';
import { SignInFieldset } from '../oauth/SignInFieldset';
import { OwnIps } from '../own-ips/OwnIps';
import { NotificationsFieldset } from '../notify/NotificationsFieldset';

type Security = (typeof SECURITY)[number];
/** Secrets are write-only: blank keeps what is stored, "remove" sends '' to delete it. */
interface SecretDraft { value: string; remove: boolean }
const keepOrSet = (s: SecretDraft) => (s.remove ? '' : s.value === '' ? undefined : s.value);

const TRACKING_LABELS: Record<(typeof TRACKING_MODES)[number], string> = { off: 'Off', opens: 'Opens', opens_clicks: 'Opens and clicks' };
const POLICY_LABELS: Record<(typeof CONSENT_POLICIES)[number], string> = {
  'track-unless-denied': 'Track everyone except contacts who said no',
  'track-only-granted': 'Track only contacts who said yes',
};

/** The form, then the mailbox watcher's live state: outside the form, as Save sends none of it. */
export function PreferencesSection() {
  return (
    <>
      <PreferencesForm />
      <section className="form wide watcher-section">
        <h2>Mailbox watcher</h2>
        <MailboxWatcherPanel />
      </section>
    </>
  );
}

function PreferencesForm() {
  const [prefs, setPrefs] = useState<Preferences>();
  // As last loaded or saved: a stored password belongs to the server, port and user saved here.
  const [savedPrefs, setSavedPrefs] = useState<Preferences>();
  const [loadError, setLoadError] = useState<Error>();
  const [secrets, setSecrets] = useState<Record<'smtp' | 'imap' | 'relay' | 'oauth', SecretDraft>>({
    smtp: { value: '', remove: false }, imap: { value: '', remove: false }, relay: { value: '', remove: false }, oauth: { value: '', remove: false },
  });
  const [saved, setSaved] = useState(false);
  const form = useSubmit('preferences.save', preferencesInput);
  const providers = useCall('preferences.providers', {});
  const [tests, setTests] = useState<Record<string, ConnectionTest | 'testing'>>({});

  useEffect(() => {
    call('preferences.get', {}).then((got) => (setPrefs(got), setSavedPrefs(got)), (e: unknown) => setLoadError(asCallError(e)));
  }, []);
  // After a sign-in or sign-out only the sign-in state is taken from the store: the form keeps what is being edited.
  const reloadSignIn = () => void call('preferences.get', {}).then((got) => {
    setPrefs((now) => (now ? { ...now, oauth: { ...now.oauth, signedIn: got.oauth.signedIn }, secretProblems: got.secretProblems } : got));
    setSavedPrefs(got);
  }, () => undefined);
  if (loadError) return <ErrorBanner error={loadError} />;
  if (!prefs) return <p className="muted">Loading…</p>;

  const p = prefs;
  const setSmtp = (patch: Partial<Preferences['smtp']>) => (setSaved(false), setPrefs({ ...p, smtp: { ...p.smtp, ...patch } }));
  const setImap = (patch: Partial<Preferences['imap']>) => (setSaved(false), setPrefs({ ...p, imap: { ...p.imap, ...patch } }));
  const setOAuth = (patch: Partial<Preferences['oauth']>) => (setSaved(false), setPrefs({ ...p, oauth: { ...p.oauth, ...patch } }));
  const setTracking = (patch: Partial<Preferences['tracking']>) => (setSaved(false), setPrefs({ ...p, tracking: { ...p.tracking, ...patch } }));
  const setSecret = (k: keyof typeof secrets, patch: Partial<SecretDraft>) => (setSaved(false), setSecrets({ ...secrets, [k]: { ...secrets[k], ...patch } }));

  /** Tests what is in the form now; a blank password field means the stored one. */
  async function test(kind: 'smtp' | 'imap' | 'relay') {
    setTests((t) => ({ ...t, [kind]: 'testing' }));
    const { hasPassword: _s, ...smtp } = p.smtp;
    const { hasPassword: _i, ...imap } = p.imap;
    const { hasRelaySecret: _r, ...tracking } = p.tracking;
    const result = await (kind === 'smtp' ? call('preferences.testSmtp', { ...smtp, password: keepOrSet(secrets.smtp) })
      : kind === 'imap' ? call('preferences.testImap', { ...imap, password: keepOrSet(secrets.imap) })
      : call('preferences.testRelay', { ...tracking, relaySecret: keepOrSet(secrets.relay) })).catch((e: unknown) => ({ ok: false, message: asCallError(e).message }));
    setTests((t) => ({ ...t, [kind]: result }));
  }
  const testButton = (kind: 'smtp' | 'imap' | 'relay', label: string) => {
    const r = tests[kind];
    return (
      <div className="test-result">
        <button type="button" onClick={() => void test(kind)} disabled={r === 'testing'}>{r === 'testing' ? 'Testing…' : label}</button>
        {r && r !== 'testing' && (
          <span role="status" aria-label={`${label} result`} className={r.ok ? 'ok' : 'error-text'}>
            {r.message}{r.folders ? ` Folders: ${r.folders.join(', ')}` : ''}
          </span>
        )}
      </div>
    );
  };
  function applyPreset(id: string) {
    const preset = providers.data?.find((x) => x.id === id);
    if (!preset) return;
    setSaved(false);
    // A provider with "Sign in with …" logs in with it; others with the password.
    const auth = preset.signIn ? 'oauth2' : 'password';
    setPrefs({
      ...p,
      smtp: { ...p.smtp, host: preset.host, port: preset.port, security: preset.security, maxConnections: preset.maxConnections, messagesPerMinute: preset.messagesPerMinute, auth },
      imap: preset.imap ? { ...p.imap, ...preset.imap, auth } : p.imap,
      oauth: preset.signIn ? { ...p.oauth, provider: preset.signIn } : p.oauth,
    });
  }

  async function save(e: React.FormEvent) {
    e.preventDefault();
    const { hasPassword: _s, ...smtp } = p.smtp;
    const { hasPassword: _i, ...imap } = p.imap;
    const { hasRelaySecret: _r, ...tracking } = p.tracking;
    const { hasClientSecret: _c, signedIn: _si, ...oauth } = p.oauth;
    const result = await form.submit({
      smtp: { ...smtp, password: keepOrSet(secrets.smtp) },
      imap: { ...imap, password: keepOrSet(secrets.imap) },
      tracking: { ...tracking, relaySecret: keepOrSet(secrets.relay) },
      oauth: { ...oauth, clientSecret: keepOrSet(secrets.oauth) },
      bccMyself: p.bccMyself,
      notifications: p.notifications,
    });
    if (!result) return;
    setPrefs(result);
    setSavedPrefs(result);
    setSecrets({ smtp: { value: '', remove: false }, imap: { value: '', remove: false }, relay: { value: '', remove: false }, oauth: { value: '', remove: false } });
    setSaved(true);
  }

  const err = form.errors;
  /** Why a stored secret will not be used: unreadable, saved for another account, or the form now names another one. */
  const secretNotice = (k: keyof typeof secrets, path: string, label: string): string | undefined => {
    const problem = p.secretProblems.find((x) => x.secret === path);
    if (problem) return problem.message;
    if (k === 'relay' || k === 'oauth' || !savedPrefs?.[k].hasPassword) return undefined;
    const was = savedPrefs[k];
    const now = p[k];
    const moved = was.host.trim().toLowerCase() !== now.host.trim().toLowerCase() || was.port !== now.port || was.username !== now.username;
    return moved ? `the stored ${label} is only ever sent to ${was.username}@${was.host}:${was.port}: enter the password for this server` : undefined;
  };
  const secretField = (k: keyof typeof secrets, label: string, storedHere: boolean, path: string) => {
    const notice = secretNotice(k, path, label);
    const stored = storedHere && !notice;
    return (
    <Field label={label} error={err[path]} hint={notice ? undefined : stored ? 'A value is stored. Leave blank to keep it.' : 'Nothing stored yet.'} group>
      {notice && <span className="error-text" role="note" aria-label={`${label} needs entering again`}>{notice}</span>}
      <input type="password" autoComplete="new-password" aria-label={label} value={secrets[k].value} disabled={secrets[k].remove}
        placeholder={stored ? '•••••••• (stored)' : ''} onChange={(e) => setSecret(k, { value: e.target.value })} />
      {stored && (
        <label className="inline"><input type="checkbox" checked={secrets[k].remove} onChange={(e) => setSecret(k, { remove: e.target.checked })} /> Remove the stored value</label>
      )}
    </Field>
    );
  };
  /** Security "none" to a real server: the password goes only once the user confirms it for this exact host. */
  const plaintextConfirm = (kind: 'SMTP' | 'IMAP', a: { host: string; security: Security; plaintextPasswordHost: string }, set: (host: string) => void) =>
    a.security === 'none' && a.host.trim() && !isLoopbackHost(a.host) ? (
      <label className="inline">
        <input type="checkbox" checked={a.plaintextPasswordHost.trim().toLowerCase() === a.host.trim().toLowerCase()} onChange={(e) => set(e.target.checked ? a.host.trim() : '')} />
        {` Send my ${kind} password to ${a.host.trim()} without encryption (anyone on the network path can read it)`}
      </label>
    ) : null;
  const loginSelect = (value: Preferences['smtp']['auth'], onChange: (auth: Preferences['smtp']['auth']) => void, label: string) => (
    <Field label={label}>
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value as Preferences['smtp']['auth'])}>
        <option value="password">Password</option><option value="oauth2">Sign in (Google, Microsoft: OAuth2)</option>
      </select>
    </Field>
  );
  const securitySelect = (value: Security, onChange: (s: Security) => void, label: string) => (
    <Field label={label}>
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value as Security)}>
        <option value="tls">TLS</option><option value="starttls">STARTTLS</option><option value="none">None (local test servers only)</option>
      </select>
    </Field>
  );

  return (
    <form className="form wide" onSubmit={save} aria-label="Preferences" noValidate>
      <h1>Preferences</h1>
      <fieldset>
        <legend>Sending (SMTP)</legend>
        <Field label="Provider" hint={providers.data?.find((x) => x.host === p.smtp.host)?.note}>
          <select aria-label="Provider" value={providers.data?.find((x) => x.host === p.smtp.host)?.id ?? ''} onChange={(e) => applyPreset(e.target.value)}>
            <option value="">Other (enter the server yourself)</option>
            {providers.data?.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
          </select>
        </Field>
        <div className="row">
          <Field label="SMTP server" error={err['smtp.host']}><input aria-label="SMTP server" value={p.smtp.host} onChange={(e) => setSmtp({ host: e.target.value })} placeholder="smtp.example.com" /></Field>
          <Field label="SMTP port" error={err['smtp.port']}><input aria-label="SMTP port" type="number" value={p.smtp.port} onChange={(e) => setSmtp({ port: Number(e.target.value) })} /></Field>
          {securitySelect(p.smtp.security, (security) => setSmtp({ security }), 'SMTP security')}
        </div>
        <div className="row">
          <Field label="SMTP user name" error={err['smtp.username']}><input aria-label="SMTP user name" value={p.smtp.username} onChange={(e) => setSmtp({ username: e.target.value })} /></Field>
          {loginSelect(p.smtp.auth, (auth) => setSmtp({ auth }), 'SMTP login')}
          {p.smtp.auth === 'password' && secretField('smtp', 'SMTP password', p.smtp.hasPassword, 'smtp.password')}
        </div>
        {plaintextConfirm('SMTP', p.smtp, (plaintextPasswordHost) => setSmtp({ plaintextPasswordHost }))}
        <div className="row">
          <Field label="From name" error={err['smtp.fromName']}><input aria-label="From name" value={p.smtp.fromName} onChange={(e) => setSmtp({ fromName: e.target.value })} /></Field>
          <Field label="From address" error={err['smtp.fromAddress']}><input aria-label="From address" value={p.smtp.fromAddress} onChange={(e) => setSmtp({ fromAddress: e.target.value })} /></Field>
        </div>
        <div className="row">
          <Field label="Connections at once" error={err['smtp.maxConnections']}><input type="number" value={p.smtp.maxConnections} onChange={(e) => setSmtp({ maxConnections: Number(e.target.value) })} /></Field>
          <Field label="Messages per minute" error={err['smtp.messagesPerMinute']}><input type="number" value={p.smtp.messagesPerMinute} onChange={(e) => setSmtp({ messagesPerMinute: Number(e.target.value) })} /></Field>
        </div>
        {testButton('smtp', 'Test SMTP connection')}
        <label className="inline"><input type="checkbox" checked={p.bccMyself} onChange={(e) => (setSaved(false), setPrefs({ ...p, bccMyself: e.target.checked }))} /> BCC myself (an untracked copy)</label>
      </fieldset>
      <fieldset>
        <legend>Bounces and replies (IMAP)</legend>
        <div className="row">
          <Field label="IMAP server" error={err['imap.host']}><input aria-label="IMAP server" value={p.imap.host} onChange={(e) => setImap({ host: e.target.value })} placeholder="imap.example.com" /></Field>
          <Field label="IMAP port" error={err['imap.port']}><input aria-label="IMAP port" type="number" value={p.imap.port} onChange={(e) => setImap({ port: Number(e.target.value) })} /></Field>
          {securitySelect(p.imap.security, (security) => setImap({ security }), 'IMAP security')}
        </div>
        <div className="row">
          <Field label="IMAP user name" error={err['imap.username']}><input aria-label="IMAP user name" value={p.imap.username} onChange={(e) => setImap({ username: e.target.value })} /></Field>
          {loginSelect(p.imap.auth, (auth) => setImap({ auth }), 'IMAP login')}
          {p.imap.auth === 'password' && secretField('imap', 'IMAP password', p.imap.hasPassword, 'imap.password')}
        </div>
        {plaintextConfirm('IMAP', p.imap, (plaintextPasswordHost) => setImap({ plaintextPasswordHost }))}
        <div className="row">
          <Field label="Folders to watch" error={err['imap.watchFolders']} hint="Comma-separated, e.g. INBOX, Bounces">
            <input aria-label="Folders to watch" value={p.imap.watchFolders.join(', ')} onChange={(e) => setImap({ watchFolders: e.target.value.split(',').map((f) => f.trim()).filter(Boolean) })} />
          </Field>
          <Field label="Sent folder" error={err['imap.sentFolder']}><input aria-label="Sent folder" value={p.imap.sentFolder} onChange={(e) => setImap({ sentFolder: e.target.value })} /></Field>
        </div>
        <div className="row">
          <Field label="Check every (minutes)" error={err['imap.pollMinutes']} hint="Used when the server offers no IDLE (instant notice of new mail).">
            <input aria-label="Check every (minutes)" type="number" min={1} max={120} value={p.imap.pollMinutes} onChange={(e) => setImap({ pollMinutes: Number(e.target.value) })} />
          </Field>
          <Field label="Move processed reports to" error={err['imap.processedFolder']} hint="Only for servers that refuse custom keywords, e.g. Exchange Online. Empty leaves them in place.">
            <input aria-label="Move processed reports to" value={p.imap.processedFolder} onChange={(e) => setImap({ processedFolder: e.target.value })} placeholder="e.g. Processed reports" />
          </Field>
        </div>
        <label className="inline"><input type="checkbox" checked={p.imap.markReportsRead} onChange={(e) => setImap({ markReportsRead: e.target.checked })} /> Mark processed reports as read</label>
        {testButton('imap', 'Test IMAP connection')}
        <p className="muted small">The watcher’s state is shown below the form, under Mailbox watcher.</p>
      </fieldset>
      <SignInFieldset value={p.oauth} saved={savedPrefs?.oauth} onChange={setOAuth} errors={err} onSignedIn={reloadSignIn}
        secretField={secretField('oauth', 'Client secret', p.oauth.hasClientSecret, 'oauth.clientSecret')} />
      <fieldset>
        <legend>Tracking</legend>
        <Field label="Tracking">
          <select aria-label="Tracking" value={p.tracking.mode} onChange={(e) => setTracking({ mode: e.target.value as Preferences['tracking']['mode'] })}>
            {TRACKING_MODES.map((m) => <option key={m} value={m}>{TRACKING_LABELS[m]}</option>)}
          </select>
        </Field>
        <div className="row">
          <Field label="Relay URL" error={err['tracking.relayUrl']}><input aria-label="Relay URL" value={p.tracking.relayUrl} onChange={(e) => setTracking({ relayUrl: e.target.value })} placeholder="https://relay.example.com" /></Field>
          {secretField('relay', 'Relay secret', p.tracking.hasRelaySecret, 'tracking.relaySecret')}
        </div>
        {testButton('relay', 'Test relay')}
        <OwnIps reloadOn={tests.relay} />
        <Field label="Consent policy">
          <select aria-label="Consent policy" value={p.tracking.consentPolicy} onChange={(e) => setTracking({ consentPolicy: e.target.value as Preferences['tracking']['consentPolicy'] })}>
            {CONSENT_POLICIES.map((c) => <option key={c} value={c}>{POLICY_LABELS[c]}</option>)}
          </select>
        </Field>
      </fieldset>
      <NotificationsFieldset value={p.notifications} errors={err}
        onChange={(patch) => (setSaved(false), setPrefs({ ...p, notifications: { ...p.notifications, ...patch } }))} />
      <FormMessage message={form.message} />
      <div className="actions">
        <button type="submit" className="primary" disabled={form.busy}>Save preferences</button>
        {saved && <span className="ok" role="status">Saved</span>}
      </div>
    </form>
  );
}
