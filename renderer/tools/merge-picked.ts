import { mergeGridsCommand } from '../../shared/commands/merge-grids-command';
import { mergeMicrogridsCommand } from '../../shared/commands/merge-microgrids-command';
import type { Change, Division, Result } from '../../shared/model';

/** The picked grid or micro-grid with the lowest code: the default survivor of a merge. */
export function lowestCode(doc: Division, picked: readonly string[]): string | undefined {
  const codes = picked
    .map((id) => ({ id, code: (doc.grid.get(id) ?? doc.microgrid.get(id))?.code }))
    .filter((e): e is { id: string; code: string } => e.code !== undefined)
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return codes[0]?.id;
}

/**
 * 合并's command: the picked micro-grids of one grid, else the picked grids of one community, merged;
 * `keep` is the picked id whose code survives, null for a new code, undefined for the lowest code.
 */
export function mergePicked(
  doc: Division,
  picked: readonly string[],
  keep: string | null | undefined,
): Result<Change> {
  const survivor = keep === undefined ? lowestCode(doc, picked) : keep;
  const options = survivor === null || survivor === undefined ? {} : { keepCodeOf: survivor };
  return picked.every((id) => doc.microgrid.has(id))
    ? mergeMicrogridsCommand(doc, picked, options)
    : mergeGridsCommand(doc, picked, options);
}
