import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SecretBox } from './secret-box';

export const KEY_FILE = 'secret.key';

/**
 * Browser mode's fallback for safeStorage: AES-256-GCM with a random key kept in a file that
 * only the user can read (0600), beside the database. It protects secrets from anyone who
 * gets the database alone (a backup, a shared file), not from someone who can read the folder.
 */
export function keyFileBox(dataDir: string): SecretBox {
  const key = loadOrCreateKey(path.join(dataDir, KEY_FILE));
  return {
    scheme: 'key-file-v1',
    seal(plain) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    open(sealed) {
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

function loadOrCreateKey(file: string): Buffer {
  try {
    const key = fs.readFileSync(file);
    if (key.length === 32) {
      if (process.platform !== 'win32') fs.chmodSync(file, 0o600);
      return key;
    }
    // A damaged key opens nothing; keep it aside (nothing is deleted) and start with a new one.
    // The secrets it sealed are then reported as unreadable and asked for again in Preferences.
    const aside = `${file}.damaged-${Date.now()}`;
    fs.renameSync(file, aside);
    console.warn(`${file} was damaged (expected 32 bytes, found ${key.length}): kept as ${aside}, a new key was made.`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = crypto.randomBytes(32);
  fs.writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
  return key;
}
