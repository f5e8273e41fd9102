import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { ApplicationMenuOptions } from '../../electron/application-menu';
import { applicationMenuTemplate, installApplicationMenu, MENU_TEXT } from '../../electron/application-menu';
import type { MenuCommand } from '../../shared/ipc';
import { fakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectronModule());

function template(overrides: Partial<ApplicationMenuOptions> = {}): MenuItemConstructorOptions[] {
  return applicationMenuTemplate({
    language: 'zh',
    isPackaged: true,
    platform: 'win32',
    sendCommand: vi.fn(),
    ...overrides,
  });
}

function submenu(item: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] {
  return Array.isArray(item?.submenu) ? item.submenu : [];
}

describe('the application menu', () => {
  it('is Chinese by default and English on request', () => {
    const chinese = template();
    expect(chinese.map((item) => item.label)).toEqual(['文件(&F)']);
    expect(submenu(chinese[0]).map((item) => item.label ?? item.type)).toEqual([
      '导入…',
      '导出 GeoJSON…',
      'separator',
      '退出',
    ]);
    const english = template({ language: 'en' });
    expect(submenu(english[0]).map((item) => item.label ?? item.type)).toEqual([
      'Import…',
      'Export GeoJSON…',
      'separator',
      'Quit',
    ]);
  });

  it('has every label in both languages', () => {
    for (const [key, message] of Object.entries(MENU_TEXT)) {
      expect(message.zh, key).toMatch(/[\u4e00-\u9fff]/);
      expect(message.en, key).toMatch(/^[\x20-\x7e…]+$/);
    }
  });

  it('hands Import and Export to the renderer with their shortcuts', () => {
    const sent: MenuCommand[] = [];
    const [importItem, exportItem] = submenu(template({ sendCommand: (command) => sent.push(command) })[0]);
    expect(importItem?.accelerator).toBe('CmdOrCtrl+O');
    expect(exportItem?.accelerator).toBe('CmdOrCtrl+S');
    const click = (item: MenuItemConstructorOptions | undefined): void =>
      (item?.click as (() => void) | undefined)?.();
    click(importItem);
    click(exportItem);
    expect(sent).toEqual(['import', 'export-geojson']);
  });

  it('offers reload and developer tools only in unpackaged builds', () => {
    const roles = (items: MenuItemConstructorOptions[]): string[] =>
      items.flatMap((item) => [item.role ?? '', ...roles(submenu(item))]).filter(Boolean);
    expect(roles(template({ isPackaged: true }))).not.toContain('toggleDevTools');
    expect(roles(template({ isPackaged: true }))).not.toContain('reload');
    const development = template({ isPackaged: false });
    expect(development.map((item) => item.label)).toEqual(['文件(&F)', '视图(&V)']);
    expect(roles(development)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools', 'quit']));
  });

  it('adds the app menu and copy/paste on macOS, without undo (the editor owns Cmd+Z)', () => {
    const mac = template({ platform: 'darwin' });
    expect(mac[0]?.role).toBe('appMenu');
    const edit = mac.find((item) => item.label === MENU_TEXT.edit.zh);
    expect(submenu(edit).map((item) => item.role)).toEqual(['cut', 'copy', 'paste', 'selectAll']);
  });

  it('is installed as the application menu', () => {
    const { Menu } = fakeElectron().module;
    installApplicationMenu({ language: 'zh', isPackaged: true, platform: 'linux', sendCommand: vi.fn() });
    expect(Menu.buildFromTemplate).toHaveBeenCalledTimes(1);
    expect(Menu.setApplicationMenu).toHaveBeenCalledWith(Menu.buildFromTemplate.mock.results[0]?.value);
  });
});
