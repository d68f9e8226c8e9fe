import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../app/core';
import { keyFileBox } from '../secrets/key-file-box';

export const tempDir = (prefix = 'outpost-test-') => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

/** A real core on a fresh data folder, as browser mode opens it. */
export function tempCore(dataDir = tempDir()) {
  return { dataDir, ...createCore({ dataDir, mode: 'browser', secretBox: keyFileBox }) };
}
