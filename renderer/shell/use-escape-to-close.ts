import { useEffect, useRef } from 'react';

/**
 * Esc closes a dialog or panel wherever the focus is (it may still be on the toolbar button that opened
 * it, or on the map), as 快捷键 and 底图 did and 项目, 导入…, 导出数据… and 公示/审核报告 did not. Only the
 * dialog opened last closes: a confirmation over the project list closes, the list stays. While
 * `enabled` is false (an import or a PDF under way) Esc does nothing, and does not reach the one below.
 */

interface OpenDialog {
  readonly close: () => void;
}

/** The dialogs open now, in the order they opened. */
const opened: OpenDialog[] = [];

function onKeyDown(event: KeyboardEvent): void {
  if (event.key === 'Escape') opened.at(-1)?.close();
}

export function useEscapeToClose(onClose: () => void, enabled = true): void {
  // The latest callback and flag, read when Esc comes: subscribed once, since the app's own keydown
  // listener re-renders the dialog mid-dispatch and a listener re-added then would miss that event.
  const latest = useRef({ onClose, enabled });
  useEffect(() => {
    latest.current = { onClose, enabled };
  });
  useEffect(() => {
    const dialog: OpenDialog = {
      close: () => {
        if (latest.current.enabled) latest.current.onClose();
      },
    };
    if (opened.length === 0) window.addEventListener('keydown', onKeyDown);
    opened.push(dialog);
    return () => {
      opened.splice(opened.indexOf(dialog), 1);
      if (opened.length === 0) window.removeEventListener('keydown', onKeyDown);
    };
  }, []);
}
