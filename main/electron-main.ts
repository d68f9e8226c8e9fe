// The Electron shell: the only file that imports `electron` besides preload/. It opens the same
// core as browser mode and carries the contract over IPC instead of HTTP.
import { app, BrowserWindow, dialog, ipcMain, safeStorage, session, shell } from 'electron';
import path from 'node:path';
import { createCore, type Core } from './app/core';
import { invoke } from './api/invoke';
import { CONTENT_SECURITY_POLICY } from './host/csp';
import { keyFileBox } from './secrets/key-file-box';
import type { SecretBox } from './secrets/secret-box';

app.setName('Outpost');
let core: Core | undefined;
let window: BrowserWindow | undefined;

const rendererIndex = path.join(__dirname, '..', 'renderer', 'index.html');

function safeStorageBox(dataDir: string): SecretBox {
  if (!safeStorage.isEncryptionAvailable()) {
    console.warn('OS keychain unavailable: secrets use the key file in the data folder instead.');
    return keyFileBox(dataDir);
  }
  return {
    scheme: 'safe-storage',
    seal: (plain) => safeStorage.encryptString(plain),
    open: (sealed) => safeStorage.decryptString(sealed),
  };
}

function nativeBinding(): string | undefined {
  if (app.isPackaged) return path.join(process.resourcesPath, 'native', 'better_sqlite3.node');
  return process.env.OUTPOST_NATIVE_BINDING || undefined;
}

function createWindow() {
  window = new BrowserWindow({
    width: 1280,
    height: 820,
    title: 'Outpost',
    webPreferences: {
      preload: path.join(__dirname, '..', 'preload', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      spellcheck: true,
    },
  });
  void window.loadFile(rendererIndex);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    // Nothing in the app navigates; links to the web open in the user's browser.
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (/^https?:\/\//i.test(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });

  app.whenReady().then(() => {
    const dataDir = process.env.OUTPOST_DATA_DIR ? path.resolve(process.env.OUTPOST_DATA_DIR) : app.getPath('userData');
    try {
      core = createCore({ dataDir, mode: 'electron', secretBox: safeStorageBox, nativeBinding: nativeBinding(), background: true });
    } catch (err) {
      dialog.showErrorBox('Outpost could not open its data', err instanceof Error ? err.message : String(err));
      app.exit(1);
      return;
    }
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, done) => done(false));
    session.defaultSession.webRequest.onHeadersReceived((details, done) => {
      done({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    });
    const handlers = core.handlers;
    ipcMain.handle('outpost:call', (event, name: unknown, input: unknown) => {
      // Only our own page may call the core.
      if (!event.senderFrame?.url.startsWith('file://')) return { ok: false, error: { code: 'unauthorized', message: 'not the app window' } };
      return invoke(handlers, String(name), input);
    });
    createWindow();
  });

  app.on('window-all-closed', () => {
    void (core?.close() ?? Promise.resolve()).finally(() => app.quit());
  });
}
