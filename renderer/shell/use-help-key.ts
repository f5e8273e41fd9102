import { useEffect } from 'react';
import { keyBelongsElsewhere } from './window-key-target';

/** `?` or F1 opens the 快捷键 dialog; never while typing in a field. */
export function useHelpKey(open: () => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (keyBelongsElsewhere(event)) return;
      if (event.key !== 'F1' && event.key !== '?') return;
      // F1 would otherwise open the browser's help in a plain browser.
      event.preventDefault();
      open();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
}
