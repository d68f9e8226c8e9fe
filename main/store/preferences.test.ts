import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { invoke } from '../api/invoke';
import { DATABASE_FILE } from '../db/open-database';
import { keyFileBox } from '../secrets/key-file-box';
import { tempCore } from '../test/temp-core';
import { preferencesStore } from './preferences';
import { generateSecret } from '../../relay/token';

const RELAY_SECRET = generateSecret();

const prefs = (over: Record<string, unknown> = {}) => ({
  smtp: { host: 'smtp.example.com', port: 465, security: 'tls', username: 'me', password: 's3cret-smtp', fromAddress: 'me@example.com' },
  imap: { host: 'imap.example.com', password: 's3cret-imap', watchFolders: ['INBOX', 'Bounces'] },
  tracking: { mode: 'opens', relayUrl: 'https://relay.example.com', relaySecret: RELAY_SECRET },
  bccMyself: true,
  ...over,
});

describe('preferences', () => {
  it('start from defaults, persist across a restart, never return secrets, and seal them at rest', async () => {
    const first = tempCore();
    expect(await invoke(first.handlers, 'preferences.get', {})).toMatchObject({ ok: true, value: { smtp: { host: '', port: 587, hasPassword: false }, tracking: { mode: 'opens_clicks' } } });
    const saved = await invoke(first.handlers, 'preferences.save', prefs());
    expect(JSON.stringify(saved)).not.toContain('s3cret');
    first.close();

    const again = tempCore(first.dataDir);
    const got = await invoke(again.handlers, 'preferences.get', {});
    expect(got).toMatchObject({ ok: true, value: { smtp: { host: 'smtp.example.com', port: 465, hasPassword: true }, imap: { watchFolders: ['INBOX', 'Bounces'], hasPassword: true }, tracking: { mode: 'opens', hasRelaySecret: true }, bccMyself: true } });
    const store = preferencesStore(again.db, keyFileBox(again.dataDir));
    expect(store.withSecrets().smtp.password).toBe('s3cret-smtp');
    again.close();
    for (const f of fs.readdirSync(first.dataDir).filter((f) => f.startsWith(DATABASE_FILE))) {
      expect(fs.readFileSync(path.join(first.dataDir, f)).includes('s3cret')).toBe(false);
    }
  });

  it('keep a secret when the field is left out, remove it on empty string', async () => {
    const { handlers, db, dataDir } = tempCore();
    await invoke(handlers, 'preferences.save', prefs());
    const { password: _p, ...smtpNoPassword } = prefs().smtp;
    await invoke(handlers, 'preferences.save', prefs({ smtp: { ...smtpNoPassword, host: 'smtp2.example.com' } }));
    expect(preferencesStore(db, keyFileBox(dataDir)).withSecrets().smtp).toMatchObject({ host: 'smtp2.example.com', password: 's3cret-smtp' });
    await invoke(handlers, 'preferences.save', prefs({ smtp: { ...smtpNoPassword, password: '' } }));
    expect(await invoke(handlers, 'preferences.get', {})).toMatchObject({ ok: true, value: { smtp: { hasPassword: false } } });
  });

  it('refuse bad values by field and keep what was stored', async () => {
    const { handlers } = tempCore();
    await invoke(handlers, 'preferences.save', prefs());
    const bad = await invoke(handlers, 'preferences.save', prefs({ tracking: { mode: 'sometimes', relayUrl: 'ftp://x', relaySecret: 'short' } }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.fields!.map((f) => f.path)).toEqual(expect.arrayContaining(['tracking.mode', 'tracking.relayUrl', 'tracking.relaySecret']));
    expect(await invoke(handlers, 'preferences.get', {})).toMatchObject({ ok: true, value: { tracking: { mode: 'opens', relayUrl: 'https://relay.example.com' } } });
  });
});
