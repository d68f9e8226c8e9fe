// npm run --silent classify -- PATH...   One JSON line per .eml file (folders walked).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { classify } from './classify';

function* emlFiles(path: string): Generator<string> {
  if (!statSync(path).isDirectory()) {
    yield path;
    return;
  }
  for (const name of readdirSync(path).sort()) {
    const full = join(path, name);
    if (statSync(full).isDirectory()) yield* emlFiles(full);
    else if (name.toLowerCase().endsWith('.eml')) yield full;
  }
}

const paths = process.argv.slice(2);
if (!paths.length) {
  process.stderr.write('usage: npm run --silent classify -- FILE_OR_FOLDER...\n');
  process.exit(2);
}
let failed = false;
for (const path of paths) {
  try {
    for (const file of emlFiles(path)) {
      const report = classify(readFileSync(file));
      process.stdout.write(JSON.stringify({ file, ...report }) + '\n');
    }
  } catch (err) {
    process.stderr.write(`${path}: ${(err as Error).message}\n`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
