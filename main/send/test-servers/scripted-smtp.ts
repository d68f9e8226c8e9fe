// A bare SMTP server on loopback for the failures a real one will not stage on cue: it hangs up
// where a test says. Everything else gets a plain 250 (354 after DATA).
import net from 'node:net';

export interface Session {
  /** 1 for the first connection. */
  index: number;
  /** Messages this connection has carried so far (complete ones, before this answer). */
  messages: number;
}

/**
 * A command line ('MAIL FROM:<a@b>', 'DATA', '.' for a message's end, 'CONNECT' for the
 * greeting) → a reply, 'hang up', 'silence' (no answer ever), or null for the default.
 */
export type Script = (command: string, session: Session) => string | 'hang up' | 'silence' | null;

export interface ScriptedSmtp {
  port: number;
  /** Connections so far. */
  sessions(): number;
  /** Complete messages so far (those that reached the final '.', answered or not). */
  messages(): number;
  close(): Promise<void>;
}

export async function startScriptedSmtp(script: Script = () => null): Promise<ScriptedSmtp> {
  let sessions = 0;
  let messages = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    const session: Session = { index: ++sessions, messages: 0 };
    let inData = false;
    let buffer = '';
    const reply = (command: string, fallback: string): boolean => {
      const answer = script(command, session) ?? fallback;
      if (answer === 'hang up') {
        socket.destroy();
        return false;
      }
      if (answer === 'silence') return false;
      socket.write(`${answer}\r\n`);
      return true;
    };
    if (!reply('CONNECT', '220 scripted.outpost.test ESMTP')) return;
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          buffer = buffer.slice(end + 5);
          inData = false;
          messages++;
          if (!reply('.', '250 ok')) return;
          session.messages++;
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') {
          if (!reply(line, '250-scripted.outpost.test\r\n250 8BITMIME')) return;
        } else if (verb === 'DATA') {
          if (!reply(line, '354 go ahead')) return;
          inData = true;
          buffer = `\r\n${buffer}`; // the end marker may follow at once: a message can be empty
        } else if (verb === 'QUIT') {
          reply(line, '221 bye');
          socket.end();
          return;
        } else if (!reply(line, '250 ok')) return;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    sessions: () => sessions,
    messages: () => messages,
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}
