import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../api/invoke';
import { tempCore } from '../test/temp-core';

/** A loopback SMTP server that records every password a client sends it. */
async function recordingServer(address: string) {
  const passwords: string[] = [];
  const server = new SMTPServer({
    secure: false, disabledCommands: ['STARTTLS'], allowInsecureAuth: true, logger: false,
    onAuth(auth, _session, cb) {
      passwords.push(auth.password ?? '');
      cb(auth.password === 'bound-pw' ? null : Object.assign(new Error('5.7.8 no'), { responseCode: 535 }), { user: auth.username });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  return { passwords, port: (server.server.address() as AddressInfo).port, close: () => new Promise<void>((r) => server.close(() => r())) };
}

let saved: Awaited<ReturnType<typeof recordingServer>>;
let otherHost: Awaited<ReturnType<typeof recordingServer>>;
let otherPort: Awaited<ReturnType<typeof recordingServer>>;
beforeAll(async () => {
  saved = await recordingServer('127.0.0.1');
  otherHost = await recordingServer('127.0.0.2'); // another host (all of 127/8 is loopback on Linux)
  otherPort = await recordingServer('127.0.0.1');
});
afterAll(() => Promise.all([saved.close(), otherHost.close(), otherPort.close()]));

describe.runIf(process.platform === 'linux')('a stored password goes only to the server it was saved for', () => {
  it('"Test connection" of a form naming another host, port or user sends no stored password there', async () => {
    const core = tempCore();
    const smtp = { host: '127.0.0.1', port: saved.port, security: 'none', username: 'studio', fromAddress: 'studio@outpost.test' };
    await invoke(core.handlers, 'preferences.save', { smtp: { ...smtp, password: 'bound-pw' }, imap: { host: '' }, tracking: {} });

    expect(await invoke(core.handlers, 'preferences.testSmtp', smtp)).toMatchObject({ ok: true, value: { ok: true } });
    expect(saved.passwords).toEqual(['bound-pw']);

    const elsewhere = await invoke(core.handlers, 'preferences.testSmtp', { ...smtp, host: '127.0.0.2', port: otherHost.port });
    expect(elsewhere).toMatchObject({ ok: true, value: { ok: false } });
    await invoke(core.handlers, 'preferences.testSmtp', { ...smtp, port: otherPort.port });
    await invoke(core.handlers, 'preferences.testSmtp', { ...smtp, username: 'someone-else' });
    expect(otherHost.passwords).not.toContain('bound-pw');
    expect(otherPort.passwords).not.toContain('bound-pw');
    expect(saved.passwords).toEqual(['bound-pw']); // the other user name got nothing stored either
    await core.close();
  });
});
