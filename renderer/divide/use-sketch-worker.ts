import { useEffect, useState } from 'react';
import type { EditorSession } from '../editor/editor-session';
import { SketchWorkerClient } from './sketch-worker-client';

function openSketchWorker(): Worker | null {
  if (typeof Worker === 'undefined') return null;
  return new Worker(new URL('../workers/sketch-count-worker.ts', import.meta.url), { type: 'classic' });
}

/**
 * The window's sketch-count worker (counts before commit and 拆分's command), running while the window
 * is; where workers are unavailable the client answers nothing and the split runs on the main thread.
 */
export function useSketchWorker(session: EditorSession | null): SketchWorkerClient {
  const [client] = useState(() => new SketchWorkerClient(openSketchWorker));
  useEffect(() => {
    client.start();
    return () => client.stop();
  }, [client]);
  // Each edit goes to the worker as its Change, before React renders the new document.
  useEffect(
    () => session?.onApplied((change, after, before) => client.followChange(change, after, before)),
    [client, session],
  );
  return client;
}
