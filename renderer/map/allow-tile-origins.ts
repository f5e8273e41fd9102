import type { Result } from '../../shared/model';
import { ok } from '../../shared/model';

/**
 * Desktop only: asks the main process to allow each tile server (a native dialog per server there,
 * docs/adr/0007). Resolves the problems to show; after the last one is allowed the main process
 * reloads the window, so the caller saves the basemap setting first. In a browser there is no bridge:
 * the page cannot widen its own policy, and nothing is asked.
 */
export async function allowTileOrigins(origins: readonly string[]): Promise<Result<number>> {
  const bridge = window.gridplan;
  if (!bridge) return ok(0);
  let allowed = 0;
  for (const origin of origins) {
    const reply = await bridge.allowTileOrigin(origin);
    if (!reply.ok) return reply;
    if (reply.value !== null) allowed += 1;
  }
  return ok(allowed);
}

/** Whether this window can allow servers at run time (the desktop app). */
export function canAllowTileOrigins(): boolean {
  return !!window.gridplan;
}
