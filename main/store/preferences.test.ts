import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { invoke } from '../api/invoke';
import { DATABASE_FILE } from '../db/open-database';
import { keyFileBox } from '../secrets/key-file-box';
import { tempCore } from '../test/temp-core';
import { createCore } from '../app/core';
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
    await invoke(handlers, 'preferences.save', prefs({ smtp: { ...smtpNoPassword, fromName: 'Me' } }));
    expect(preferencesStore(db, keyFileBox(dataDir)).withSecrets().smtp).toMatchObject({ fromName: 'Me', password: 's3cret-smtp' });
    await invoke(handlers, 'preferences.save', prefs({ smtp: { ...smtpNoPassword, password: '' } }));
    expect(await invoke(handlers, 'preferences.get', {})).toMatchObject({ ok: true, value: { smtp: { hasPassword: false }, secretProblems: [] } });
  });

  it('never hand a stored password to another server, port or user name: it must be entered again', async () => {
    const { handlers, db, dataDir } = tempCore();
    await invoke(handlers, 'preferences.save', prefs());
    const { password: _p, ...smtpNoPassword } = prefs().smtp;
    const { password: _i, ...imapNoPassword } = prefs().imap;
    for (const other of [{ host: 'smtp.attacker.test' }, { port: 2525 }, { username: 'someone-else' }]) {
      const saved = await invoke(handlers, 'preferences.save', prefs({ smtp: { ...smtpNoPassword, ...other } }));
      expect(saved).toMatchObject({ ok: true, value: { smtp: { hasPassword: false }, secretProblems: [{ secret: 'smtp.password', problem: 'other_account' }] } });
      expect(preferencesStore(db, keyFileBox(dataDir)).withSecrets().smtp.password).toBe('');
    }
    await invoke(handlers, 'preferences.save', prefs({ imap: { ...imapNoPassword, host: 'imap.attacker.test' } }));
    expect(preferencesStore(db, keyFileBox(dataDir)).withSecrets().imap.password).toBe('');
    // Back on the server it was saved for, it is used again; a new one entered is bound to the new server.
    expect(await invoke(handlers, 'preferences.save', prefs({ smtp: smtpNoPassword }))).toMatchObject({ ok: true, value: { smtp: { hasPassword: true } } });
    await invoke(handlers, 'preferences.save', prefs({ smtp: { ...smtpNoPassword, host: 'smtp2.example.com', password: 'new-one' } }));
    expect(preferencesStore(db, keyFileBox(dataDir)).withSecrets().smtp).toMatchObject({ host: 'smtp2.example.com', password: 'new-one' });
  });

  it('bind a password saved before binding existed to the server saved with it', async () => {
    const { handlers, db, dataDir } = tempCore();
    await invoke(handlers, 'preferences.save', prefs());
    // As an earlier version stored it: the bare password, sealed.
    db.prepare(`UPDATE secrets SET ciphertext = ? WHERE name = 'smtp.password'`).run(keyFileBox(dataDir).seal('old-format'));
    expect(preferencesStore(db, keyFileBox(dataDir)).withSecrets().smtp.password).toBe('old-format');
    const { password: _p, ...smtpNoPassword } = prefs().smtp;
    await invoke(handlers, 'preferences.save', prefs({ smtp: { ...smtpNoPassword, host: 'smtp.attacker.test' } }));
    expect(preferencesStore(db, keyFileBox(dataDir)).withSecrets().smtp.password).toBe('');
  });

  it('start without secret.key (or with another one): say which secrets cannot be read, ask for them, keep everything else', async () => {
    const first = tempCore();
    await invoke(first.handlers, 'preferences.save', prefs());
    await invoke(first.handlers, 'contacts.create', { name: 'Kept Contact' });
    await first.close();
    fs.unlinkSync(path.join(first.dataDir, 'secret.key'));

    const again = tempCore(first.dataDir);
    const got = await invoke(again.handlers, 'preferences.get', {});
    expect(got).toMatchObject({
      ok: true,
      value: {
        smtp: { host: 'smtp.example.com', hasPassword: false },
        imap: { hasPassword: false },
        tracking: { relayUrl: 'https://relay.example.com', hasRelaySecret: false },
        secretProblems: [
          { secret: 'smtp.password', problem: 'unreadable', message: 'the stored SMTP password can no longer be read: enter it again' },
          { secret: 'imap.password', problem: 'unreadable', message: 'the stored IMAP password can no longer be read: enter it again' },
          { secret: 'tracking.relaySecret', problem: 'unreadable', message: 'the stored relay secret can no longer be read: enter it again' },
        ],
      },
    });
    expect(preferencesStore(again.db, keyFileBox(again.dataDir)).withSecrets().smtp.password).toBe('');
    expect(await invoke(again.handlers, 'contacts.list', {})).toMatchObject({ ok: true, value: [{ name: 'Kept Contact' }] });
    // Entering one again clears its problem only.
    const { password: _p, ...smtpNoPassword } = prefs().smtp;
    const { password: _i, ...imapNoPassword } = prefs().imap;
    const { relaySecret: _r, ...trackingNoSecret } = prefs().tracking;
    const fixed = await invoke(again.handlers, 'preferences.save', prefs({ smtp: { ...smtpNoPassword, password: 'typed-again' }, imap: imapNoPassword, tracking: trackingNoSecret }));
    expect(fixed).toMatchObject({ ok: true, value: { smtp: { hasPassword: true }, secretProblems: [{ secret: 'imap.password' }, { secret: 'tracking.relaySecret' }] } });
    expect(preferencesStore(again.db, keyFileBox(again.dataDir)).withSecrets().smtp.password).toBe('typed-again');
    await again.close();
  });

  it('start with background work on when secrets cannot be read (it used to refuse to start)', async () => {
    const first = tempCore();
    await invoke(first.handlers, 'preferences.save', prefs({ smtp: { ...prefs().smtp, host: '127.0.0.1', port: 9 }, imap: { ...prefs().imap, host: '127.0.0.1', port: 9 } }));
    await first.close();
    fs.writeFileSync(path.join(first.dataDir, 'secret.key'), crypto.randomBytes(32)); // a different key
    const core = createCore({ dataDir: first.dataDir, mode: 'browser', secretBox: keyFileBox, background: true, watcher: { log: () => {} } });
    expect(await invoke(core.handlers, 'preferences.get', {})).toMatchObject({ ok: true, value: { secretProblems: [{ problem: 'unreadable' }, { problem: 'unreadable' }, { problem: 'unreadable' }] } });
    await core.close();
  });

  it('refuse bad values by field and keep what was stored', async () => {
    const { handlers } = tempCore();
    await invoke(handlers, 'preferences.save', prefs());
    const bad = await invoke(handlers, 'preferences.save', prefs({ tracking: { mode: 'sometimes', relayUrl: 'ftp://x', relaySecret: 'short' } }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.fields!.map((f) => f.path)).toEqual(expect.arrayContaining(['tracking.mode', 'tracking.relayUrl', 'tracking.relaySecret']));
    expect(await invoke(handlers, 'preferences.get', {})).toMatchObject({ ok: true, value: { tracking: { mode: 'opens', relayUrl: 'https://relay.example.com' } } });
  });

  it('keep notifications on by default, store quiet hours, and refuse a time that is not HH:MM or an empty window', async () => {
    const { handlers } = tempCore();
    expect(await invoke(handlers, 'preferences.get', {})).toMatchObject({ ok: true, value: { notifications: { enabled: true, quietHours: false, quietFrom: '22:00', quietTo: '07:00' } } });
    const quiet = { enabled: true, quietHours: true, quietFrom: '23:30', quietTo: '06:15' };
    expect(await invoke(handlers, 'preferences.save', prefs({ notifications: quiet }))).toMatchObject({ ok: true, value: { notifications: quiet } });
    for (const [bad, path] of [[{ quietFrom: '24:00' }, 'notifications.quietFrom'], [{ quietTo: '7am' }, 'notifications.quietTo'], [{ quietTo: '23:30' }, 'notifications.quietTo']] as const) {
      const refused = await invoke(handlers, 'preferences.save', prefs({ notifications: { ...quiet, ...bad } }));
      expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: [{ path }] } });
    }
    expect(await invoke(handlers, 'preferences.get', {})).toMatchObject({ ok: true, value: { notifications: quiet } });
  });
});
