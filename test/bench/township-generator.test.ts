import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { baselineDivision } from '../../bench/baseline-division';
import { divisionQuality } from '../../bench/division-quality';
import type { TownshipShape } from '../../bench/township-generator';
import { generateTownship } from '../../bench/township-generator';
import { locatePoint, PointLocation } from '../../shared/geometry/locate-point';
import { preparePolygon } from '../../shared/geometry/prepared-polygon';
import { builtinRuleSet } from '../../shared/model';
import { validateDivision } from '../../shared/validate/validate-division';

// The benchmark's townships and baselines must be what they claim, or its comparisons mean nothing:
// communities tile the township, households add up, a building's points share position and address,
// walled compounds hold only their own buildings, and both baselines cover every community exactly.

const zigong = builtinRuleSet('zigong')!;

const shapes = fc
  .record({
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    columns: fc.integer({ min: 1, max: 2 }),
    count: fc.integer({ min: 1, max: 3 }),
    households: fc.array(fc.integer({ min: 400, max: 4_000 }), { minLength: 3, maxLength: 3 }),
    dense: fc.integer({ min: 0, max: 2 }),
    walled: fc.integer({ min: 0, max: 3 }),
    rural: fc.boolean(),
  })
  .map((r): TownshipShape => ({
    seed: r.seed,
    name: '性质测试街道',
    townshipCode: '510302005000',
    communities: Array.from({ length: r.count }, (_, k) => ({
      kind: r.rural && k === r.count - 1 ? ('rural' as const) : ('urban' as const),
      households: r.households[k]!,
      denseCompounds: k === 0 ? r.dense : 0,
      walledCompounds: r.walled,
    })),
    columns: r.columns,
    blocksPerSide: 3,
    blockM: 220,
    mainEvery: 3,
    minorStreetShare: 0.8,
  }));

describe('generateTownship', () => {
  it('is deterministic', () => {
    const shape: TownshipShape = {
      seed: 3,
      name: 'x',
      townshipCode: '510302005000',
      communities: [{ kind: 'urban', households: 2_000, denseCompounds: 1, walledCompounds: 1 }],
      columns: 1,
      blocksPerSide: 3,
      blockM: 200,
      mainEvery: 3,
      minorStreetShare: 0.8,
    };
    const a = generateTownship(shape);
    const b = generateTownship(shape);
    expect([...a.division.census.values()]).toEqual([...b.division.census.values()]);
    expect(a.guides).toEqual(b.guides);
  });

  it('makes valid communities with the households asked for, buildings kept together, compounds walled', () => {
    fc.assert(
      fc.property(shapes, (shape) => {
        const township = generateTownship(shape);
        const { division } = township;
        const report = validateDivision(division, zigong);
        // Nothing is wrong with the township itself: only the grids are missing (gaps, unassigned points).
        const others = report.issues.filter((i) => !['gap', 'unassigned-point'].includes(i.rule));
        expect(others).toEqual([]);
        expect(report.issues.filter((i) => i.rule === 'gap').every((i) => i.parentCode?.length === 12)).toBe(
          true,
        );
        const communities = [...division.community.values()];
        communities.forEach((community, k) => {
          const polygon = preparePolygon(community.geometry);
          const households = [...division.census.values()]
            .filter((p) => locatePoint(polygon, p.lon, p.lat) === PointLocation.inside)
            .reduce((sum, p) => sum + p.households, 0);
          const asked = shape.communities[k]!;
          // Compounds may overshoot a small budget; otherwise the count is exact.
          if (asked.denseCompounds === 0 && asked.walledCompounds * 450 < asked.households) {
            expect(households).toBe(asked.households);
          } else {
            expect(households).toBeGreaterThanOrEqual(asked.households);
          }
        });
        const byAddress = new Map<string, string>();
        for (const point of division.census.values()) {
          expect(point.households).toBeGreaterThanOrEqual(1);
          const at = `${point.lon},${point.lat}`;
          const seen = byAddress.get(point.address!);
          if (seen) expect(seen).toBe(at);
          else byAddress.set(point.address!, at);
        }
        for (const compound of township.guides.find((g) => g.role === 'compound')!.features) {
          const polygon = preparePolygon(
            compound.geometry as Extract<typeof compound.geometry, { type: 'Polygon' }>,
          );
          const inside = [...division.census.values()].filter(
            (p) => locatePoint(polygon, p.lon, p.lat) !== PointLocation.outside,
          );
          const households = inside.reduce((sum, p) => sum + p.households, 0);
          expect(households).toBe(compound.properties?.households);
        }
      }),
      { numRuns: 12 },
    );
  });
});

describe('baselineDivision', () => {
  it('covers every community exactly with both baselines', () => {
    fc.assert(
      fc.property(shapes, fc.constantFrom('greedy' as const, 'bisect' as const), (shape, kind) => {
        const township = generateTownship(shape);
        const divided = baselineDivision(township, zigong, kind);
        const quality = divisionQuality(divided, zigong, township.guides);
        expect(quality.gaps).toBe(0);
        expect(quality.overlaps).toBe(0);
        expect(quality.otherErrors).toBe(0);
        expect(quality.pointsExactlyOnce).toBe(quality.points);
        expect(quality.points).toBe(township.division.census.size);
        if (quality.urbanGrids > 0) expect(quality.compactnessMin).toBeGreaterThan(0);
      }),
      { numRuns: 10 },
    );
  });
});
