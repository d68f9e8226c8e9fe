// Running out of file descriptors (EMFILE, ENFILE) must not end the relay: Node reports a failed
// accept() as an 'error' on the server, which kills a process that does not listen for it, and
// libuv would otherwise keep accepting and dropping connections in a tight loop. Instead the
// listener is closed for a moment (connections already open keep being served and freeing
// descriptors) and reopened on the same port, waiting twice as long each time it fails again.
import type { Server } from 'node:net';

const FIRST_PAUSE_MS = 100;
const LONGEST_PAUSE_MS = 2_000;
/** At most one log line per this period while descriptors stay short. */
const LOG_EVERY_MS = 10_000;

export interface AcceptBackoff {
  /** True while the listener is closed, waiting to reopen. */
  paused: () => boolean;
  /** Cancels a pending reopen (before closing the server for good). */
  stop: () => void;
}

function isOutOfDescriptors(error: NodeJS.ErrnoException): boolean {
  return error.code === 'EMFILE' || error.code === 'ENFILE';
}

/** Installs the handler on a listening server; `fail` gets errors it cannot wait out. */
export function backOffWhenOutOfDescriptors(server: Server, port: number, host: string, fail: (error: Error) => void): AcceptBackoff {
  let pause = FIRST_PAUSE_MS;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let lastLog = 0;
  let dropped = 0;

  const reopen = () => {
    timer = undefined;
    if (stopped) return;
    server.listen(port, host);
  };

  server.on('connection', () => {
    pause = FIRST_PAUSE_MS;
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (!isOutOfDescriptors(error)) {
      // Another failed accept (a client that gave up) is harmless; a failed reopen is not.
      if (error.syscall === 'accept') return;
      fail(error);
      return;
    }
    dropped++;
    const now = Date.now();
    if (now - lastLog >= LOG_EVERY_MS) {
      console.error(`relay: out of file descriptors (${error.code}); not accepting for ${pause} ms (${dropped} refused so far); open connections are still served`);
      lastLog = now;
    }
    if (timer !== undefined || stopped) return;
    if (server.listening) server.close();
    timer = setTimeout(reopen, pause);
    pause = Math.min(pause * 2, LONGEST_PAUSE_MS);
  });

  return {
    paused: () => timer !== undefined,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
