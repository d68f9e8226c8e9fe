import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import fs from 'node:fs';
import { CONTENT_SECURITY_POLICY } from './main/host/csp.ts';

// The same policy as a meta tag too: it holds wherever the page is opened, even where no response header carries it
// (both hosts send it as a header: the loopback host and Electron's app:// protocol).
const cspMeta = (): Plugin => ({
  name: 'outpost-csp-meta',
  transformIndexHtml: (html) => html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", '')}" />`),
});

const { version } = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { version: string };

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), cspMeta()],
  define: { __OUTPOST_VERSION__: JSON.stringify(version) },
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
});
