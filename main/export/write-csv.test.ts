import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../test/read-csv';
import { tempDir } from '../test/temp-core';
import { writeCsv } from './write-csv';

const BOM = '\uFEFF';

describe('writeCsv', () => {
  it('writes UTF-8 with a BOM, CRLF lines, quotes where needed, and neutralises every cell a spreadsheet would run', async () => {
    const file = path.join(tempDir(), 'out.csv');
    const hostile = ['=HYPERLINK("http://evil.example","x")', '+1+2', '-2+3', '@SUM(A1)', '\tTab', '\rReturn', 'a, "b"\nc', 'Zoë Ñúñez', 'plain-text'];
    const progress = { written: 0 };
    await writeCsv(file, ['Text', 'Number', 'Empty'], hostile.map((h, i) => [h, i, null]), progress, new AbortController().signal);
    const text = fs.readFileSync(file, 'utf8');
    expect(text.startsWith(BOM)).toBe(true);
    expect(text.slice(BOM.length, text.indexOf('\r\n'))).toBe('Text,Number,Empty');
    const rows = readCsv(text.slice(BOM.length));
    expect(rows[0]).toEqual(['Text', 'Number', 'Empty']);
    expect(rows.slice(1).map((r) => r[0])).toEqual([
      `'=HYPERLINK("http://evil.example","x")`, "'+1+2", "'-2+3", "'@SUM(A1)", "'\tTab", "'\rReturn", 'a, "b"\nc', 'Zoë Ñúñez', 'plain-text',
    ]);
    expect(rows.slice(1).map((r) => r.slice(1))).toEqual(hostile.map((_, i) => [String(i), '']));
    expect(progress.written).toBe(hostile.length);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(`${file}.part`)).toBe(false);
  });

  it('stops on abort mid-stream and removes the partial file, without reading the rest', async () => {
    const file = path.join(tempDir(), 'out.csv');
    const progress = { written: 0 };
    const abort = new AbortController();
    let pulled = 0;
    function* endless() {
      for (;;) yield [`row ${pulled++}`, 'x'.repeat(100)];
    }
    const writing = writeCsv(file, ['A', 'B'], endless(), progress, abort.signal);
    while (progress.written < 20_000) await new Promise((r) => setTimeout(r, 5));
    abort.abort();
    await expect(writing).rejects.toThrow(/abort/i);
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.existsSync(`${file}.part`)).toBe(false);
    // Backpressure: rows are pulled only as the file takes them, and pulling ends with the abort.
    const stoppedAt = pulled;
    await new Promise((r) => setTimeout(r, 50));
    expect(pulled).toBe(stoppedAt);
    expect(pulled - progress.written).toBeLessThan(100);
  });

  it('never writes over a file that is there, nor removes it', async () => {
    const file = path.join(tempDir(), 'out.csv');
    fs.writeFileSync(`${file}.part`, 'not ours');
    await expect(writeCsv(file, ['A'], [['1']], { written: 0 }, new AbortController().signal)).rejects.toThrow(/EEXIST/);
    expect(fs.readFileSync(`${file}.part`, 'utf8')).toBe('not ours');
  });
});
