import fc from 'fast-check';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { CensusPoint, Change, Community, Division, Grid } from '../../shared/model';
import { applyChange, builtinRuleSet, change } from '../../shared/model';
import { Validator } from '../../shared/validate/validator';
import {
  buildPartition,
  COMMUNITY_CODE,
  partitionDivision,
  partitionParameters,
} from './validate-arbitraries';

const RUNS = { numRuns: Number(process.env.PROPERTY_RUNS ?? 40) };
const zigong = builtinRuleSet('zigong')!;

/** An edit drawn at random, applied to whatever division it meets. */
type Edit =
  | { kind: 'move-vertex'; grid: number; vertex: number; dx: number; dy: number }
  | { kind: 'move-community-vertex'; vertex: number; dx: number; dy: number }
  | { kind: 'recode'; grid: number; to: number }
  | { kind: 'reparent'; grid: number }
  | { kind: 'delete-grid'; grid: number }
  | { kind: 'copy-grid'; grid: number; dx: number }
  | { kind: 'add-point'; u: number; v: number; households: number }
  | { kind: 'delete-point'; point: number }
  | { kind: 'justify'; grid: number }
  | { kind: 'community'; action: 'recode' | 'duplicate' | 'delete' | 'restore' };

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    kind: fc.constant('move-vertex' as const),
    grid: fc.nat(),
    vertex: fc.nat(),
    dx: fc.double({ min: -0.4, max: 0.4, noNaN: true }),
    dy: fc.double({ min: -0.4, max: 0.4, noNaN: true }),
  }),
  fc.record({
    kind: fc.constant('move-community-vertex' as const),
    vertex: fc.nat(),
    dx: fc.double({ min: -0.4, max: 0.4, noNaN: true }),
    dy: fc.double({ min: -0.4, max: 0.4, noNaN: true }),
  }),
  fc.record({ kind: fc.constant('recode' as const), grid: fc.nat(), to: fc.nat(5) }),
  fc.record({ kind: fc.constant('reparent' as const), grid: fc.nat() }),
  fc.record({ kind: fc.constant('delete-grid' as const), grid: fc.nat() }),
  fc.record({
    kind: fc.constant('copy-grid' as const),
    grid: fc.nat(),
    dx: fc.double({ min: -1, max: 1, noNaN: true }),
  }),
  fc.record({
    kind: fc.constant('add-point' as const),
    u: fc.double({ min: 0, max: 1, noNaN: true }),
    v: fc.double({ min: 0, max: 1, noNaN: true }),
    households: fc.integer({ min: 1, max: 400 }),
  }),
  fc.record({ kind: fc.constant('delete-point' as const), point: fc.nat() }),
  fc.record({ kind: fc.constant('justify' as const), grid: fc.nat() }),
  fc.record({
    kind: fc.constant('community' as const),
    action: fc.constantFrom('recode' as const, 'duplicate' as const, 'delete' as const, 'restore' as const),
  }),
);

function moved(polygon: Polygon, vertex: number, dx: number, dy: number): Polygon {
  const ring = polygon.coordinates[0]!.map((p) => [...p]);
  const k = vertex % (ring.length - 1);
  ring[k] = [ring[k]![0]! + dx, ring[k]![1]! + dy];
  if (k === 0) ring[ring.length - 1] = ring[0]!;
  return { type: 'Polygon', coordinates: [ring] };
}

function toChange(
  division: Division,
  edit: Edit,
  cell: number,
  serial: number,
  original: Community | undefined,
): Change | undefined {
  const grids = [...division.grid.values()];
  const grid = grids.length > 0 ? grids[('grid' in edit ? edit.grid : 0) % grids.length] : undefined;
  switch (edit.kind) {
    case 'move-vertex':
      if (!grid) return undefined;
      return change('move', [
        { ...grid, geometry: moved(grid.geometry as Polygon, edit.vertex, edit.dx * cell, edit.dy * cell) },
      ]);
    case 'move-community-vertex': {
      const community = [...division.community.values()][0];
      if (!community) return undefined;
      return change('move', [
        {
          ...community,
          geometry: moved(community.geometry as Polygon, edit.vertex, edit.dx * cell, edit.dy * cell),
        },
      ]);
    }
    case 'recode':
      if (!grid) return undefined;
      return change('recode', [
        { ...grid, code: `${COMMUNITY_CODE}${String(edit.to + 1).padStart(3, '0')}` },
      ]);
    case 'reparent':
      if (!grid) return undefined;
      return change('reparent', [
        { ...grid, parentCode: grid.parentCode === COMMUNITY_CODE ? '510302001009' : COMMUNITY_CODE },
      ]);
    case 'delete-grid':
      if (!grid) return undefined;
      return change('delete', [], [{ layer: 'grid', id: grid.id }]);
    case 'copy-grid': {
      if (!grid) return undefined;
      const ring = (grid.geometry as Polygon).coordinates[0]!.map(([x, y]) => [x! + edit.dx * cell, y!]);
      const copy: Grid = {
        ...grid,
        id: `copy${serial}`,
        code: `${COMMUNITY_CODE}${900 + serial}`,
        geometry: { type: 'Polygon', coordinates: [ring] },
      };
      return change('copy', [copy]);
    }
    case 'add-point': {
      const community = [...division.community.values()][0] ?? original;
      if (!community) return undefined;
      const ring = (community.geometry as Polygon).coordinates[0]!;
      const xs = ring.map((p) => p[0]!);
      const ys = ring.map((p) => p[1]!);
      const point: CensusPoint = {
        layer: 'census',
        id: `new${serial}`,
        lon: Math.min(...xs) + edit.u * (Math.max(...xs) - Math.min(...xs)),
        lat: Math.min(...ys) + edit.v * (Math.max(...ys) - Math.min(...ys)),
        households: edit.households,
        population: edit.households * 2,
        extra: {},
      };
      return change('add point', [point]);
    }
    case 'delete-point': {
      const points = [...division.census.keys()];
      if (points.length === 0) return undefined;
      return change('delete point', [], [{ layer: 'census', id: points[edit.point % points.length]! }]);
    }
    case 'community': {
      // Whether grids are siblings (their overlaps found by the community's sweep) or not (by pair
      // sweeps) depends on their community: recoding, duplicating and deleting it moves overlaps.
      const community = [...division.community.values()][0];
      if (edit.action === 'restore') return original ? change('restore', [original]) : undefined;
      if (!community) return undefined;
      if (edit.action === 'recode') {
        return change('recode community', [
          { ...community, code: community.code === COMMUNITY_CODE ? '510302001002' : COMMUNITY_CODE },
        ]);
      }
      if (edit.action === 'duplicate')
        return change('duplicate community', [{ ...community, id: `dup${serial}` }]);
      return change('delete community', [], [{ layer: 'community', id: community.id }]);
    }
    case 'justify':
      if (!grid) return undefined;
      return change('justify', [{ ...grid, justification: grid.justification ? '' : '说明' }]);
  }
}

function snapshot(validator: Validator): unknown {
  return { report: validator.report('en'), counts: validator.counts() };
}

describe('incremental re-validation', () => {
  it('gives the same issues, report and counts as validating the edited division from scratch', () => {
    fc.assert(
      fc.property(
        partitionParameters,
        fc.array(editArb, { minLength: 1, maxLength: 8 }),
        (parameters, edits) => {
          let division = partitionDivision(buildPartition(parameters));
          const original = [...division.community.values()][0];
          const validator = new Validator(division, zigong);
          edits.forEach((edit, serial) => {
            const c = toChange(division, edit, parameters.cell, serial, original);
            if (!c) return;
            const next = applyChange(division, c).division;
            const before = new Map(validator.issues().map((issue) => [issue.key, issue]));
            const delta = validator.update(c, next);
            division = next;
            const fresh = new Validator(division, zigong);
            expect(snapshot(validator)).toEqual(snapshot(fresh));
            // The delta turns the previous issue list into the new one.
            for (const key of delta.removed) before.delete(key);
            for (const issue of delta.added) before.set(issue.key, issue);
            expect([...before.keys()].sort()).toEqual(
              fresh
                .issues()
                .map((issue) => issue.key)
                .sort(),
            );
          });
        },
      ),
      RUNS,
    );
  });
});
