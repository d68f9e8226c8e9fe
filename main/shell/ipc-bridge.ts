import type { LiveEvent, NotificationMessage, OutpostBridge } from '../api/contract';

/** The IPC channels between the window and the core: calls one way, live events and clicked notifications the other. */
export const CALL_CHANNEL = 'outpost:call';
export const LIVE_CHANNEL = 'outpost:live';
export const NOTIFY_CHANNEL = 'outpost:notify';

/** The part of Electron's ipcRenderer the bridge uses (so it is testable without Electron). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on<T>(channel: string, listener: (event: unknown, payload: T) => void): unknown;
  removeListener<T>(channel: string, listener: (event: unknown, payload: T) => void): unknown;
}

/** What preload exposes as `window.outpost`: the contract's calls, its live events and notifications, nothing of IPC itself. */
export function ipcBridge(ipc: IpcRendererLike): OutpostBridge {
  const listen = <T>(channel: string) => (listener: (payload: T) => void) => {
    // The page gets the payload alone, never Electron's IpcRendererEvent (it holds the sender).
    const onEvent = (_event: unknown, payload: T) => listener(payload);
    ipc.on(channel, onEvent);
    return () => void ipc.removeListener(channel, onEvent);
  };
  return {
    call: (name, input) => ipc.invoke(CALL_CHANNEL, name, input) as ReturnType<OutpostBridge['call']>,
    subscribe: listen<LiveEvent>(LIVE_CHANNEL),
    subscribeNotifications: listen<NotificationMessage>(NOTIFY_CHANNEL),
  };
}
