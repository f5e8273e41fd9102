import { describe, expect, it, vi } from 'vitest';
import { LEAVE_WHILE_SAVING_TEXT } from '../../electron/leave-while-saving';
import { setShellLanguage } from '../../electron/shell-language';
import { createMainWindow } from '../../electron/window';
import { fakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectronModule());

const fake = fakeElectron();
await fake.becomeReady();

/** Emits will-prevent-unload as Electron does and says whether the page may unload after all. */
function tryToClose(): boolean {
  createMainWindow({ preloadPath: '/app/preload.cjs', allowDevTools: false, title: 'GridPlan' });
  const window = fake.windows.at(-1)!;
  let unloads = false;
  window.webContents.emit('will-prevent-unload', { preventDefault: () => (unloads = true) });
  return unloads;
}

describe('closing a window while an edit is being saved', () => {
  it('asks, in the shell language, and keeps the window unless the planner says close anyway', () => {
    const ask = fake.module.dialog.showMessageBoxSync;
    ask.mockReturnValueOnce(0);
    expect(tryToClose()).toBe(false);
    const [, options] = ask.mock.calls.at(-1) as [unknown, Record<string, unknown>];
    expect(options).toMatchObject({
      message: LEAVE_WHILE_SAVING_TEXT.message.zh,
      buttons: [LEAVE_WHILE_SAVING_TEXT.stay.zh, LEAVE_WHILE_SAVING_TEXT.leave.zh],
      defaultId: 0,
      cancelId: 0,
    });

    setShellLanguage('en');
    ask.mockReturnValueOnce(1);
    expect(tryToClose()).toBe(true);
    const [, english] = ask.mock.calls.at(-1) as [unknown, Record<string, unknown>];
    expect(english.message).toBe('The last edit is still being saved');
    setShellLanguage('zh');
  });
});
