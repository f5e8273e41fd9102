/** Longest wait for an idle moment before the work runs anyway (a busy window still gets it done). */
export const IDLE_TIMEOUT_MS = 2000;

/**
 * Runs `work` once the window is idle (after the frame being drawn, so not in the way of a project's first
 * paint), or after {@link IDLE_TIMEOUT_MS} at the latest; where there is no `requestIdleCallback` (tests in
 * Node, old engines) on the next turn. Returns a function that cancels it if it has not run.
 */
export function whenIdle(work: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(work, { timeout: IDLE_TIMEOUT_MS });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(work, 0);
  return () => clearTimeout(handle);
}
