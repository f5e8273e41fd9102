import { useCallback, useSyncExternalStore } from 'react';
import type { EditorSession, SessionState } from '../editor/editor-session';

/** The state of whichever session the window shows (working copy, a version, a package). */
export function useShownSession(session: EditorSession | null): SessionState | null {
  const subscribe = useCallback(
    (listener: () => void) => session?.subscribe(listener) ?? (() => undefined),
    [session],
  );
  return useSyncExternalStore(subscribe, () => session?.getState() ?? null);
}
