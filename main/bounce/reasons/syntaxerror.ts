import type { ReasonRule } from './rule';

// The SMTP conversation itself went wrong (command syntax or order).
export const syntaxerror: ReasonRule = {
  reason: 'syntaxerror',
  phrases: [
    'syntax error', 'command unrecognized', 'bad sequence of commands', 'command not recognized',
    'unrecognized command', 'improper sequence of commands', 'bad sequence',
  ],
};
