// Bundles the Node-side entries of the app: the main process (browser and Electron), the SMTP
// pool's worker thread, and the preload.
import { bundleNode } from './node-bundle.mjs';

await Promise.all([
  bundleNode({ 'browser-main': 'main/browser-main.ts', 'electron-main': 'main/electron-main.ts', 'smtp-worker': 'main/send/smtp-worker.ts' }, 'dist/main'),
  bundleNode({ preload: 'preload/preload.ts' }, 'dist/preload', { importMeta: false }),
]);
