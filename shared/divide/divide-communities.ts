import type { Change, Community, Division, Entity, Grid, Result } from '../model';
import { appendAll, change, communityKindOf, fail, ok, text } from '../model';
import {
  codesForNewGrids,
  defaultGridName,
  editTime,
  newGridId,
  record,
  withLineage,
} from '../commands/grid-command-context';
import type { GridCommandOptions } from '../commands/grid-command-context';
import { polygonAreaM2 } from '../geometry/ellipsoid-area';
import { isSignificantArea } from '../geometry/piece-size';
import { preparePolygon } from '../geometry/prepared-polygon';
import { divideBand, feasibleRange, targetOfKind } from './divide-band';
import type { DivideOptions } from './divide-options';
import type { CommunityOutcome, DivisionProposal, OutOfBandGrid } from './divide-outcome';
import { cancelled, divideRegion } from './divide-region';
import { gridsOnCommunity } from './region-census';
import { remainderCensus } from './remainder-census';
import { JUSTIFICATION_NEEDED_PREFIX } from './justification';
import { seededRandom, seedFor } from './seeded-random';
import { unusableGeometry } from './unusable-geometry';

export type { CommunityOutcome, DivisionProposal, OutOfBandGrid } from './divide-outcome';

export { JUSTIFICATION_NEEDED_PREFIX } from './justification';

/** Milliseconds (shared/ has neither DOM nor Node types, so no `performance`). */
function now(): number {
  return Date.now();
}

function communitiesToDivide(division: Division, communityIds: readonly string[]): Result<Community[]> {
  if (communityIds.length > 0) {
    const found: Community[] = [];
    for (const id of communityIds) {
      const community = division.community.get(id);
      if (!community)
        return fail({
          kind: 'missing-community',
          message: text(`找不到社区/行政村（${id}）。`, `Community ${id} does not exist.`),
        });
      found.push(community);
    }
    return ok(found);
  }
  const withGrids = new Set<string>();
  for (const grid of division.grid.values()) withGrids.add(grid.parentCode);
  return ok([...division.community.values()].filter((community) => !withGrids.has(community.code)));
}

/**
 * Divides the given communities (every community without grids when `communityIds` is empty), keeping
 * exclusive and locked grids as they are: only each community's undivided remainder (the community less
 * every grid on it) is divided. New grids take codes from the code engine (north→south, west→east, never
 * a code the lineage has used), names `社区名第N网格`, the community's kind as type, status draft, and a
 * 'create' lineage record each; grids outside the band carry a note asking for a justification.
 */
export function divideCommunities(
  division: Division,
  communityIds: readonly string[],
  options: DivideOptions,
): Result<DivisionProposal> {
  const chosen = communitiesToDivide(division, communityIds);
  if (!chosen.ok) return chosen;
  const communities = chosen.value;
  const commandOptions: GridCommandOptions = {
    at: options.at ?? editTime({}),
    ...(options.ruleSet.gridCodeTemplate ? { gridCodeTemplate: options.ruleSet.gridCodeTemplate } : {}),
  };
  const put: Entity[] = [];
  const outcomes: CommunityOutcome[] = [];
  const taken = new Set<string>();
  for (let c = 0; c < communities.length; c++) {
    if (options.shouldCancel?.()) return cancelled();
    const started = now();
    const community = communities[c]!;
    const kept = gridsOnCommunity(division, community);
    const unusable = unusableGeometry(community, [community, ...kept]);
    if (unusable) return fail(unusable);
    const census = remainderCensus(division, community, options, communities, kept);
    const band = divideBand(targetOfKind(options.ruleSet, communityKindOf(community)));
    const divided = divideRegion({
      areas: [community.geometry],
      kept: kept.map((grid) => grid.geometry),
      census,
      band,
      guides: options.guides ?? [],
      ...(options.gridCount !== undefined ? { count: options.gridCount } : {}),
      random: seededRandom(seedFor(options.seed ?? 1, community.code)),
      ...(options.shouldCancel ? { shouldCancel: options.shouldCancel } : {}),
      onProgress: (fraction) => options.onProgress?.((c + fraction) / communities.length),
    });
    if (!divided.ok) return divided;
    const region = divided.value;
    // An empty piece is no grid; nor is a sliver left between existing grids (a strip a millimetre wide
    // that the validator does not report as a gap): it is covered as far as anyone can tell.
    const parts = region.parts.filter(
      (part) =>
        !isEmptyArea(part.geometry) &&
        !(part.households === 0 && part.population === 0 && isSliver(part.geometry)),
    );
    const codes = codesForNewGrids(
      division,
      community,
      parts.map((part) => part.geometry),
      commandOptions,
    );
    if (!codes.ok) return codes;
    const numbered = parts
      .map((part, i) => ({ part, code: codes.value[i]! }))
      .sort((a, b) => (a.code < b.code ? -1 : 1));
    const outOfBand: OutOfBandGrid[] = [];
    const made: Grid[] = numbered.map(({ part, code }) => {
      const id = newGridId(division, code, taken, commandOptions);
      const grid: Grid = {
        layer: 'grid',
        id,
        code,
        name: defaultGridName(division, community, code, commandOptions),
        parentCode: community.code,
        gridType: communityKindOf(community),
        status: 'draft',
        geometry: part.geometry,
        extra: {},
        ...(part.reason ? { note: `${JUSTIFICATION_NEEDED_PREFIX}${part.reason.zh}` } : {}),
      };
      if (part.reason)
        outOfBand.push({
          gridId: id,
          code,
          households: part.households,
          population: part.population,
          reason: part.reason,
        });
      return grid;
    });
    appendAll(put, made);
    if (made.length > 0)
      put.push(
        withLineage(
          community,
          made.map((grid) => record(grid.code, [], 'create', commandOptions)),
        ),
      );
    const compactness = parts.map((part) => part.compactness);
    const measure = band?.measure ?? 'households';
    outcomes.push({
      communityId: community.id,
      code: community.code,
      households: region.households,
      population: region.population,
      grids: made.length,
      ...(options.gridCount !== undefined ? { gridsRequested: options.gridCount } : {}),
      inBand: parts.filter((part) => part.inBand).length,
      compactnessMean: compactness.length ? compactness.reduce((a, b) => a + b, 0) / compactness.length : 0,
      compactnessMin: compactness.length ? Math.min(...compactness) : 0,
      ...(region.streetShare !== undefined ? { streetShare: region.streetShare } : {}),
      seconds: (now() - started) / 1000,
      // Infeasible at any count when one unit that may not be cut is over the band on its own.
      feasible:
        band &&
        (measure === 'households' ? census.largestUnitHouseholds : census.largestUnitPopulation) <= band.max
          ? feasibleRange(measure === 'households' ? region.households : region.population, band)
          : null,
      outOfBand,
    });
  }
  options.onProgress?.(1);
  const note =
    communities.length === 1
      ? `自动划分 ${communities[0]!.name}`
      : `自动划分 ${communities.length} 个社区/行政村`;
  const proposal: Change = change(note, put);
  return ok({ change: proposal, communities: outcomes });
}

/** True for an area too small or too thin to count as a piece (see isSignificantArea). */
function isSliver(geometry: Grid['geometry']): boolean {
  const box = preparePolygon(geometry);
  return box.empty || !isSignificantArea(polygonAreaM2(geometry), box);
}

function isEmptyArea(geometry: Grid['geometry']): boolean {
  return geometry.type === 'Polygon' ? geometry.coordinates.length === 0 : geometry.coordinates.length === 0;
}
