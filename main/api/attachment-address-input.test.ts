import { afterEach, describe, expect, it } from 'vitest';
import { tempCore } from '../test/temp-core';
import { invoke } from './invoke';
import { composeInput } from './schemas';

// Through the real contract of a real core: bad input gets a clear error naming the field,
// and nothing is stored.
let core: ReturnType<typeof tempCore> | undefined;
afterEach(async () => { await core?.close(); core = undefined; });

const email = (dataBase64: string) => ({
  to: [{ address: 'ann@example.com' }], subject: 'Gallery', bodyText: 'Hi', tracking: 'off',
  attachments: [{ filename: 'photo.jpg', contentType: 'image/jpeg', dataBase64 }],
});
const count = (table: string) => (core!.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('attachment data at the contract', () => {
  it.each([
    ['not base64 at all', 'this is not base64!', 'is not valid base64 data'],
    ['base64 with a stray character', 'aGVsbG8*', 'is not valid base64 data'],
    ['base64 cut short', 'aGVsbG8gd29ybG', 'is not valid base64 data'],
    ['empty', '', 'the file is empty (0 bytes)'],
  ])('refuses data that is %s, naming the field, and sends nothing', async (_what, data, message) => {
    core = tempCore();
    const r = await invoke(core.handlers, 'emails.send', email(data));
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', message: `attachments.0.dataBase64: ${message}` } });
    expect(count('emails')).toBe(0);
    expect(count('attachments')).toBe(0);
  });

  it('accepts canonical base64 of every padding length', () => {
    for (const bytes of ['a', 'ab', 'abc', 'abcd']) {
      expect(composeInput.safeParse(email(Buffer.from(bytes).toString('base64'))).success).toBe(true);
    }
  });
});

describe('address lengths at the contract', () => {
  const local64 = 'a'.repeat(64);
  const domain = (n: number) => `${'d'.repeat(n - 4)}.com`;

  it('refuses a contact address with a local part over 64 or a total over 254 characters, and stores nothing', async () => {
    core = tempCore();
    const longLocal = await invoke(core.handlers, 'contacts.create', { name: 'Ann', addresses: [{ email: `${local64}a@example.com` }] });
    expect(longLocal).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'addresses.0.email: the part before @ is longer than 64 characters' } });
    // 64 + 1 + 190 = 255 characters; the domain's labels are each at most 63 long.
    const longAll = `${local64}@${'d'.repeat(60)}.${'e'.repeat(60)}.${'f'.repeat(60)}.${domain(7)}`;
    expect(longAll.length).toBe(255);
    const tooLong = await invoke(core.handlers, 'contacts.create', { name: 'Ann', addresses: [{ email: longAll }] });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'addresses.0.email: address is longer than 254 characters' } });
    expect(count('contacts')).toBe(0);
  });

  it('accepts the longest legal address: 64 before the @, 254 in all', async () => {
    core = tempCore();
    const longest = `${local64}@${'d'.repeat(60)}.${'e'.repeat(60)}.${'f'.repeat(60)}.${domain(6)}`;
    expect(longest.length).toBe(254);
    expect(await invoke(core.handlers, 'contacts.create', { name: 'Ann', addresses: [{ email: longest }] })).toMatchObject({ ok: true });
  });

  it('gives a typed recipient over the limits a Failed status with the reason, and queues no copy', async () => {
    core = tempCore();
    const saved = await invoke(core.handlers, 'preferences.save', { smtp: { host: '127.0.0.1', port: 2525, security: 'none', fromAddress: 'me@studio.example' }, imap: { host: '' }, tracking: { mode: 'off' } });
    expect(saved).toMatchObject({ ok: true });
    const r = await invoke(core.handlers, 'emails.send', { to: [{ address: `${local64}a@example.com` }], subject: 'Hi', bodyText: 'x', tracking: 'off' });
    expect(r).toMatchObject({ ok: true });
    expect(core.db.prepare('SELECT status, status_reason AS reason, send_state AS state FROM recipients').all())
      .toEqual([{ status: 'Failed', reason: 'invalid address: the part before @ is longer than 64 characters', state: 'none' }]);
  });
});
