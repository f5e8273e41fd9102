// The sandboxed preload: bundled into one CommonJS file whose only require is 'electron' (a sandboxed
// preload cannot load anything else). It turns the typed contract into `window.gridplan` and hands the
// page nothing of Electron itself: no ipcRenderer, no event objects, no channels it could choose.
import type { IpcRendererEvent } from 'electron';
import { contextBridge, ipcRenderer } from 'electron';
import type {
  GridPlanBridge,
  IpcOperation,
  IpcReply,
  IpcRequests,
  IpcResponses,
  MenuCommand,
} from '../shared/ipc';
import { IPC_CHANNELS, IPC_EVENTS, validateMenuCommand } from '../shared/ipc';

function invoke<K extends IpcOperation>(
  operation: K,
  request?: IpcRequests[K],
): Promise<IpcReply<IpcResponses[K]>> {
  // Operations without a payload send no argument at all: the main process rejects extra arguments.
  const reply: unknown =
    request === undefined
      ? ipcRenderer.invoke(IPC_CHANNELS[operation])
      : ipcRenderer.invoke(IPC_CHANNELS[operation], request);
  // ipcRenderer.invoke is typed Promise<any>; the main process answers with the contract's reply type.
  return reply as Promise<IpcReply<IpcResponses[K]>>;
}

// Not exported: the bundle then needs no `module.exports`, only the `require` a sandboxed preload gets.
const gridPlanBridge: GridPlanBridge = {
  openProjectFile: () => invoke('openProjectFile'),
  saveProjectFile: (request) => invoke('saveProjectFile', request),
  getAppInfo: () => invoke('getAppInfo'),
  setMenuLanguage: (language) => invoke('setMenuLanguage', language),
  allowTileOrigin: (origin) => invoke('allowTileOrigin', origin),
  cityDatabaseStatus: () => invoke('cityDatabaseStatus'),
  setCityDatabase: (request) => invoke('setCityDatabase', request),
  fileToCity: (request) => invoke('fileToCity', request),
  pullFromCity: (township) => invoke('pullFromCity', township),
  onMenuCommand: (listener: (command: MenuCommand) => void) => {
    const forward = (_event: IpcRendererEvent, command: unknown): void => {
      const checked = validateMenuCommand(command);
      if (checked.valid) listener(checked.value);
    };
    ipcRenderer.on(IPC_EVENTS.menuCommand, forward);
    return () => {
      ipcRenderer.removeListener(IPC_EVENTS.menuCommand, forward);
    };
  },
};

contextBridge.exposeInMainWorld('gridplan', gridPlanBridge);
