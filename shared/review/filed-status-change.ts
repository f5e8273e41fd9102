import type { Change, Division, Grid } from '../model';
import { change } from '../model';
import { diffDivisions } from '../diff';

/**
 * The one undoable change that follows an approval (通过 → 已备案) in the planner's working copy: every
 * grid that is still as it was in the approved version (same code, no geometry or attribute change by
 * {@link diffDivisions}) gets status `filed`. Grids edited since the submission, or added, stay as they
 * are: what was filed is the approved version, not later work. Grids already `filed` are left alone, so
 * the change is empty when nothing is to do.
 */
export function filedStatusChange(working: Division, approved: Division, note: string): Change {
  const diff = diffDivisions(approved, working);
  const touched = new Set<string>();
  for (const entry of diff.changes) {
    if (entry.layer !== 'grid') continue;
    for (const code of entry.codes) touched.add(code);
    for (const code of entry.fromCodes) touched.add(code);
  }
  const approvedCodes = new Set([...approved.grid.values()].map((grid) => grid.code));
  const put: Grid[] = [];
  for (const grid of working.grid.values()) {
    if (!approvedCodes.has(grid.code) || touched.has(grid.code) || grid.status === 'filed') continue;
    put.push({ ...grid, status: 'filed' });
  }
  return change(note, put);
}
