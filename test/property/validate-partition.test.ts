import fc from 'fast-check';
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { countCensus } from '../../shared/geometry/count-census';
import { polygonAreaM2 } from '../../shared/geometry/ellipsoid-area';
import { validateDivision } from '../../shared/validate/validate-division';
import type { ReportIssue } from '../../shared/validate/validation-report';
import {
  blockRing,
  buildPartition,
  gridCode,
  NO_TARGETS,
  partitionDivision,
  partitionParameters,
} from './validate-arbitraries';

// PROPERTY_RUNS=1000 for a longer search.
const RUNS = { numRuns: Number(process.env.PROPERTY_RUNS ?? 60) };

function describeIssues(issues: readonly ReportIssue[]): string {
  return issues.map((issue) => `${issue.rule} ${issue.codes.join(',')} ${issue.areaM2 ?? ''}`).join('; ');
}

describe('validation of random partitions', () => {
  it('finds no issue in a clean partition, T-junctions and floating-point midpoints included', () => {
    fc.assert(
      fc.property(partitionParameters, (parameters) => {
        const report = validateDivision(partitionDivision(buildPartition(parameters)), NO_TARGETS);
        expect(describeIssues(report.issues)).toBe('');
      }),
      RUNS,
    );
  });

  it('finds no issue when every grid draws the shared edges with its own 1e-9 degree noise', () => {
    fc.assert(
      fc.property(
        partitionParameters,
        fc.array(fc.double({ min: -1e-9, max: 1e-9, noNaN: true }), { minLength: 2, maxLength: 6 }),
        (parameters, noise) => {
          const report = validateDivision(
            partitionDivision(buildPartition({ ...parameters, noise })),
            NO_TARGETS,
          );
          expect(describeIssues(report.issues)).toBe('');
        },
      ),
      RUNS,
    );
  });

  it('counts every household once, whatever the partition (points on edges and corners included)', () => {
    fc.assert(
      fc.property(partitionParameters, (parameters) => {
        const partition = buildPartition(parameters);
        const counts = countCensus(partitionDivision(partition));
        const total = partition.points.reduce((sum, point) => sum + point.households, 0);
        const counted = [...counts.byGrid.values()].reduce((sum, tally) => sum + tally.households, 0);
        expect(counts.unassigned.points).toBe(0);
        expect(counted).toBe(total);
      }),
      RUNS,
    );
  });

  it('keeps total households when a grid is split in two along a lattice line', () => {
    fc.assert(
      fc.property(partitionParameters, fc.nat(), fc.nat(), (parameters, pick, at) => {
        const partition = buildPartition({ ...parameters, midpoints: [false] });
        const splittable = partition.blocks
          .map((block, g) => ({ block, g }))
          .filter(({ block }) => block[2] - block[0] >= 2);
        if (splittable.length === 0) return;
        const { block, g } = splittable[pick % splittable.length]!;
        const [i0, j0, i1, j1] = block;
        const cut = i0 + 1 + (at % (i1 - i0 - 1));
        const before = countCensus(partitionDivision(partition)).byGrid.get(`g${g}`)!;
        const rings = [...partition.rings];
        rings[g] = blockRing(partition.at, i0, j0, cut, j1);
        rings.push(blockRing(partition.at, cut, j0, i1, j1));
        const after = countCensus(partitionDivision(partition, rings));
        const halves =
          after.byGrid.get(`g${g}`)!.households + after.byGrid.get(`g${rings.length - 1}`)!.households;
        expect(halves).toBe(before.households);
        expect(after.unassigned.points).toBe(0);
      }),
      RUNS,
    );
  });

  it('finds an injected gap, overlap or bump out of the parent with its area (±1 %)', () => {
    fc.assert(
      fc.property(
        partitionParameters,
        fc.nat(),
        fc.nat(),
        fc.boolean(),
        fc.double({ min: 0.05, max: 0.2, noNaN: true }),
        (parameters, pickGrid, pickSegment, outward, height) => {
          // No census points: one inside an injected gap would rightly be reported as unassigned too.
          const partition = buildPartition({ ...parameters, midpoints: [false], points: [] });
          const g = pickGrid % partition.blocks.length;
          const [i0, j0, i1, j1] = partition.blocks[g]!;
          // Lattice indices of the ring's vertices, in ring order.
          const indices = blockRing((i, j) => [i, j], i0, j0, i1, j1);
          const s = pickSegment % (indices.length - 1);
          const [ia, ja] = indices[s]! as [number, number];
          const [ib, jb] = indices[s + 1]! as [number, number];
          const onBoundary =
            (ia === ib && (ia === 0 || ia === partition.nx)) ||
            (ja === jb && (ja === 0 || ja === partition.ny));

          const ring = partition.rings[g]!;
          const a = ring[s]!;
          const b = ring[s + 1]!;
          const dx = b[0]! - a[0]!;
          const dy = b[1]! - a[1]!;
          // Rings are counter-clockwise: the outward normal is on the right of each edge.
          const sign = outward ? 1 : -1;
          const apex: Position = [
            (a[0]! + b[0]!) / 2 + sign * height * dy,
            (a[1]! + b[1]!) / 2 - sign * height * dx,
          ];
          const triangleM2 = polygonAreaM2({ type: 'Polygon', coordinates: [[a, b, apex, a]] });
          const rings = [...partition.rings];
          rings[g] = [...ring.slice(0, s + 1), apex, ...ring.slice(s + 1)];

          const report = validateDivision(partitionDivision(partition, rings), NO_TARGETS);
          const expectedRule = !outward ? 'gap' : onBoundary ? 'outside-parent' : 'overlap';
          expect(report.issues.map((issue) => issue.rule)).toEqual([expectedRule]);
          const issue = report.issues[0]!;
          expect(Math.abs(issue.areaM2! - triangleM2) / triangleM2).toBeLessThan(0.01);
          if (expectedRule === 'overlap') expect(issue.codes).toContain(gridCode(g));
          if (expectedRule === 'outside-parent') expect(issue.codes).toEqual([gridCode(g)]);
        },
      ),
      RUNS,
    );
  });
});
