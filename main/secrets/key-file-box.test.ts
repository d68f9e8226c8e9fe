import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEY_FILE, keyFileBox } from './key-file-box';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-box-'));

describe('key file box', () => {
  it('round-trips, keeps the key 0600, and opens what an earlier launch sealed', () => {
    const dir = tempDir();
    const sealed = keyFileBox(dir).seal('hunter2 ünïcode');
    expect(sealed.toString('utf8')).not.toContain('hunter2');
    expect(keyFileBox(dir).open(sealed)).toBe('hunter2 ünïcode');
    if (process.platform !== 'win32') expect(fs.statSync(path.join(dir, KEY_FILE)).mode & 0o777).toBe(0o600);
  });
  it('refuses tampered ciphertext and a different key', () => {
    const dir = tempDir();
    const sealed = keyFileBox(dir).seal('secret');
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => keyFileBox(dir).open(tampered)).toThrow();
    expect(() => keyFileBox(tempDir()).open(sealed)).toThrow();
  });
});

describe('a damaged key file', () => {
  it('is kept aside and replaced, so the app starts (its secrets are then unreadable, not lost)', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, KEY_FILE), 'short');
    const warn = console.warn;
    console.warn = () => {};
    try {
      const box = keyFileBox(dir);
      expect(box.open(box.seal('x'))).toBe('x');
    } finally {
      console.warn = warn;
    }
    expect(fs.readFileSync(path.join(dir, KEY_FILE)).length).toBe(32);
    expect(fs.readdirSync(dir).some((f) => f.startsWith(`${KEY_FILE}.damaged-`))).toBe(true);
  });
});
