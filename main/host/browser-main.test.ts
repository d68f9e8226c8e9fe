import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../api/invoke';
import { tempCore, tempDir } from '../test/temp-core';

// The real browser-mode process, so a crash shows as a dead process and not a caught error.
const dataDir = tempDir('outpost-browser-main-');
const rendererDir = tempDir('outpost-renderer-');
fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Outpost</title>');
const token = 'test-token-browser-main';
let stderr = '';

// A data folder whose secret.key is gone (copied without it, or deleted): the app must still start.
async function folderWithoutItsKey() {
  const core = tempCore(dataDir);
  await invoke(core.handlers, 'preferences.save', { smtp: { host: '127.0.0.1', port: 9, security: 'none', username: 'me', password: 'lost-pw' }, imap: { host: '' }, tracking: {} });
  await invoke(core.handlers, 'contacts.create', { name: 'Still Here' });
  await core.close();
  fs.unlinkSync(path.join(dataDir, 'secret.key'));
}
let child: ChildProcess;
let port = 0;
let exited: number | null | undefined;

beforeAll(async () => {
  await folderWithoutItsKey();
  child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '..', 'browser-main.ts')], {
    env: { ...process.env, OUTPOST_DATA_DIR: dataDir, OUTPOST_RENDERER_DIR: rendererDir, OUTPOST_NO_OPEN: '1', OUTPOST_TOKEN: token, OUTPOST_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.on('exit', (code) => (exited = code));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', () => reject(new Error(`browser mode exited: ${out}`)));
  });
}, 30_000);
afterAll(() => void child.kill('SIGTERM'));

function raw(payload: string) {
  return new Promise<string>((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let data = '';
    socket.on('data', (c: Buffer) => (data += c.toString()));
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
    socket.write(payload);
  });
}

function call(pathName: string, body = '{}') {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: pathName, method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('browser mode survives malformed requests', () => {
  it('answers a malformed escape in the call name with JSON and keeps serving', async () => {
    for (const bad of ['/api/call/%', '/api/call/%E0%A4%A', '/api/call/app.info%ZZ']) {
      const res = await call(bad);
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    }
    const info = await call('/api/call/app.info');
    expect(JSON.parse(info.body)).toMatchObject({ ok: true, value: { mode: 'browser' } });
    expect(exited).toBeUndefined();
  });

  it('answers a request with a malformed header line with JSON, and keeps serving', async () => {
    const text = await raw(`POST /api/call/app.info HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nBad Header\r\n\r\n`);
    expect(text).toMatch(/^HTTP\/1\.1 400/);
    expect(text).toContain('application/json');
    expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4))).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(JSON.parse((await call('/api/call/app.info')).body)).toMatchObject({ ok: true });
    expect(exited).toBeUndefined();
  });

  it('starts without its secret.key, says which secrets cannot be read, and keeps the rest', async () => {
    expect(stderr).toContain('Outpost: the stored SMTP password can no longer be read: enter it again in Preferences.');
    const prefs = JSON.parse((await call('/api/call/preferences.get')).body);
    expect(prefs).toMatchObject({ ok: true, value: { smtp: { host: '127.0.0.1', hasPassword: false }, secretProblems: [{ secret: 'smtp.password', problem: 'unreadable' }] } });
    expect(JSON.parse((await call('/api/call/contacts.list')).body)).toMatchObject({ ok: true, value: [{ name: 'Still Here' }] });
    expect(exited).toBeUndefined();
  });
});
