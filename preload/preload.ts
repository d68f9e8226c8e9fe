// Exposes the app API to the sandboxed renderer as `window.outpost`, and nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import type { OutpostBridge } from '../main/api/contract';

const bridge: OutpostBridge = {
  call: (name, input) => ipcRenderer.invoke('outpost:call', name, input),
};

contextBridge.exposeInMainWorld('outpost', bridge);
