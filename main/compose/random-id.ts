// Random ids (Message-IDs, copy ids) drawn from a pooled buffer: a mail merge makes two per
// recipient, and one system call per id cost more than the rest of queueing the recipient.
import crypto from 'node:crypto';

const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let at = 0;

/** `bytes` fresh random bytes as base64url; no byte of the pool is handed out twice. */
export function randomId(bytes: number): string {
  if (at + bytes > pool.length) {
    pool = crypto.randomBytes(POOL_BYTES);
    at = 0;
  }
  at += bytes;
  return pool.toString('base64url', at - bytes, at);
}
