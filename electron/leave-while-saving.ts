import type { BrowserWindow } from 'electron';
import { dialog } from 'electron';
import { text } from '../shared/model';
import { localize } from './shell-language';

/** The words of the question, in both languages (the status bar's 正在保存… / 已保存). */
export const LEAVE_WHILE_SAVING_TEXT = {
  message: text('刚才的修改正在保存', 'The last edit is still being saved'),
  detail: text(
    '现在关闭窗口，这次修改可能丢失。请等状态栏显示“已保存”后再关闭。',
    'If the window closes now, that edit may be lost. Wait until the status bar says “Saved”.',
  ),
  stay: text('不关闭', 'Keep the window'),
  leave: text('仍然关闭', 'Close anyway'),
} as const;

/**
 * While an edit is being saved the app refuses to unload (renderer/shell/use-leave-guard.ts). A browser
 * then asks the planner itself; Electron asks nobody and simply keeps the window, so this asks: keep the
 * window (the default), or close it anyway.
 */
export function askBeforeClosingWhileSaving(window: BrowserWindow): void {
  window.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(window, {
      type: 'warning',
      buttons: [localize(LEAVE_WHILE_SAVING_TEXT.stay), localize(LEAVE_WHILE_SAVING_TEXT.leave)],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
      message: localize(LEAVE_WHILE_SAVING_TEXT.message),
      detail: localize(LEAVE_WHILE_SAVING_TEXT.detail),
    });
    // Preventing the default of will-prevent-unload lets the page unload after all.
    if (choice === 1) event.preventDefault();
  });
}
