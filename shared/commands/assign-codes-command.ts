import { checkCode, compileCodeTemplate, COMMUNITY_CODE_PATTERN } from '../codes/code-template';
import type { Change, Division, Entity, Result } from '../model';
import { change, fail, ok } from '../model';
import {
  codesForNewGrids,
  communityById,
  gridTemplateSource,
  problem,
  record,
  withLineage,
} from './grid-command-context';
import type { GridCommandOptions } from './grid-command-context';

/**
 * Gives codes to the grids of a community that have none or one that does not follow the template (an
 * imported file, a grid drawn elsewhere), numbered north→south then west→east after every code ever used.
 * Grids with a valid code keep it: an existing code is never renumbered. Lineage records each new code as
 * created (from the old, invalid code when there was one). Refuses when every grid already has a code.
 */
export function assignCodesCommand(
  division: Division,
  communityId: string,
  options: GridCommandOptions = {},
): Result<Change> {
  const community = communityById(division, communityId);
  if (!community.ok) return community;
  const template = compileCodeTemplate(gridTemplateSource(division, options), COMMUNITY_CODE_PATTERN);
  if (!template.ok) return template;
  const uncoded = [...division.grid.values()].filter(
    (grid) =>
      grid.parentCode === community.value.code &&
      checkCode(template.value, grid.code, grid.parentCode) !== 'ok',
  );
  if (uncoded.length === 0) {
    return fail(
      problem(
        'nothing-to-code',
        `${community.value.name}的网格都已有符合模板的编码。`,
        `Every grid of ${community.value.name} already has a code that follows the template.`,
      ),
    );
  }
  const codes = codesForNewGrids(
    division,
    community.value,
    uncoded.map((grid) => grid.geometry),
    options,
  );
  if (!codes.ok) return codes;
  const put: Entity[] = uncoded.map((grid, i) => ({ ...grid, code: codes.value[i]! }));
  const records = uncoded
    .map((grid, i) => record(codes.value[i]!, grid.code ? [grid.code] : [], 'create', options))
    .sort((a, b) => (a.code < b.code ? -1 : 1));
  put.push(withLineage(community.value, records));
  return ok(change(`为${community.value.name}的 ${uncoded.length} 个网格编码`, put));
}
