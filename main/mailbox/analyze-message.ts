// One fetched message, read: the classifier's verdict and the identity it is deduplicated by.
// Pure and synchronous; bounded by the classifier's own limits and MAX_REPORT_BYTES.
import { createHash } from 'node:crypto';
import { classify } from '../bounce/classify';
import type { BounceReport } from '../bounce/types';

/** Larger messages are stored (their first bytes) with an error, never parsed. */
export const MAX_REPORT_BYTES = 8 * 1024 * 1024;
const KEPT_OF_HUGE = 64 * 1024;

export interface FetchedMessage {
  uid: number;
  /** The whole message; for one over MAX_REPORT_BYTES, only its first bytes. */
  raw: Buffer;
  size: number;
  receivedAt: number;
}

export interface AnalyzedMessage {
  uid: number;
  receivedAt: number;
  size: number;
  /** What is stored: the raw message, or the first 64 KB of one too large to read. */
  raw: Buffer;
  /** sha256 of the Message-ID and the body: the same report again (another folder, a new UIDVALIDITY) is known. */
  hash: string;
  report: BounceReport;
  /** Why it is stored but not applied (too large, unreadable); null when read. */
  error: string | null;
}

/** The body starts after the first empty line; headers a server adds on the way do not change the hash. */
function bodyOf(raw: Buffer): Buffer {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  const end = crlf >= 0 && (lf < 0 || crlf < lf) ? crlf + 4 : lf >= 0 ? lf + 2 : raw.length;
  return raw.subarray(end);
}

export function analyzeMessage(m: FetchedMessage): AnalyzedMessage {
  if (m.size > MAX_REPORT_BYTES) {
    const raw = m.raw.subarray(0, KEPT_OF_HUGE);
    const report = classify(raw);
    const error = `too large to read (${(m.size / 1048576).toFixed(1)} MB; reports are read up to ${MAX_REPORT_BYTES / 1048576} MB): kept its first 64 KB, applied nothing`;
    return { uid: m.uid, receivedAt: m.receivedAt, size: m.size, raw, hash: hashOf(report.headers.messageId, m.raw, m.size), report, error };
  }
  const report = classify(m.raw);
  const error = report.why ? `could not be read: ${report.why}` : null;
  return { uid: m.uid, receivedAt: m.receivedAt, size: m.size, raw: m.raw, hash: hashOf(report.headers.messageId, m.raw, m.size), report, error };
}

function hashOf(messageId: string, raw: Buffer, size: number): string {
  return createHash('sha256').update(messageId).update('\n').update(String(size > MAX_REPORT_BYTES ? size : '')).update(bodyOf(raw)).digest('hex');
}

/** A report: stored and marked processed on the server. */
export const isReport = (a: AnalyzedMessage) => a.report.kind !== 'not-report';

/**
 * Stored: every report (a huge one judged by its first 64 KB), and a message the classifier failed
 * on, so the fault is visible. Ordinary mail, however large, is neither stored nor touched.
 */
export const isKept = (a: AnalyzedMessage) => isReport(a) || (a.error !== null && a.size <= MAX_REPORT_BYTES);
