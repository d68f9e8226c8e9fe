// The Electron shell: the only file that imports `electron` besides preload/. It opens the same
// core as browser mode and carries the contract over IPC instead of HTTP.
import { app, BrowserWindow, dialog, ipcMain, net, Notification, protocol, safeStorage, session, shell, type Session } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCore, type Core } from './app/core';
import type { DesktopNotification } from './api/contract';
import { invoke } from './api/invoke';
import { CONTENT_SECURITY_POLICY } from './host/csp';
import { keepRunningOnRejection } from './host/process-guard';
import { keyFileBox } from './secrets/key-file-box';
import type { SecretBox } from './secrets/secret-box';
import { APP_INDEX_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, contentType, isAppUrl, resolveAppFile } from './shell/app-protocol';
import { allowNavigation, windowOpenPolicy } from './shell/navigation';
import { allowPermission } from './shell/permissions';
import { CALL_CHANNEL } from './shell/ipc-bridge';
import { forwardLive, openInWindow } from './shell/live-ipc';

app.setName('Outpost');
// As in browser mode: a rejection nobody handled is logged; the app and its queue keep running.
keepRunningOnRejection();

let core: Core | undefined;
let window: BrowserWindow | undefined;

const rendererRoot = path.join(__dirname, '..', 'renderer');

// Must happen before 'ready': app:// is a standard, secure origin of its own (not file://).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

/** Serves app://outpost/… from the renderer folder only; everything else is a 404. */
function serveAppProtocol(target: Session): void {
  target.protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(rendererRoot, request.url);
    if (file === null) return new Response('Not found', { status: 404 });
    const found = await net.fetch(pathToFileURL(file).toString()).catch(() => null);
    if (found === null || !found.ok) return new Response('Not found', { status: 404 });
    return new Response(found.body, {
      status: 200,
      headers: { 'content-type': contentType(file), 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' },
    });
  });
}

/** Permission requests and checks: only what the policy grants, to the app's own origin. */
function restrictPermissions(target: Session): void {
  target.setPermissionRequestHandler((_contents, permission, done, details) => done(allowPermission(permission, details.requestingUrl)));
  target.setPermissionCheckHandler((_contents, permission, origin) => allowPermission(permission, origin));
  target.setDevicePermissionHandler(() => false);
}

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

/** Where a CSV export goes: the system's save dialog, starting in Downloads; null when dismissed. */
async function chooseExportFile(suggestedName: string): Promise<string | null> {
  const options = { defaultPath: path.join(app.getPath('downloads'), suggestedName), filters: [{ name: 'CSV', extensions: ['csv'] }] };
  const chosen = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  return chosen.canceled || !chosen.filePath ? null : chosen.filePath;
}

// Held until clicked or closed: a notification collected before then forgets its click.
const notifications = new Set<Notification>();

/** The core's notification, native; a click brings the window forward and opens what it is about. */
function notifyNatively(n: DesktopNotification): void {
  if (!Notification.isSupported()) return;
  const native = new Notification({ title: n.title, body: n.body });
  notifications.add(native);
  native.on('close', () => notifications.delete(native));
  native.on('click', () => {
    notifications.delete(native);
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
    openInWindow(window.webContents, n);
  });
  native.show();
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
  if (core) forwardLive(core.live.subscribe, window.webContents);
  void window.loadURL(APP_INDEX_URL);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    // Nothing in the app navigates, in any frame (shell/navigation.ts); links to the web open
    // in the user's browser.
    contents.on('will-frame-navigate', (event) => {
      if (!allowNavigation(event.url, event.isMainFrame)) event.preventDefault();
    });
    contents.on('will-navigate', (event) => {
      if (!allowNavigation(event.url, event.isMainFrame)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => {
      if (!allowNavigation(event.url, event.isMainFrame)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      const policy = windowOpenPolicy(url);
      if (policy.openExternally) void shell.openExternal(url);
      return { action: policy.action };
    });
  });

  app.whenReady().then(() => {
    const dataDir = process.env.OUTPOST_DATA_DIR ? path.resolve(process.env.OUTPOST_DATA_DIR) : app.getPath('userData');
    try {
      core = createCore({ dataDir, mode: 'electron', secretBox: safeStorageBox, nativeBinding: nativeBinding(), background: true, chooseExportFile, openExternal: (url) => shell.openExternal(url) });
    } catch (err) {
      dialog.showErrorBox('Outpost could not open its data', err instanceof Error ? err.message : String(err));
      app.exit(1);
      return;
    }
    serveAppProtocol(session.defaultSession);
    restrictPermissions(session.defaultSession);
    session.defaultSession.webRequest.onHeadersReceived((details, done) => {
      done({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    });
    const handlers = core.handlers;
    ipcMain.handle(CALL_CHANNEL, (event, name: unknown, input: unknown) => {
      // Only our own page may call the core.
      if (!isAppUrl(event.senderFrame?.url)) return { ok: false, error: { code: 'unauthorized', message: 'not the app window' } };
      return invoke(handlers, String(name), input);
    });
    createWindow();
    core.notifications.subscribe(notifyNatively);
  });

  app.on('window-all-closed', () => {
    void (core?.close() ?? Promise.resolve()).finally(() => app.quit());
  });
}
