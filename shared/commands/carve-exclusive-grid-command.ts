import type {
  AreaGeometry,
  Change,
  Community,
  Division,
  Entity,
  EntityRef,
  ExclusiveCategory,
  Grid,
  Result,
} from '../model';
import { change, fail, ok } from '../model';
import { interiorPoint } from '../geometry/interior-point';
import { locatePoint, PointLocation } from '../geometry/locate-point';
import { preparePolygon } from '../geometry/prepared-polygon';
import { carvePolygon } from '../geometry/carve-polygon';
import {
  areaInput,
  codesForNewGrids,
  communityById,
  derivedGrid,
  gridsNear,
  newGridId,
  problem,
  record,
  withLineage,
} from './grid-command-context';
import type { GridCommandOptions } from './grid-command-context';
import { guardLockedGrids } from './locked-grids';

/** Options of {@link carveExclusiveGridCommand}. */
export interface CarveExclusiveGridOptions extends GridCommandOptions {
  /**
   * A grid the exclusive grid would cut into pieces: `refuse` (default) asks the planner to split that
   * grid first or redraw, because which piece keeps the code is a decision; `separate` keeps the largest
   * piece under the grid's code and makes each other piece a new grid (recorded as carved from it).
   */
  readonly onSplitGrid?: 'refuse' | 'separate';
}

/**
 * Draws an exclusive grid (专属网格: school, park, hospital, …) and carves it out of the ordinary grids of
 * its community (see `carvePolygon`), as one Change: the new exclusive grid (clipped to the community,
 * avoiding existing exclusive grids), the reduced grids, grids it covers entirely deleted, neighbours that
 * take its vertices on shared edges, and the community with the lineage record (the new code carved from
 * the codes that lost area). Locked grids are avoided like exclusive ones: never carved, only given
 * vertices on their own edges. `communityId` undefined: the community containing the drawing's interior.
 */
export function carveExclusiveGridCommand(
  division: Division,
  communityId: string | undefined,
  polygon: AreaGeometry,
  category: ExclusiveCategory,
  name: string,
  options: CarveExclusiveGridOptions = {},
): Result<Change> {
  const community =
    communityId === undefined ? communityAround(division, polygon) : communityById(division, communityId);
  if (!community.ok) return community;
  const near = gridsNear(division, polygon);
  const ordinary = (grid: Grid): boolean =>
    grid.parentCode === community.value.code && grid.gridType !== 'exclusive' && grid.locked !== true;
  const carved = carvePolygon({
    drawn: polygon,
    parent: community.value.geometry,
    carveFrom: near.filter(ordinary).map(areaInput),
    avoid: near.filter((grid) => !ordinary(grid)).map(areaInput),
  });
  if (!carved.ok) return carved;
  const split = carved.value.reduced.filter((r) => r.pieces.length > 1);
  if (split.length > 0 && (options.onSplitGrid ?? 'refuse') === 'refuse') {
    const codes = split.map((r) => division.grid.get(r.id)!.code).join('、');
    return fail(
      problem(
        'splits-grid',
        `专属网格会把网格（${codes}）分成几块：请先拆分该网格，或调整专属网格的范围。`,
        `The exclusive grid would cut grid ${codes} into pieces: split that grid first, or change the exclusive grid's outline.`,
      ),
    );
  }
  // New grids of this command, numbered together: the exclusive grid and extra pieces of split grids.
  const extraPieces = split.flatMap((r) =>
    r.pieces.slice(1).map((piece) => ({ from: division.grid.get(r.id)!, piece })),
  );
  const codes = codesForNewGrids(
    division,
    community.value,
    [carved.value.carved, ...extraPieces.map((p) => p.piece)],
    options,
  );
  if (!codes.ok) return codes;
  const [code, ...pieceCodes] = codes.value as [string, ...string[]];
  const taken = new Set<string>();
  const exclusive: Grid = {
    layer: 'grid',
    id: newGridId(division, code, taken, options),
    code,
    name,
    parentCode: community.value.code,
    gridType: 'exclusive',
    exclusiveCategory: category,
    status: 'draft',
    extra: {},
    geometry: carved.value.carved,
  };
  const put: Entity[] = [exclusive];
  const del: EntityRef[] = [];
  const lost: string[] = [];
  for (const reduced of carved.value.reduced) {
    const grid = division.grid.get(reduced.id)!;
    if (reduced.lostArea) lost.push(grid.code);
    if (reduced.pieces.length === 0) del.push({ layer: 'grid', id: grid.id });
    else put.push({ ...grid, geometry: reduced.pieces[0]! });
  }
  for (const touched of carved.value.touched)
    put.push({ ...division.grid.get(touched.id)!, geometry: touched.geometry });
  const records = [record(code, lost, 'carve', options)];
  extraPieces.forEach(({ from, piece }, i) => {
    const pieceCode = pieceCodes[i]!;
    put.push(
      derivedGrid(
        from,
        newGridId(division, pieceCode, taken, options),
        pieceCode,
        piece,
        `${from.name}（${pieceCode.slice(-3)}）`,
      ),
    );
    records.push(record(pieceCode, [from.code], 'carve', options));
  });
  put.push(withLineage(community.value, records));
  return guardLockedGrids(division, change(`挖出专属网格 ${name}（${code}）`, put, del));
}

/** The community containing a point inside the drawing, or a refusal asking the planner to choose. */
export function communityAround(division: Division, polygon: AreaGeometry): Result<Community> {
  const [x, y] = interiorPoint(preparePolygon(polygon));
  for (const community of division.community.values()) {
    if (locatePoint(preparePolygon(community.geometry), x, y) === PointLocation.inside) return ok(community);
  }
  return fail(
    problem(
      'no-community',
      '所画范围不在任何社区/行政村内：请先选择所属社区/行政村。',
      'The drawing is not inside any community: choose its community first.',
    ),
  );
}
