import type { ReasonRule } from './rule';

// The content is malformed in a way the receiver rejects (encoding, structure).
export const contenterror: ReasonRule = {
  reason: 'contenterror',
  phrases: [
    'content error', 'message content', 'header error', 'header too long', 'mime error', 'malformed',
    'invalid characters', 'illegal character', '8-bit', '8bit', 'line too long', 'message header size',
    'headers too large',
  ],
};
