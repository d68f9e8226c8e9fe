import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { SETTINGS } from './config';

/** Runs `npm run relay` as a user would, without a secret in the environment. */
function relayCli(...args: string[]) {
  const env = { ...process.env };
  for (const [, envName] of SETTINGS) delete env[envName];
  return spawnSync(process.execPath, ['--import', 'tsx', 'relay/cli.ts', ...args], { encoding: 'utf8', env, timeout: 30_000 });
}

describe('relay command line', () => {
  it('--help prints the usage with every flag and its variable, and exits 0 without starting', () => {
    for (const flag of ['--help', '-h']) {
      const run = relayCli(flag);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('usage: npm run relay');
      for (const [name, envName] of SETTINGS) {
        expect(run.stdout).toContain(`--${name}`);
        expect(run.stdout).toContain(envName);
      }
      expect(run.stdout).not.toContain('listening');
    }
  });

  it('an unknown flag fails with its name and points to --help', () => {
    const run = relayCli('--colour');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('--colour');
    expect(run.stderr).toContain('--help');
  });
});
