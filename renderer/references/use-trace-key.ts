import { useEffect } from 'react';
import { keyBelongsElsewhere } from '../shell/window-key-target';

/** Key T switches trace mode (追踪), as in QGIS; never while typing in a field or with a modifier. */
export function useTraceKey(trace: boolean, setTrace: (on: boolean) => void, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return undefined;
    const onKey = (event: KeyboardEvent): void => {
      if (keyBelongsElsewhere(event)) return;
      if (event.ctrlKey || event.metaKey || event.altKey || event.key.toLowerCase() !== 't') return;
      event.preventDefault();
      setTrace(!trace);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [trace, setTrace, enabled]);
}
