/** Past this much text without a frame's end the stream is not ours: drop it rather than grow. */
const MAX_PENDING = 1024 * 1024;

/**
 * Splits a server-sent event stream, chunk by chunk, into the `data` of each event with its
 * `event` name ('message' when unnamed); comment lines (the host's keep-alives) and other fields
 * are skipped.
 */
export function sseFrames(onData: (data: string, event: string) => void): (chunk: string) => void {
  let pending = '';
  return (chunk) => {
    pending += chunk.replace(/\r\n?/g, '\n');
    let end: number;
    while ((end = pending.indexOf('\n\n')) >= 0) {
      const lines = pending.slice(0, end).split('\n');
      pending = pending.slice(end + 2);
      const field = (name: string) => lines.filter((l) => l.startsWith(`${name}:`)).map((l) => l.slice(l.startsWith(`${name}: `) ? name.length + 2 : name.length + 1));
      const data = field('data');
      if (data.length > 0) onData(data.join('\n'), field('event').at(-1) ?? 'message');
    }
    if (pending.length > MAX_PENDING) pending = '';
  };
}
