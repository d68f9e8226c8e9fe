import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe('keepRunningOnRejection', () => {
  it('logs an unhandled rejection and the process keeps running to its normal end', () => {
    // A child process: Node's default for an unhandled rejection is to end the process.
    const guard = path.join(__dirname, 'process-guard.ts');
    const script = `
      import { keepRunningOnRejection } from ${JSON.stringify(guard)};
      keepRunningOnRejection();
      Promise.reject(new Error('nobody handled me'));
      setTimeout(() => { console.log('still running'); }, 200);`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(run.stdout).toContain('still running');
    expect(run.stderr).toContain('nobody handled me');
    expect(run.status).toBe(0);
  });
});
