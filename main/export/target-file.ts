import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiError } from '../api/errors';

/** Where browser mode writes when no folder is given: Downloads, as a browser download would. */
export function defaultFolder(): string {
  const downloads = path.join(os.homedir(), 'Downloads');
  return fs.existsSync(downloads) ? downloads : os.homedir();
}

const badFolder = (message: string) => new ApiError('invalid_input', `folder: ${message}`, [{ path: 'folder', message }]);

/** A new file `stem.csv` in `folder` ("stem (2).csv" and on when taken): an export never replaces a file. */
export async function freeFileIn(folder: string, stem: string): Promise<string> {
  if (!path.isAbsolute(folder)) throw badFolder('must be a full path, like /home/you/Downloads');
  const stat = await fs.promises.stat(folder).catch(() => null);
  if (!stat?.isDirectory()) throw badFolder(`${folder} is not a folder on this computer`);
  for (let n = 1; n <= 1000; n++) {
    const file = path.join(folder, n === 1 ? `${stem}.csv` : `${stem} (${n}).csv`);
    if (!fs.existsSync(file) && !fs.existsSync(`${file}.part`)) return file;
  }
  throw badFolder(`${folder} already holds 1000 exports named ${stem}: choose another folder`);
}
