// Bundles the Node-side entries to CommonJS (Electron's sandboxed preload requires it).
// Dependencies stay external: electron-builder ships node_modules, and native modules cannot be bundled.
import { build } from 'esbuild';
import fs from 'node:fs';

const { version } = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  define: { __OUTPOST_VERSION__: JSON.stringify(version) },
};

await Promise.all([
  build({ ...common, entryPoints: { 'browser-main': 'main/browser-main.ts', 'electron-main': 'main/electron-main.ts' }, outdir: 'dist/main', outExtension: { '.js': '.cjs' } }),
  build({ ...common, entryPoints: { preload: 'preload/preload.ts' }, outdir: 'dist/preload', outExtension: { '.js': '.cjs' } }),
]);
