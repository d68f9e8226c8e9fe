// Exposes the app API to the sandboxed renderer as `window.outpost`, and nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { ipcBridge } from '../main/shell/ipc-bridge';

contextBridge.exposeInMainWorld('outpost', ipcBridge(ipcRenderer));
