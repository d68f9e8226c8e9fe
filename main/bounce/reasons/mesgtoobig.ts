import type { ReasonRule } from './rule';

// The message is larger than the receiving system accepts (soft: send smaller).
export const mesgtoobig: ReasonRule = {
  reason: 'mesgtoobig',
  phrases: [
    'message too big', 'message too large', 'message is too large', 'message is too big', 'message size exceeds',
    'exceeds the maximum message size', 'maximum message size', 'size limit exceeded', 'message exceeds the fixed maximum',
    'mail size limit', 'message file too big', 'exceeded maximum size',
  ],
};
