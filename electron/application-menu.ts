import type { MenuItemConstructorOptions } from 'electron';
import { Menu } from 'electron';
import type { MenuCommand } from '../shared/ipc';
import type { Language } from '../shared/model';
import { text } from '../shared/model';
import { localize } from './shell-language';

/** The words of the menu, in both languages. */
export const MENU_TEXT = {
  file: text('文件(&F)', '&File'),
  // The same words as the toolbar: 导入… opens its import dialog (a division file becomes a new project,
  // a layer goes into the open one), 导出 writes the open project as GeoJSON. Projects save themselves.
  importFile: text('导入…', 'Import…'),
  exportGeoJson: text('导出 GeoJSON…', 'Export GeoJSON…'),
  quit: text('退出', 'Quit'),
  view: text('视图(&V)', '&View'),
  reload: text('重新加载', 'Reload'),
  devTools: text('开发者工具', 'Developer Tools'),
  edit: text('编辑', 'Edit'),
  cut: text('剪切', 'Cut'),
  copy: text('复制', 'Copy'),
  paste: text('粘贴', 'Paste'),
  selectAll: text('全选', 'Select All'),
} as const;

/** What the menu needs from the rest of the shell. */
export interface ApplicationMenuOptions {
  readonly language: Language;
  /** Reload and developer tools only in unpackaged builds: a planner never needs them. */
  readonly isPackaged: boolean;
  /** `process.platform`: macOS needs its app menu and an Edit menu for copy and paste to work in fields. */
  readonly platform: string;
  /** Hands a command to the renderer, which holds the project. */
  readonly sendCommand: (command: MenuCommand) => void;
}

/**
 * The menu template: File (import, export GeoJSON, quit) and, while developing, View (reload, developer tools); on
 * macOS also the app menu and Edit.
 */
export function applicationMenuTemplate(options: ApplicationMenuOptions): MenuItemConstructorOptions[] {
  const label = (message: { zh: string; en: string }): string => localize(message, options.language);
  const template: MenuItemConstructorOptions[] = [];
  if (options.platform === 'darwin') template.push({ role: 'appMenu' });
  template.push({
    label: label(MENU_TEXT.file),
    submenu: [
      {
        label: label(MENU_TEXT.importFile),
        accelerator: 'CmdOrCtrl+O',
        click: () => options.sendCommand('import'),
      },
      {
        label: label(MENU_TEXT.exportGeoJson),
        accelerator: 'CmdOrCtrl+S',
        click: () => options.sendCommand('export-geojson'),
      },
      { type: 'separator' },
      { label: label(MENU_TEXT.quit), role: 'quit' },
    ],
  });
  if (options.platform === 'darwin') {
    // Without these roles in the menu, Cmd+C/Cmd+V do nothing in text fields on macOS. Undo and redo are
    // left out on purpose: Ctrl/Cmd+Z belongs to the editor's own history.
    template.push({
      label: label(MENU_TEXT.edit),
      submenu: [
        { label: label(MENU_TEXT.cut), role: 'cut' },
        { label: label(MENU_TEXT.copy), role: 'copy' },
        { label: label(MENU_TEXT.paste), role: 'paste' },
        { label: label(MENU_TEXT.selectAll), role: 'selectAll' },
      ],
    });
  }
  if (!options.isPackaged) {
    template.push({
      label: label(MENU_TEXT.view),
      submenu: [
        { label: label(MENU_TEXT.reload), role: 'reload' },
        { label: label(MENU_TEXT.devTools), role: 'toggleDevTools' },
      ],
    });
  }
  return template;
}

/** Builds the menu and makes it the application menu. */
export function installApplicationMenu(options: ApplicationMenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate(options)));
}
