/** Past this much text without a frame's end the stream is not ours: drop it rather than grow. */
const MAX_PENDING = 1024 * 1024;

/**
 * Splits a server-sent event stream, chunk by chunk, into the `data` of each event; comment
 * lines (the host's keep-alives) and other fields are skipped.
 */
export function sseFrames(onData: (data: string) => void): (chunk: string) => void {
  let pending = '';
  return (chunk) => {
    pending += chunk.replace(/\r\n?/g, '\n');
    let end: number;
    while ((end = pending.indexOf('\n\n')) >= 0) {
      const data = pending.slice(0, end).split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(l.startsWith('data: ') ? 6 : 5));
      pending = pending.slice(end + 2);
      if (data.length > 0) onData(data.join('\n'));
    }
    if (pending.length > MAX_PENDING) pending = '';
  };
}
