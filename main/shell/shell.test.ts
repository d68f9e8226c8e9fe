import path from 'node:path';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import { APP_INDEX_URL, APP_SCHEME_PRIVILEGES, contentType, isAppUrl, resolveAppFile } from './app-protocol';
import { electronBinaryPath, FUSES, fusesFor } from './fuses';
import { allowNavigation, windowOpenPolicy } from './navigation';
import { allowPermission } from './permissions';

describe('fuses', () => {
  it('turn off run-as-node, NODE_OPTIONS and --inspect; turn on cookie encryption, asar-only loading and asar integrity', () => {
    expect(FUSES.version).toBe(FuseVersion.V1);
    expect(FUSES[FuseV1Options.RunAsNode]).toBe(false);
    expect(FUSES[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(FUSES[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(FUSES[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(FUSES[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(FUSES[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(FUSES[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
  });

  it('name every fuse of the wire, so a new one cannot be left at its default unnoticed', () => {
    const fuseIndexes = Object.values(FuseV1Options).filter((v): v is number => typeof v === 'number');
    for (const index of fuseIndexes) expect(typeof (FUSES as Record<number, unknown>)[index]).toBe('boolean');
    expect(FUSES.strictlyRequireAllFuses).toBe(true);
  });

  it('re-sign ad hoc only on macOS, and find the packed binary per platform', () => {
    expect(fusesFor('darwin').resetAdHocDarwinSignature).toBe(true);
    expect(fusesFor('linux').resetAdHocDarwinSignature).toBeUndefined();
    const packed = { appOutDir: '/out', productFilename: 'Outpost', executableName: 'outpost' };
    expect(electronBinaryPath({ ...packed, platform: 'linux' })).toBe(path.join('/out', 'outpost'));
    expect(electronBinaryPath({ ...packed, platform: 'win32' })).toBe(path.join('/out', 'Outpost.exe'));
    expect(electronBinaryPath({ ...packed, platform: 'darwin' })).toBe(path.join('/out', 'Outpost.app'));
    expect(() => electronBinaryPath({ ...packed, platform: 'plan9' })).toThrow(/plan9/);
  });
});

describe('app:// protocol', () => {
  const root = path.resolve('/srv/outpost/renderer');

  it('is a standard, secure scheme that does not bypass the CSP', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true, bypassCSP: false });
    expect(APP_INDEX_URL).toBe('app://outpost/index.html');
  });

  it('serves files under the renderer folder, "/" as index.html', () => {
    expect(resolveAppFile(root, 'app://outpost/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://outpost/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://outpost/assets/index-abc.js?v=1#x')).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(resolveAppFile(root, 'app://outpost/assets/a%20b.css')).toBe(path.join(root, 'assets', 'a b.css'));
  });

  it('refuses path traversal in every spelling, other hosts and schemes, NUL bytes and bad escapes', () => {
    for (const url of [
      'app://outpost/../../etc/passwd',
      'app://outpost/assets/../../secret.key',
      'app://outpost/%2e%2e/%2e%2e/etc/passwd',
      'app://outpost/..%2f..%2fetc%2fpasswd',
      'app://outpost/assets%2f..%2f..%2f..%2fetc%2fpasswd',
      'app://outpost/..%5c..%5cwindows%5cwin.ini',
      'app://outpost/index.html%00.png',
      'app://outpost/%E0%A4%A',
      'app://outpost/%2fetc%2fpasswd',
      'app://evil/index.html',
      'file:///srv/outpost/renderer/index.html',
      'https://outpost/index.html',
      'not a url',
    ]) {
      const file = resolveAppFile(root, url);
      // Either refused, or (where the URL parser folded the dots) still inside the root.
      if (file !== null) expect(file.startsWith(root + path.sep), `${url} -> ${file}`).toBe(true);
    }
    expect(resolveAppFile(root, 'app://outpost/..%2f..%2fetc%2fpasswd')).toBeNull();
    expect(resolveAppFile(root, 'app://outpost/..%5c..%5cwindows%5cwin.ini')).toBeNull();
    expect(resolveAppFile(root, 'app://outpost/index.html%00.png')).toBeNull();
    expect(resolveAppFile(root, 'app://outpost/%E0%A4%A')).toBeNull();
    expect(resolveAppFile(root, 'app://evil/index.html')).toBeNull();
    expect(resolveAppFile(root, 'file:///srv/outpost/renderer/index.html')).toBeNull();
    // Plain ../ and %2e%2e/ are folded by the URL parser at the root: what is left stays inside.
    expect(resolveAppFile(root, 'app://outpost/../../etc/passwd')).toBe(path.join(root, 'etc', 'passwd'));
    expect(resolveAppFile(root, 'app://outpost/%2e%2e/%2e%2e/etc/passwd')).toBe(path.join(root, 'etc', 'passwd'));
  });

  it('knows its own origin, and types files without sniffing', () => {
    expect(isAppUrl('app://outpost/index.html#/compose')).toBe(true);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('file:///index.html')).toBe(false);
    expect(isAppUrl('about:srcdoc')).toBe(false);
    expect(isAppUrl(undefined)).toBe(false);
    expect(contentType('/r/index.html')).toBe('text/html; charset=utf-8');
    expect(contentType('/r/assets/x.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentType('/r/data.bin')).toBe('application/octet-stream');
  });
});

describe('permissions', () => {
  it('refuse every permission, from the app or any other origin', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'midi', 'midiSysex', 'pointerLock', 'fullscreen', 'openExternal', 'clipboard-read', 'clipboard-sanitized-write', 'hid', 'serial', 'usb', 'idle-detection', 'window-management', 'unknown']) {
      expect(allowPermission(permission, 'app://outpost'), permission).toBe(false);
      expect(allowPermission(permission, 'https://evil.example'), permission).toBe(false);
      expect(allowPermission(permission, undefined), permission).toBe(false);
    }
  });
});

describe('navigation', () => {
  it('refuses every navigation of the window and of subframes, except a subframe loading its inline document', () => {
    for (const url of ['https://example.com/', 'http://127.0.0.1:1/', 'file:///etc/passwd', 'app://outpost/index.html', 'javascript:alert(1)', 'data:text/html,x', 'about:blank', 'about:srcdoc']) {
      expect(allowNavigation(url, true), `main frame -> ${url}`).toBe(false);
    }
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'app://outpost/index.html', 'javascript:alert(1)', 'data:text/html,x']) {
      expect(allowNavigation(url, false), `subframe -> ${url}`).toBe(false);
    }
    expect(allowNavigation('about:srcdoc', false)).toBe(true);
  });

  it('never opens a window; web links go to the browser, nothing else does', () => {
    expect(windowOpenPolicy('https://example.com/prices')).toEqual({ action: 'deny', openExternally: true });
    expect(windowOpenPolicy('http://example.com/')).toEqual({ action: 'deny', openExternally: true });
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'app://outpost/', 'smb://host/share', 'https://user:pw@example.com/', `https://example.com/${'a'.repeat(3000)}`, '#']) {
      expect(windowOpenPolicy(url), url).toEqual({ action: 'deny', openExternally: false });
    }
  });
});
