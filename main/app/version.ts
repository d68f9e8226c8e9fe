// Injected by the build (esbuild/vite `define`); under tsx and vitest it falls back to the dev marker.
declare const __OUTPOST_VERSION__: string | undefined;
export const APP_VERSION = typeof __OUTPOST_VERSION__ === 'string' ? __OUTPOST_VERSION__ : '0.0.0-dev';
