import { describe, expect, it } from 'vitest';
import { returnDateOf } from './return-date';

describe('returnDateOf', () => {
  it.each([
    ['I am out of the office and will be back on Monday, 14 December 2026.', '14 December 2026'],
    ['Away until 2026-12-20 with limited access to email.', '2026-12-20'],
    ['I will return on December 14th, 2026.', 'December 14th, 2026'],
    ['Ich bin bis zum 14.12.2026 nicht im Büro.', '14.12.2026'],
    ["Je suis absente jusqu'au 3 janvier.", '3 janvier'],
    ['Estaré fuera hasta el 7 de enero.', '7 de enero'],
    ['Thank you for your email. I will reply soon.', null],
  ])('%s', (text, date) => expect(returnDateOf(text)).toBe(date));

  it('stays fast on a long hostile line', () => {
    const t = Date.now();
    expect(returnDateOf(`back ${'1.'.repeat(100_000)}`)).toBeNull();
    expect(Date.now() - t).toBeLessThan(1000);
  });
});
