import { readdirSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

const readme = readFileSync('relay/README.md', 'utf8');

it('the README has the measured performance table, not a placeholder', () => {
  expect(readme).not.toMatch(/PLACEHOLDER/);
  expect(readme).toMatch(/\| pixel \(`\/o\/…`, HMAC \+ commit\) \| [\d,]+ \[/);
});

it('the README table names every source file of the relay', () => {
  const sources = readdirSync('relay').filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  for (const file of sources) expect(readme, file).toContain(`\`${file}\``);
});
