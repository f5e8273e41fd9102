import type { CensusPoint, Division } from '../model';

/**
 * The division to restore from a frozen version. A version is stored as exported GeoJSON, which never
 * holds residents' personal data; the personal data of census points that are still in the working copy
 * (same id) is carried over, so restoring an old boundary never silently drops what the planner keeps
 * locally. Everything else is the version's.
 */
export function restoreVersionDivision(version: Division, working: Division): Division {
  const census = new Map<string, CensusPoint>();
  for (const [id, point] of version.census) {
    const personal = working.census.get(id)?.personal;
    census.set(id, personal && !point.personal ? { ...point, personal } : point);
  }
  return { ...version, meta: working.meta, census };
}
