import type { Community, Division } from '../model';
import { codesForNewGrids } from '../commands/grid-command-context';
import type { DivideOptions } from './divide-options';

/**
 * The smallest code a grid made on `community` can get under the rule set's numbering ('' when none is
 * left: numbering the grids refuses then). Points on the edge of a kept grid with a smaller code count
 * for that grid (regionCensus), so the count shown before dividing and the division agree.
 */
export function firstNewCode(division: Division, community: Community, options: DivideOptions): string {
  const template = options.ruleSet.gridCodeTemplate;
  const first = codesForNewGrids(division, community, [community.geometry], {
    ...(template ? { gridCodeTemplate: template } : {}),
  });
  return first.ok ? (first.value[0] ?? '') : '';
}
