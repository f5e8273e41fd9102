/** What windows tell each other about a project: it was saved at this revision. */
export interface ProjectSaved {
  readonly projectId: string;
  readonly revision: number;
  /** The project's meta changed (its rule set), which moves no edit revision: read it again anyway. */
  readonly metaChanged?: boolean;
}

const CHANNEL = 'gridplan-projects';

function isProjectSaved(value: unknown): value is ProjectSaved {
  const message = value as Partial<ProjectSaved> | null;
  return (
    typeof message === 'object' &&
    message !== null &&
    typeof message.projectId === 'string' &&
    typeof message.revision === 'number' &&
    (message.metaChanged === undefined || typeof message.metaChanged === 'boolean')
  );
}

/**
 * Tells the other windows (BroadcastChannel, same origin) that a project was saved, so that a read-only
 * window shows the editor's edits at once. A no-op where BroadcastChannel does not exist.
 */
export function announceSaved(saved: ProjectSaved): void {
  if (typeof BroadcastChannel !== 'function') return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage(saved);
  channel.close();
}

/** Calls `listener` for every save announced by another window; returns the unsubscribe function. */
export function onSavedElsewhere(listener: (saved: ProjectSaved) => void): () => void {
  if (typeof BroadcastChannel !== 'function') return () => undefined;
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (event: MessageEvent) => {
    if (isProjectSaved(event.data)) listener(event.data);
  };
  return () => channel.close();
}
