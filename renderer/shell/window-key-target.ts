/** Elements a window-wide key never acts behind: a dialog, modal or not (the project list too). */
const DIALOG = '[role="dialog"], [role="alertdialog"]';

/**
 * True when a key pressed in the window belongs to something else than the window's shortcuts: a field
 * being typed in, or a dialog. While a modal dialog is open, the window behind it does not act, wherever
 * the focus is (its buttons, its backdrop, the page): Backspace on a confirm dialog's button must not
 * delete the selected grid behind it.
 */
export function keyBelongsElsewhere(event: KeyboardEvent): boolean {
  const target = event.target instanceof Element ? event.target : null;
  if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT'))
    return true;
  if (target?.closest(DIALOG)) return true;
  return document.querySelector('.modal-backdrop') !== null;
}
