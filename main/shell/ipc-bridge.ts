import type { LiveEvent, OutpostBridge } from '../api/contract';

/** The IPC channels between the window and the core: calls one way, live events the other. */
export const CALL_CHANNEL = 'outpost:call';
export const LIVE_CHANNEL = 'outpost:live';

/** The part of Electron's ipcRenderer the bridge uses (so it is testable without Electron). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: LiveEvent) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: LiveEvent) => void): unknown;
}

/** What preload exposes as `window.outpost`: the contract's calls and its live events, nothing of IPC itself. */
export function ipcBridge(ipc: IpcRendererLike): OutpostBridge {
  return {
    call: (name, input) => ipc.invoke(CALL_CHANNEL, name, input) as ReturnType<OutpostBridge['call']>,
    subscribe(listener) {
      // The page gets the event alone, never Electron's IpcRendererEvent (it holds the sender).
      const onEvent = (_event: unknown, payload: LiveEvent) => listener(payload);
      ipc.on(LIVE_CHANNEL, onEvent);
      return () => void ipc.removeListener(LIVE_CHANNEL, onEvent);
    },
  };
}
