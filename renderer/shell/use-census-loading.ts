import { useEffect, useRef, useState } from 'react';
import type { EditorSession } from '../editor/editor-session';
import type { SessionState } from '../editor/editor-session';
import type { ProjectSession } from './use-project-session';
import { FIRST_CHECK_WAIT_MS } from './use-validation-wiring';

/** The project whose census is being read, as the window shows it meanwhile. */
export interface CensusLoading {
  /** The state of the session that holds the areas without the census, or null when none is loading. */
  readonly state: SessionState | null;
  /**
   * The project whose census read started without the map having drawn it (the wait ran out): its whole
   * check need not wait for a drawing either.
   */
  readonly waitedOutProjectId: string | null;
}

/**
 * Reads the census points of the project just opened once the map has drawn its areas (`drawnProjectId`),
 * or after {@link FIRST_CHECK_WAIT_MS} when it does not draw (a window in the background, no WebGL).
 * A million points took most of the opening's read and the window's thread: the map now draws the
 * project and answers clicks first (bench/app-open-bench.ts), and the counts follow.
 */
export function useCensusLoading(project: ProjectSession, drawnProjectId: string | null): CensusLoading {
  const state = project.state?.censusLoading ? project.state : null;
  const projectId = state?.projectId ?? null;
  const drawn = projectId !== null && drawnProjectId === projectId;
  const [waitedOutProjectId, setWaitedOut] = useState<string | null>(null);
  const { loadCensus, session } = project;
  // The session whose census read was started: once each (a failure is reported once).
  const started = useRef<EditorSession | null>(null);
  useEffect(() => {
    if (projectId === null || !session || started.current === session) return undefined;
    const start = (): void => {
      started.current = session;
      loadCensus(session);
    };
    if (drawn) {
      start();
      return undefined;
    }
    const timer = setTimeout(() => {
      setWaitedOut(projectId);
      start();
    }, FIRST_CHECK_WAIT_MS);
    return () => clearTimeout(timer);
    // `session`: a new opening of the same project waits again.
  }, [session, projectId, drawn, loadCensus]);
  return { state, waitedOutProjectId };
}
