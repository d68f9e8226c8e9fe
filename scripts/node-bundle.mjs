// How Node-side code is bundled: CommonJS (Electron's sandboxed preload requires it), with
// dependencies external (electron-builder ships node_modules; native modules cannot be bundled).
// Used by build-main.mjs for the app and by bench/send.bench.ts to run code as the app ships it.
import { build } from 'esbuild';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = new URL('..', import.meta.url);
const { version } = JSON.parse(fs.readFileSync(new URL('package.json', root), 'utf8'));

/**
 * Bundles each entry (name → source path) to `<outdir>/<name>.cjs`. `importMeta: false` for
 * Electron's sandboxed preload, which may not require node:url.
 */
export function bundleNode(entryPoints, outdir, { importMeta = true } = {}) {
  return build({
    entryPoints,
    outdir,
    outExtension: { '.js': '.cjs' },
    absWorkingDir: fileURLToPath(root),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
    define: { __OUTPOST_VERSION__: JSON.stringify(version), ...(importMeta ? { 'import.meta.url': 'importMetaUrl' } : {}) },
    // import.meta.url as ESM has it (main/send/smtp-thread.ts finds its worker beside it).
    inject: importMeta ? ['scripts/import-meta-url.mjs'] : [],
  });
}
