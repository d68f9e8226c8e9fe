// What the SMTP pool did with each copy, written the moment it happens: "began" just before a
// copy's message starts to flow to the server, then the server's answer. A copy claimed but never
// begun cannot have arrived, so after a crash it simply goes back to the queue; one whose answer
// is here is recorded as the server said; only "began" without an answer is truly uncertain.
//
// Lines are appended with a plain write: they survive the app crashing or being killed (the
// kernel has them), not the computer losing power. So the file starts with the boot it was
// written in, and a file from an earlier boot is not trusted (every copy it might speak for stays
// uncertain, as without a journal).
import fs from 'node:fs';
import os from 'node:os';

/** What the journal says about one copy. */
export type CopyEvidence =
  | { kind: 'began' }
  | { kind: 'accepted'; response: string }
  | { kind: 'refused'; responseCode: number; response: string };

export interface JournalWriter {
  began(key: string): void;
  accepted(key: string, response: string): void;
  refused(key: string, responseCode: number, response: string): void;
  close(): void;
}

/** Why a journal cannot speak for the copies left in flight. */
export type Untrusted = 'missing' | 'restarted';

const CHUNK = 1024 * 1024;
const MAX_LINE = 4096;
// A server's reply on one line and bounded: it is our file, but it will be read after a crash.
const oneLine = (text: string) => text.replace(/[\r\n]+/g, ' ').slice(0, 1000);

/** This boot of the computer: Linux names it; elsewhere the time it booted, to the second. */
export function bootId(): string {
  try {
    return `id ${fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()}`;
  } catch {
    return `at ${Math.round(Date.now() / 1000 - os.uptime())}`;
  }
}

function sameBoot(written: string, now: string): boolean {
  if (written.startsWith('at ') && now.startsWith('at ')) {
    // The boot time is derived from the clock, which may be set a little since.
    return Math.abs(Number(written.slice(3)) - Number(now.slice(3))) <= 5;
  }
  return written === now;
}

/** Opened by whichever thread runs the pool; appends are atomic lines (O_APPEND). */
export function journalWriter(path: string): JournalWriter {
  let fd: number | null = fs.openSync(path, 'a', 0o600);
  const write = (line: string) => {
    if (fd !== null) fs.writeSync(fd, `${line}\n`);
  };
  return {
    began: (key) => write(`B ${key}`),
    accepted: (key, response) => write(`A ${key} ${oneLine(response)}`),
    refused: (key, code, response) => write(`R ${key} ${code} ${oneLine(response)}`),
    close() {
      if (fd !== null) fs.closeSync(fd);
      fd = null;
    },
  };
}

/** Starts the journal afresh for this boot. Only when nothing is in the pool: its lines are settled. */
export function resetJournal(path: string, boot = bootId()): void {
  fs.writeFileSync(path, `S ${boot}\n`, { mode: 0o600 });
}

/**
 * The evidence for the copies of these keys (others' lines are skipped as they are read, so a
 * long journal costs time, never memory), or why there is none to trust.
 */
export function readJournal(path: string, keys: ReadonlySet<string>, boot = bootId()): Map<string, CopyEvidence> | Untrusted {
  let fd: number;
  try {
    fd = fs.openSync(path, 'r');
  } catch {
    return 'missing';
  }
  const found = new Map<string, CopyEvidence>();
  try {
    const buffer = Buffer.alloc(CHUNK);
    let rest = '';
    let first = true;
    for (let n = fs.readSync(fd, buffer); n > 0; n = fs.readSync(fd, buffer)) {
      const lines = (rest + buffer.toString('latin1', 0, n)).split('\n');
      rest = lines.pop()!.slice(0, MAX_LINE);
      for (const line of lines) {
        if (first) {
          first = false;
          if (!line.startsWith('S ')) return 'missing';
          if (!sameBoot(line.slice(2), boot)) return 'restarted';
          continue;
        }
        const entry = parseLine(line, keys);
        if (entry) found.set(entry[0], entry[1]);
      }
    }
    // No header at all: a file this app did not start.
    if (first) return 'missing';
    // A last line without its newline was being written when the app stopped: not evidence.
    return found;
  } finally {
    fs.closeSync(fd);
  }
}

function parseLine(line: string, keys: ReadonlySet<string>): [string, CopyEvidence] | null {
  if (line.length > MAX_LINE) return null;
  const kind = line[0];
  const keyEnd = line.indexOf(' ', 2);
  const key = line.slice(2, keyEnd < 0 ? undefined : keyEnd);
  if (!keys.has(key)) return null;
  const rest = keyEnd < 0 ? '' : line.slice(keyEnd + 1);
  if (kind === 'B') return [key, { kind: 'began' }];
  if (kind === 'A') return [key, { kind: 'accepted', response: Buffer.from(rest, 'latin1').toString('utf8') }];
  if (kind === 'R') {
    const space = rest.indexOf(' ');
    const code = Number(rest.slice(0, space));
    if (!Number.isInteger(code)) return null;
    return [key, { kind: 'refused', responseCode: code, response: Buffer.from(rest.slice(space + 1), 'latin1').toString('utf8') }];
  }
  return null;
}
