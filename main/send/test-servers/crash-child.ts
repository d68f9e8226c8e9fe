// A whole app (core, SMTP thread) sending a merge, to be killed with SIGKILL mid-send by
// crash.slow.test.ts. Arguments: data folder, SMTP port, number of contacts.
import { invoke } from '../../api/invoke';
import { dispatchInput } from '../../api/schemas';
import { createCore } from '../../app/core';
import { keyFileBox } from '../../secrets/key-file-box';

const [dataDir, port, contacts] = process.argv.slice(2) as [string, string, string];
const core = createCore({ dataDir, mode: 'browser', secretBox: keyFileBox, background: true });
const saved = await invoke(core.handlers, 'preferences.save', {
  smtp: { host: '127.0.0.1', port: Number(port), security: 'none', fromAddress: 'me@studio.example', maxConnections: 4, messagesPerMinute: 6000 },
  imap: { host: '' }, tracking: { mode: 'off' },
});
if (!saved.ok) throw new Error(saved.error.message);
const contact = core.db.prepare('INSERT INTO contacts (name, created_at, updated_at) VALUES (?, 1, 1)');
const address = core.db.prepare(`INSERT INTO addresses (contact_id, email, email_norm, purposes) VALUES (?, ?, ?, '["newsletter"]')`);
for (let i = 0; i < Number(contacts); i++) address.run(contact.run(`Client ${i}`).lastInsertRowid, `c${i}@example.com`, `c${i}@example.com`);
const created = await invoke(core.handlers, 'dispatches.create', dispatchInput.parse({ filter: { purpose: 'newsletter' }, subject: 'News', bodyText: 'Hi {{name}}', tracking: 'off' }));
if (!created.ok) throw new Error(created.error.message);
console.log('sending');
