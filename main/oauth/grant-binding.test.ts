// The sign-in is sealed at rest like the passwords and bound to the app it was issued to: the
// token endpoint and the client id. Another registration never receives it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { preferencesInput } from '../api/schemas';
import { DATABASE_FILE } from '../db/open-database';
import { keyFileBox } from '../secrets/key-file-box';
import { preferencesStore } from '../store/preferences';
import { tempCore } from '../test/temp-core';

const base = { smtp: { host: 'smtp.office365.com', username: 'me@example.com', auth: 'oauth2' }, imap: { host: '' }, tracking: {} };

describe('the stored sign-in', () => {
  it('is sealed at rest, offered only for the app it was issued to, and asked for again after a change', () => {
    const core = tempCore();
    const store = preferencesStore(core.db, keyFileBox(core.dataDir));
    store.save(preferencesInput.parse({ ...base, oauth: { provider: 'microsoft', clientId: 'app-1', clientSecret: 'shh-secret' } }));
    expect(store.grant()).toBeNull();
    store.setRefreshToken('refresh-token-value');
    expect(store.grant()).toMatchObject({ refreshToken: 'refresh-token-value', client: { clientId: 'app-1', clientSecret: 'shh-secret' }, endpoints: { tokenUrl: expect.stringContaining('login.microsoftonline.com') } });
    expect(store.get().oauth).toMatchObject({ signedIn: true, hasClientSecret: true });
    expect(JSON.stringify(store.get())).not.toMatch(/refresh-token-value|shh-secret/);

    store.save(preferencesInput.parse({ ...base, oauth: { provider: 'microsoft', clientId: 'app-2' } }));
    expect(store.grant()).toBeNull();
    expect(store.get().oauth.signedIn).toBe(false);
    expect(store.get().secretProblems).toContainEqual(expect.objectContaining({ secret: 'oauth.refreshToken', message: expect.stringMatching(/sign in again$/) }));
    core.close();
    for (const f of fs.readdirSync(core.dataDir).filter((f) => f.startsWith(DATABASE_FILE))) {
      expect(fs.readFileSync(path.join(core.dataDir, f)).includes('refresh-token-value')).toBe(false);
    }
  });
});
