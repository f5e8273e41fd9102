import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { GridPlanBridge, MenuCommand } from '../../shared/ipc';
import { BRIDGE_MEMBERS, IPC_CHANNELS, IPC_EVENTS } from '../../shared/ipc';
import { fakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectronModule());

const { contextBridge, ipcRenderer } = fakeElectron().module;
let bridge: GridPlanBridge;

beforeAll(async () => {
  await import('../../electron/preload');
  expect(contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [name, exposed] = contextBridge.exposeInMainWorld.mock.calls[0] as [string, GridPlanBridge];
  expect(name).toBe('gridplan');
  bridge = exposed;
});

describe('the preload', () => {
  it('exposes exactly the contract as window.gridplan: functions only, no Electron objects', () => {
    expect(Object.keys(bridge).sort()).toEqual([...BRIDGE_MEMBERS].sort());
    for (const member of Object.values(bridge)) expect(typeof member).toBe('function');
    expect(Object.values(bridge)).not.toContain(ipcRenderer);
  });

  it('maps each operation to its channel and passes the payload through', async () => {
    const request = { suggestedName: 'a.geojson', text: '{}', kind: 'geojson' as const };
    await bridge.openProjectFile();
    await bridge.saveProjectFile(request);
    await bridge.getAppInfo();
    await bridge.setMenuLanguage('en');
    expect(ipcRenderer.invoke.mock.calls).toEqual([
      [IPC_CHANNELS.openProjectFile],
      [IPC_CHANNELS.saveProjectFile, request],
      [IPC_CHANNELS.getAppInfo],
      [IPC_CHANNELS.setMenuLanguage, 'en'],
    ]);
  });

  it('returns what the main process answers', async () => {
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: { fileName: 'a.geojson', text: '{}' } });
    expect(await bridge.openProjectFile()).toEqual({
      ok: true,
      value: { fileName: 'a.geojson', text: '{}' },
    });
  });

  it('forwards known menu commands without the IPC event, ignores unknown ones, and unsubscribes', () => {
    const received: MenuCommand[] = [];
    const listener = vi.fn((command: MenuCommand) => received.push(command));
    const stop = bridge.onMenuCommand(listener);
    const event = { sender: ipcRenderer, ports: [] };
    ipcRenderer.emit(IPC_EVENTS.menuCommand, event, 'import');
    ipcRenderer.emit(IPC_EVENTS.menuCommand, event, 'format-disk');
    ipcRenderer.emit(IPC_EVENTS.menuCommand, event, { command: 'export-geojson' });
    ipcRenderer.emit(IPC_EVENTS.menuCommand, event, 'export-geojson');
    expect(received).toEqual(['import', 'export-geojson']);
    expect(listener.mock.calls.every((call) => call.length === 1)).toBe(true);
    stop();
    expect(ipcRenderer.listenerCount(IPC_EVENTS.menuCommand)).toBe(0);
    ipcRenderer.emit(IPC_EVENTS.menuCommand, event, 'import');
    expect(received).toHaveLength(2);
  });
});
