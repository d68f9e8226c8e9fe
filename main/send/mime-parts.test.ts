import { describe, expect, it } from 'vitest';
import { addressLine, headerLine } from './mime-parts';

describe('addressLine', () => {
  it('writes every address header exactly as nodemailer does, plain or not', () => {
    const people = [
      { name: 'Client 12', address: 'client12@outpost.test' }, { name: '', address: 'a.b-c+d_e@sub.example.co.uk' },
      { name: 'Ann O\'Neil', address: 'a@b.example' }, { name: 'Lee, Ann', address: 'a@b.example' }, { name: 'José', address: 'jose@bücher.example' },
      { name: 'A "q" B', address: 'a@b.example' }, { name: 'Dr. Who', address: 'x@y.example' }, { name: ' Lead', address: 'x@y.example' },
      { name: 'Trail ', address: 'x@y.example' }, { name: 'Two  Spaces', address: 'x@y.example' }, { name: 'Zoë', address: 'zoe@example.com' },
      { name: 'Plain', address: 'no-dot@localhost' }, { name: 'Plain', address: 'UPPER@EXAMPLE.COM' }, { name: 'x'.repeat(90), address: 'long@example.com' },
      { name: 'Group', address: 'weird"quote@example.com' }, { name: 'Tab\tName', address: 't@example.com' },
    ];
    for (const p of people) expect(addressLine('To', [p])).toBe(headerLine('To', [p]));
    // Lists, long enough to fold.
    const many = Array.from({ length: 12 }, (_, i) => ({ name: `Client ${i}`, address: `client${i}@outpost.test` }));
    expect(addressLine('Cc', many)).toBe(headerLine('Cc', many));
    expect(addressLine('To', [...many.slice(0, 3), people[4]!])).toBe(headerLine('To', [...many.slice(0, 3), people[4]!]));
  });
});
