import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveEvent } from '../api/contract';
import { liveBus } from '../live/live-bus';
import { CALL_CHANNEL, ipcBridge, type IpcRendererLike } from './ipc-bridge';
import { forwardLive, openInWindow, type LiveTarget } from './live-ipc';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** One window: its webContents (main side) and its ipcRenderer (preload side), joined like Electron joins them. */
function fakeWindow() {
  const renderer = new EventEmitter();
  const contents = new EventEmitter();
  let destroyed = false;
  const target: LiveTarget = {
    send: (channel, event) => void renderer.emit(channel, { sender: 'the IpcRendererEvent' }, structuredClone(event)),
    isDestroyed: () => destroyed,
    once: (name, listener) => contents.once(name, listener),
  };
  const ipc: IpcRendererLike = {
    invoke: vi.fn(async (...args: unknown[]) => ({ ok: true, value: args })),
    on: (channel, listener) => renderer.on(channel, listener),
    removeListener: (channel, listener) => renderer.removeListener(channel, listener),
  };
  return { target, ipc, renderer, destroy: () => ((destroyed = true), contents.emit('destroyed')) };
}

describe('live events over Electron IPC', () => {
  it('carry each event from the core to the page, only the event, until the page unsubscribes', () => {
    const bus = liveBus({ windowMs: 10 });
    const win = fakeWindow();
    forwardLive(bus.subscribe, win.target);
    const bridge = ipcBridge(win.ipc);
    const heard: unknown[] = [];
    const off = bridge.subscribe((e) => heard.push(e));
    bus.publish({ views: ['outbox'], emailIds: [7] });
    vi.advanceTimersByTime(10);
    expect(heard).toEqual([{ views: ['outbox'], emailIds: [7] } satisfies LiveEvent]);
    off();
    expect(win.renderer.listenerCount('outpost:live')).toBe(0);
    bus.publish({ views: ['outbox'], emailIds: [8] });
    vi.advanceTimersByTime(10);
    expect(heard).toHaveLength(1);
  });

  it('stop sending to a window once it is destroyed', () => {
    const bus = liveBus({ windowMs: 10 });
    const win = fakeWindow();
    const send = vi.spyOn(win.target, 'send');
    forwardLive(bus.subscribe, win.target);
    win.destroy();
    bus.publish({ views: ['failed'] });
    vi.advanceTimersByTime(10);
    expect(send).not.toHaveBeenCalled();
  });

  it("a clicked native notification reaches the page as 'open', only the message, until the page unsubscribes", () => {
    const win = fakeWindow();
    const heard: unknown[] = [];
    const off = ipcBridge(win.ipc).subscribeNotifications((m) => heard.push(m));
    const notification = { id: 'open:7', title: 'Ana opened “Proofs”', body: 'opened 12 minutes after sending', opens: { emailId: 7 } };
    openInWindow(win.target, notification);
    expect(heard).toEqual([{ action: 'open', notification }]);
    off();
    expect(win.renderer.listenerCount('outpost:notify')).toBe(0);
    const send = vi.spyOn(win.target, 'send');
    win.destroy();
    openInWindow(win.target, notification);
    expect(send).not.toHaveBeenCalled();
  });

  it('call goes over the call channel with the name and input', async () => {
    const win = fakeWindow();
    await ipcBridge(win.ipc).call('app.info', {});
    expect(win.ipc.invoke).toHaveBeenCalledWith(CALL_CHANNEL, 'app.info', {});
  });
});
