import type { Position } from 'geojson';
import type { Change, Division, Entity, Grid, Result } from '../model';
import { change, communityKindOf, fail, ok, text } from '../model';
import { gridsOnCommunity, regionCensus } from './region-census';
import { bandText, divideBand, feasibleRange, populationBand, targetOfKind } from './divide-band';
import type { DivideOptions } from './divide-options';
import type { CommunityOutcome } from './divide-outcome';
import { divideRegion } from './divide-region';
import { JUSTIFICATION_NEEDED_PREFIX } from './justification';
import { seededRandom } from './seeded-random';
import { unusableGeometry } from './unusable-geometry';

function refusal<T>(kind: string, zh: string, en: string): Result<T> {
  return fail({ kind, message: text(zh, en) });
}

/**
 * 平衡: redistributes the area of two or more adjacent, unlocked grids of one community so each meets the
 * band, keeping their number and codes (the new part overlapping an old grid most keeps its code), along
 * guide lines and compound edges where they exist. Refuses locked or exclusive grids, grids with
 * micro-grids, grids of different communities and grids that are not adjacent, with a message saying which.
 */
export function rebalanceGrids(
  division: Division,
  gridIds: readonly string[],
  options: DivideOptions,
): Result<{ readonly change: Change; readonly outcome: CommunityOutcome }> {
  const started = Date.now();
  const ids = [...new Set(gridIds)];
  if (ids.length < 2)
    return refusal(
      'too-few-grids',
      '请至少选择两个相邻网格进行平衡。',
      'Select at least two adjacent grids to rebalance.',
    );
  const grids: Grid[] = [];
  for (const id of ids) {
    const grid = division.grid.get(id);
    if (!grid) return refusal('missing-grid', `找不到网格（${id}）。`, `Grid ${id} does not exist.`);
    grids.push(grid);
  }
  const locked = grids.filter((grid) => grid.locked);
  if (locked.length > 0) {
    const codes = locked.map((grid) => grid.code);
    return refusal(
      'locked',
      `网格 ${codes.join('、')} 已锁定，不能平衡：请先解锁。`,
      codes.length === 1
        ? `Grid ${codes[0]!} is locked and cannot be rebalanced: unlock it first.`
        : `Grids ${codes.join(', ')} are locked and cannot be rebalanced: unlock them first.`,
    );
  }
  const exclusive = grids.filter((grid) => grid.gridType === 'exclusive');
  if (exclusive.length > 0) {
    const codes = exclusive.map((grid) => grid.code);
    return refusal(
      'exclusive',
      `专属网格 ${codes.join('、')} 没有户数要求，不参与平衡。`,
      codes.length === 1
        ? `Exclusive grid ${codes[0]!} has no household target and is not rebalanced.`
        : `Exclusive grids ${codes.join(', ')} have no household target and are not rebalanced.`,
    );
  }
  // Micro-grids tile their grid: reshaping it would leave them outside it, or leave part of it uncovered.
  const selectedCodes = new Set(grids.map((grid) => grid.code));
  const withMicrogrids = [...new Set([...division.microgrid.values()].map((m) => m.parentCode))]
    .filter((code) => selectedCodes.has(code))
    .sort();
  if (withMicrogrids.length > 0) {
    return refusal(
      'has-microgrids',
      `网格 ${withMicrogrids.join('、')} 内划有微网格，平衡会改变网格的形状，使微网格越出网格：请先删除或重新划分其微网格，再平衡。`,
      withMicrogrids.length === 1
        ? `Grid ${withMicrogrids[0]!} has micro-grids; rebalancing reshapes it and would leave them outside it: delete or redraw its micro-grids first.`
        : `Grids ${withMicrogrids.join(', ')} have micro-grids; rebalancing reshapes them and would leave the micro-grids outside: delete or redraw those micro-grids first.`,
    );
  }
  const parentCodes = new Set(grids.map((grid) => grid.parentCode));
  if (parentCodes.size > 1)
    return refusal(
      'different-communities',
      '所选网格属于不同的社区/行政村：只能平衡同一社区/行政村内的网格。',
      'The selected grids belong to different communities: only grids of one community can be rebalanced.',
    );
  const community = [...division.community.values()].find((c) => c.code === grids[0]!.parentCode);
  if (!community)
    return refusal(
      'missing-community',
      `找不到网格所属的社区/行政村（${grids[0]!.parentCode}）。`,
      `The community of the grids (${grids[0]!.parentCode}) does not exist.`,
    );
  const unusable = unusableGeometry(community, grids);
  if (unusable) return fail(unusable);
  const selected = new Set(ids);
  const others = gridsOnCommunity(division, community, selected);
  const union: Position[][][] = grids.flatMap((grid) =>
    grid.geometry.type === 'Polygon' ? [grid.geometry.coordinates] : grid.geometry.coordinates,
  );
  // The grids keep their codes: a point on the edge of another grid before all of them counts for it.
  const firstCode = grids.map((grid) => grid.code).reduce((a, b) => (b < a ? b : a));
  const census = regionCensus(
    division,
    community,
    options.guides ?? [],
    others,
    { type: 'MultiPolygon', coordinates: union },
    firstCode,
  );
  const kind =
    grids[0]!.gridType === 'rural'
      ? 'rural'
      : grids[0]!.gridType === 'urban'
        ? 'urban'
        : communityKindOf(community);
  const band = divideBand(targetOfKind(options.ruleSet, kind));
  // Grids without a household target (a village that "is one or several grids") have nothing to balance
  // against: reshaping them was reported as "all within target".
  if (!band)
    return refusal(
      'no-target',
      `所选网格（${kind === 'rural' ? '农村网格' : '城市社区网格'}）在规则集中没有户数要求，无需平衡。`,
      `The selected grids (${kind} grids) have no household target in the rule set: there is nothing to balance.`,
    );
  // Nor do grids without households.
  if (census.households === 0 && census.population === 0)
    return refusal(
      'no-households',
      '所选网格内没有人口点（0 户）：没有可以平衡的户数。',
      'The selected grids hold no census points (0 households): there is nothing to balance.',
    );
  const divided = divideRegion({
    areas: grids.map((grid) => grid.geometry),
    kept: [],
    census,
    band,
    guides: options.guides ?? [],
    count: grids.length,
    random: seededRandom(options.seed ?? 1),
    requireConnected: true,
    ...(options.shouldCancel ? { shouldCancel: options.shouldCancel } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  if (!divided.ok) return divided;
  // Grids that cannot all be within the band whatever their shapes (1,072 households in two grids of at
  // most 500) are refused: reshaping would only spread the excess, and call it the streets' fault.
  // (Checked after the division, which says first when the grids are not adjacent.)
  if (band) {
    const unitZh = band.measure === 'households' ? '户' : '人';
    const unitEn = band.measure === 'households' ? 'households' : 'people';
    const total = band.measure === 'households' ? census.households : census.population;
    const n = grids.length;
    const fits = (range: { min: number; max: number } | null): boolean =>
      range !== null && range.min <= n && n <= range.max;
    // Zigong's "300–500 households, or about 1,000 people": grids that can meet the people clause fit.
    const byPeople =
      band.measure === 'households' && band.target?.aboutPopulation !== undefined
        ? populationBand(band.target)
        : null;
    const fitsByPeople = byPeople !== null && fits(feasibleRange(census.population, byPeople));
    if (total > 0 && !fits(feasibleRange(total, band)) && !fitsByPeople) {
      const over = total > n * band.max;
      const range = bandText(band);
      return refusal(
        'count-does-not-fit',
        `所选 ${n} 个网格共 ${total} ${unitZh}，平均每个 ${Math.round(total / n)} ${unitZh}，${over ? '超出' : '低于'} ${range.zh}：怎样平衡都不能都达标。${over ? '请加选一个有余量的相邻网格，或重新自动划分该社区以多划网格' : '请少选一个网格，或把其中一个与相邻网格合并'}。`,
        `The ${n} grids selected have ${total} ${unitEn} in all, ${Math.round(total / n)} each on average, ${over ? 'over' : 'under'} ${range.en}: no rebalancing makes them all meet it. ${over ? 'Add a neighbouring grid with room to the selection, or divide the community again into more grids' : 'Select one grid fewer, or merge one with a neighbour'}.`,
      );
    }
  }
  const region = divided.value;
  const { overlay } = region.atoms;
  if (region.parts.length !== grids.length) {
    // One building or compound over the band on its own (it is never cut): the rest cannot be shared so
    // that every grid has a piece. Say so, rather than that there are too few buildings.
    const largest =
      band?.measure === 'population' ? census.largestUnitPopulation : census.largestUnitHouseholds;
    if (band && largest > band.max) {
      const [unitZh, unitEn] = band.measure === 'population' ? ['人', 'people'] : ['户', 'households'];
      const range = bandText(band);
      return refusal(
        'unit-over-band',
        `所选网格中有一栋楼或一个小区有 ${largest} ${unitZh}，超出 ${range.zh}，不能拆分：无法把其余部分平衡到 ${grids.length} 个网格中。请为该楼栋所在网格填写情况说明，并只选其余相邻网格平衡。`,
        `One building or compound in the selected grids has ${largest} ${unitEn}, over ${range.en}, and cannot be cut: the rest cannot be balanced into ${grids.length} grids. Write a justification for the grid that holds it, and rebalance only the other adjacent grids.`,
      );
    }
    return refusal(
      'cannot-rebalance',
      `这些网格的楼栋和小区不够分成 ${grids.length} 个网格，无法平衡。`,
      `The buildings and compounds of these grids cannot be shared among ${grids.length} grids.`,
    );
  }
  // Overlap of each new part with each old grid (the old grids are the overlay's first sources).
  const pairs: { part: number; grid: number; area: number }[] = [];
  region.parts.forEach((part, p) => {
    const overlapOf = new Float64Array(grids.length);
    for (const face of part.faces) {
      for (let g = 0; g < grids.length; g++)
        if (overlay.inside(face, g)) overlapOf[g]! += overlay.faceAreaUnits2(face);
    }
    overlapOf.forEach((area, g) => pairs.push({ part: p, grid: g, area }));
  });
  pairs.sort((a, b) => b.area - a.area || a.part - b.part || a.grid - b.grid);
  const gridOfPart = new Int32Array(grids.length).fill(-1);
  const partTaken = new Set<number>();
  for (const pair of pairs) {
    if (gridOfPart[pair.part] !== -1 || partTaken.has(pair.grid)) continue;
    gridOfPart[pair.part] = pair.grid;
    partTaken.add(pair.grid);
  }
  const put: Entity[] = [];
  const outOfBand: CommunityOutcome['outOfBand'][number][] = [];
  region.parts.forEach((part, p) => {
    const old = grids[gridOfPart[p]!]!;
    // The justification was about the old grid's households (as derivedGrid drops it): kept, an
    // under-target reason made a grid now over the target an accepted exception.
    const { note: _oldNote, justification: _oldJustification, ...rest } = old;
    // The planner's own note stays; only a former "needs a justification" marker is replaced.
    const plannerNote =
      old.note !== undefined && !old.note.startsWith(JUSTIFICATION_NEEDED_PREFIX) ? old.note : undefined;
    const note = part.reason
      ? `${JUSTIFICATION_NEEDED_PREFIX}${part.reason.zh}${plannerNote ? `\n${plannerNote}` : ''}`
      : plannerNote;
    put.push({ ...rest, geometry: part.geometry, ...(note !== undefined ? { note } : {}) });
    if (part.reason)
      outOfBand.push({
        gridId: old.id,
        code: old.code,
        households: part.households,
        population: part.population,
        reason: part.reason,
      });
  });
  const compactness = region.parts.map((part) => part.compactness);
  const measure = band?.measure ?? 'households';
  const outcome: CommunityOutcome = {
    communityId: community.id,
    code: community.code,
    households: region.households,
    population: region.population,
    grids: region.parts.length,
    inBand: region.parts.filter((part) => part.inBand).length,
    compactnessMean: compactness.reduce((a, b) => a + b, 0) / compactness.length,
    compactnessMin: Math.min(...compactness),
    ...(region.streetShare !== undefined ? { streetShare: region.streetShare } : {}),
    seconds: (Date.now() - started) / 1000,
    feasible: band
      ? feasibleRange(measure === 'households' ? region.households : region.population, band)
      : null,
    outOfBand,
  };
  const codes = grids.map((grid) => grid.code).join('、');
  return ok({ change: change(`平衡网格 ${codes}`, put), outcome });
}
