import type { ReasonRule } from './rule';

// The server refused to relay for the sender.
export const norelaying: ReasonRule = {
  reason: 'norelaying',
  phrases: [
    'relay access denied', 'relaying denied', 'relay denied', 'relay not permitted', 'unable to relay',
    'not permitted to relay', 'relaying not allowed', 'we do not relay', 'relaying is prohibited', 'no relaying',
    'relay not allowed', 'relaying disallowed', 'open relay', 'cannot relay', 'relay prohibited',
  ],
  patterns: [/not (?:configured|permitted|allowed) to relay/],
};
