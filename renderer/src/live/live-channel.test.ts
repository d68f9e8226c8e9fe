import { describe, expect, it, vi } from 'vitest';
import type { LiveEvent, NotificationMessage } from '../../../main/api/contract';
import { EVERYTHING, liveChannel } from './live-channel';
import { sseFrames } from './sse-frames';

/** A response whose body the test writes to, as the host would. */
function stream() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  const bytes = new TextEncoder();
  return {
    response: new Response(body, { headers: { 'content-type': 'text/event-stream' } }),
    write: (text: string) => controller.enqueue(bytes.encode(text)),
    end: () => controller.close(),
  };
}
const settle = () => new Promise((r) => setTimeout(r, 10));

describe('sseFrames', () => {
  it('gives each event’s data once its frame is complete, across chunks, skipping comments', () => {
    const got: string[] = [];
    const feed = sseFrames((d) => got.push(d));
    feed(': live\n\ndata: {"a"');
    expect(got).toEqual([]);
    feed(':1}\r\n\r\n: keep-alive\n\ndata:x\ndata: y\n\nevent: notification\ndata: {}\n\n');
    expect(got).toEqual(['{"a":1}', 'x\ny', '{}']);
  });

  it('names each event: unnamed ones are messages', () => {
    const got: [string, string][] = [];
    const feed = sseFrames((d, e) => got.push([e, d]));
    feed('data: 1\n\nevent: notification\ndata: 2\n\nevent:other\ndata:3\n\n');
    expect(got).toEqual([['message', '1'], ['notification', '2'], ['other', '3']]);
  });
});

describe('liveChannel', () => {
  it('opens one stream for all listeners, hands them each event, and drops those that leave', async () => {
    const s = stream();
    const connect = vi.fn(async () => s.response);
    const channel = liveChannel(connect, () => new Promise(() => {}));
    const a: LiveEvent[] = [];
    const b: LiveEvent[] = [];
    channel.subscribe((e) => a.push(e));
    const offB = channel.subscribe((e) => b.push(e));
    s.write(': live\n\ndata: {"views":["outbox"],"emailIds":[3]}\n\n');
    await settle();
    offB();
    s.write('data: not json\n\ndata: {"views":["failed"],"emailIds":[]}\n\n');
    await settle();
    expect(connect).toHaveBeenCalledTimes(1);
    expect(a).toEqual([{ views: ['outbox'], emailIds: [3] }, { views: ['failed'], emailIds: [] }]);
    expect(b).toEqual([{ views: ['outbox'], emailIds: [3] }]);
  });

  it('hands notification events to notification listeners only, and live events to live listeners only', async () => {
    const s = stream();
    const channel = liveChannel(async () => s.response, () => new Promise(() => {}));
    const live: LiveEvent[] = [];
    const notes: NotificationMessage[] = [];
    channel.subscribe((e) => live.push(e));
    const off = channel.subscribeNotifications((m) => notes.push(m));
    const message: NotificationMessage = { action: 'show', notification: { id: 'open:1', title: 'Ana opened “Proofs”', body: 'opened 3 minutes after sending', opens: { emailId: 1 } } };
    s.write(`event: notification\ndata: ${JSON.stringify(message)}\n\ndata: {"views":["outbox"],"emailIds":[1]}\n\n`);
    await settle();
    off();
    s.write(`event: notification\ndata: ${JSON.stringify(message)}\n\n`);
    await settle();
    expect(notes).toEqual([message]);
    expect(live).toEqual([{ views: ['outbox'], emailIds: [1] }]);
  });

  it('after a drop or a refusal (an error, or not an event stream), connects again after a pause and has everything read again', async () => {
    const first = stream();
    const third = stream();
    const page = () => new Response('<!doctype html>', { headers: { 'content-type': 'text/html' } });
    const answers = [async () => first.response, async () => new Response('{}', { status: 503 }), async () => page(), async () => third.response];
    const waits: number[] = [];
    const channel = liveChannel(() => answers.shift()!(), async (ms) => void waits.push(ms));
    const heard: LiveEvent[] = [];
    channel.subscribe((e) => heard.push(e));
    await settle();
    expect(heard).toEqual([]);
    first.end();
    await settle();
    expect(waits).toEqual([1000, 2000, 4000]); // longer after each failure in a row
    expect(heard).toEqual([EVERYTHING]);
  });
});
