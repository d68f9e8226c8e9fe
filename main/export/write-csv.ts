import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { neutralise } from './formula-guard';
import type { Cell } from './reports';

export interface CsvProgress { written: number }

/**
 * Streams rows into `file` as CSV: UTF-8 with a BOM (so spreadsheet apps read the accents
 * right), CRLF lines (RFC 4180), every text cell neutralised against formula injection. Rows are
 * pulled only as fast as the disk takes them (pipeline's backpressure), so memory stays flat. The
 * file appears under its name only when complete; on abort or error the partial file is removed.
 */
export async function writeCsv(file: string, header: string[], rows: Iterable<Cell[]>, progress: CsvProgress, signal: AbortSignal): Promise<void> {
  const part = `${file}.part`;
  function* counted() {
    for (const row of rows) {
      yield row;
      progress.written++;
    }
  }
  // 'wx': never into a file that is already there (and never removing one we did not write);
  // owner-only, like the database it copies from.
  const handle = await fs.promises.open(part, 'wx', 0o600);
  try {
    await pipeline(
      Readable.from(counted()),
      stringify({ bom: true, header: true, columns: header, record_delimiter: 'windows', cast: { string: neutralise } }),
      fs.createWriteStream(part, { fd: handle }),
      { signal },
    );
    await fs.promises.rename(part, file);
  } catch (err) {
    await fs.promises.rm(part, { force: true });
    throw err;
  }
}
