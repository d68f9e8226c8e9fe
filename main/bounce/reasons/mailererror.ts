import type { ReasonRule } from './rule';

// A local delivery program failed (transient).
export const mailererror: ReasonRule = {
  reason: 'mailererror',
  phrases: [
    'mailer error', 'command died with status', 'command output:', 'pipe to |', 'x-unix;', 'procmail',
    'unknown mailer error', 'local delivery failed', 'exited with status', 'program exited', 'child process',
    'delivery to a pipe', 'returned exit code', 'exit status',
  ],
};
