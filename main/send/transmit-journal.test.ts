import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test/temp-core';
import { journalWriter, readJournal, resetJournal } from './transmit-journal';

const fresh = (boot = 'id one') => {
  const file = path.join(tempDir(), 'send-journal');
  resetJournal(file, boot);
  return file;
};

describe('the transmit journal', () => {
  it('says per copy whether it began, and what the server answered after', () => {
    const file = fresh();
    const w = journalWriter(file);
    w.began('a'); w.began('b'); w.began('c'); w.began('d');
    w.accepted('a', '250 2.0.0 Ok: queued as 4Xy\r\nsecond line');
    w.refused('b', 554, '554 5.7.1 Message rejected: spam, «déjà vu»');
    w.close();
    expect(readJournal(file, new Set(['a', 'b', 'c', 'e']), 'id one')).toEqual(new Map([
      ['a', { kind: 'accepted', response: '250 2.0.0 Ok: queued as 4Xy second line' }],
      ['b', { kind: 'refused', responseCode: 554, response: '554 5.7.1 Message rejected: spam, «déjà vu»' }],
      ['c', { kind: 'began' }],
    ]));
  });

  it('is not trusted from another boot of the computer, nor without its header', () => {
    const file = fresh('id one');
    const w = journalWriter(file);
    w.began('a');
    w.close();
    expect(readJournal(file, new Set(['a']), 'id two')).toBe('restarted');
    expect(readJournal(path.join(tempDir(), 'none'), new Set(['a']))).toBe('missing');
    const headless = path.join(tempDir(), 'headless');
    fs.writeFileSync(headless, 'B a\n');
    expect(readJournal(headless, new Set(['a']))).toBe('missing');
  });

  it('takes a boot time within a few seconds as the same boot (a clock set a little since)', () => {
    const file = fresh('at 1000');
    expect(readJournal(file, new Set(), 'at 1004')).toEqual(new Map());
    expect(readJournal(file, new Set(), 'at 1100')).toBe('restarted');
  });

  it('ignores a last line cut off by the crash, and lines it cannot read', () => {
    const file = fresh();
    fs.appendFileSync(file, `B a\nR b notanumber x\n${'B '.padEnd(10_000, 'x')}\nQ c\nB c`);
    expect(readJournal(file, new Set(['a', 'b', 'c']), 'id one')).toEqual(new Map([['a', { kind: 'began' }]]));
  });

  it('reads a long journal in chunks, keeping only the copies asked for', () => {
    const file = fresh();
    const lines = Array.from({ length: 60_000 }, (_, i) => `B copy-${i}\nA copy-${i} 250 ok ${i}\n`).join('');
    fs.appendFileSync(file, lines);
    const found = readJournal(file, new Set(['copy-7', 'copy-59999']), 'id one');
    expect(found).toEqual(new Map([['copy-7', { kind: 'accepted', response: '250 ok 7' }], ['copy-59999', { kind: 'accepted', response: '250 ok 59999' }]]));
  });

  it('starts afresh on reset, and an open writer keeps appending after it', () => {
    const file = fresh();
    const w = journalWriter(file);
    w.began('old');
    resetJournal(file, 'id one');
    w.began('new');
    w.close();
    w.close(); // the pool may close it twice as connections leave
    expect(fs.readFileSync(file, 'utf8')).toBe('S id one\nB new\n');
  });
});
