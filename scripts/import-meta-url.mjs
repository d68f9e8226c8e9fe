// Injected by build-main.mjs into the CommonJS bundles, where import.meta does not exist:
// the bundle's own file, as import.meta.url would give it.
import { pathToFileURL } from 'node:url';

export const importMetaUrl = pathToFileURL(__filename).href;
