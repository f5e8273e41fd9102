import { useEffect } from 'react';
import type { EditorSession } from '../editor/editor-session';

/**
 * While an edit of `session` is being saved, closing or reloading the window asks first (the browser's
 * own "leave this page?" question; in Electron, main's `will-prevent-unload` dialog): the edit would be
 * lost with the window. Nothing is asked once it is saved.
 */
export function useLeaveGuard(session: EditorSession | null): void {
  useEffect(() => {
    if (!session) return undefined;
    const guard = (event: BeforeUnloadEvent): void => {
      if (!session.getState().saving) return;
      event.preventDefault();
      // Older Chromium (and Electron's will-prevent-unload) also read returnValue.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', guard);
    return () => window.removeEventListener('beforeunload', guard);
  }, [session]);
}
