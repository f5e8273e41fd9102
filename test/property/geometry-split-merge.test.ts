import fc from 'fast-check';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { mergePolygons } from '../../shared/geometry/merge-polygons';
import { splitPolygonByLine } from '../../shared/geometry/split-polygon-by-line';
import { countCensus } from '../../shared/geometry/count-census';
import { polygonAreaM2 } from '../../shared/geometry/ellipsoid-area';
import { edgesOf, expectValidOutput } from '../shared/geometry/geometry-test-helpers';
import {
  censusPoints,
  communityOf,
  division,
  gridOf,
  issuesOf,
  lineThrough,
  onBoundary,
  RUNS,
  starParameters,
  starPolygon,
  tiling,
  tilingParameters,
} from './geometry-arbitraries';

/** Refusals a random line may meet; anything else (e.g. a failed overlay) is a bug. */
const EXPECTED_REFUSALS = ['line-not-through', 'line-misses', 'line-loops', 'tiny-part'];

/**
 * A crossing must be a 9-decimal vertex. It is put on the crossed edge when a lattice point lies on it
 * (to ~1e-13° typically), but an edge whose slope is close to a simple fraction or to an axis may have
 * none within the search window: the edge then bends by up to 0.5e-9° (0.05 mm) at the crossing, which
 * moves at most a few square centimetres between the polygon and its neighbour (who takes the same vertex,
 * so the division as a whole loses nothing: see the tiling property). Typical grids see ~1e-10.
 */
const LATTICE_SLACK_M2 = 0.01;

const splitCase = starParameters.chain((star) =>
  fc.tuple(fc.constant(star), lineThrough(star), censusPoints),
);

function households(parts: readonly Polygon[], points: Parameters<typeof division>[0]): number {
  const counts = countCensus(division([...parts.map((part, i) => gridOf(i, part)), ...points]));
  return [...counts.byGrid.values()].reduce((sum, tally) => sum + tally.households, 0);
}

describe('split by a random line', () => {
  it('keeps the total area (±1e-9 relative + the lattice slack) and the households, cut edges identical', () => {
    fc.assert(
      fc.property(splitCase, ([star, line, points]) => {
        const polygon = starPolygon(star);
        const result = splitPolygonByLine(polygon, line);
        if (!result.ok) {
          expect(EXPECTED_REFUSALS).toContain(result.problems[0]!.kind);
          return;
        }
        const { parts } = result.value;
        expect(parts.length).toBeGreaterThanOrEqual(2);
        parts.forEach(expectValidOutput);
        const original = polygonAreaM2(polygon);
        const total = parts.reduce((sum, part) => sum + polygonAreaM2(part), 0);
        expect(Math.abs(total - original)).toBeLessThanOrEqual(1e-9 * original + LATTICE_SLACK_M2);
        expect(households(parts, points)).toBe(households([polygon], points));
        // An edge used by one part lies on the original boundary; every cut edge is used by two parts,
        // bit for bit.
        const uses = new Map<string, number>();
        for (const part of parts) for (const edge of edgesOf(part)) uses.set(edge, (uses.get(edge) ?? 0) + 1);
        for (const [edge, count] of uses) {
          expect(count).toBeLessThanOrEqual(2);
          if (count === 2) continue;
          const [[ax, ay], [bx, by]] = edge.split('|').map((p) => p.split(',').map(Number)) as [
            [number, number],
            [number, number],
          ];
          // Within 1e-9°: a crossing lies on the edge it cuts, or at worst 0.5e-9° off (see LATTICE_SLACK_M2).
          expect(onBoundary(polygon, (ax + bx) / 2, (ay + by) / 2, 1e-9)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('merges back to the original area (merge ∘ split)', () => {
    fc.assert(
      fc.property(splitCase, ([star, line]) => {
        const polygon = starPolygon(star);
        const split = splitPolygonByLine(polygon, line);
        if (!split.ok) return;
        const merged = mergePolygons(split.value.parts);
        expect(merged.ok).toBe(true);
        if (!merged.ok) return;
        expectValidOutput(merged.value);
        const original = polygonAreaM2(polygon);
        expect(Math.abs(polygonAreaM2(merged.value) - original)).toBeLessThanOrEqual(
          1e-9 * original + LATTICE_SLACK_M2,
        );
      }),
      RUNS,
    );
  });

  it('splitting one grid of a tiling leaves no gap or overlap, neighbours sharing the new vertices', () => {
    const tilingCase = tilingParameters.chain((parameters) =>
      fc.tuple(
        fc.constant(parameters),
        fc.nat(),
        fc.double({ min: 0, max: Math.PI, noNaN: true }),
        fc.double({ min: -0.3, max: 0.3, noNaN: true }),
      ),
    );
    fc.assert(
      fc.property(tilingCase, ([parameters, pick, angle, offset]) => {
        const { community, cells } = tiling(parameters);
        const index = pick % cells.length;
        const cell = cells[index]!;
        const ring = cell.coordinates[0]!;
        const cx = ring.slice(0, 4).reduce((s, p) => s + p[0]!, 0) / 4;
        const cy = ring.slice(0, 4).reduce((s, p) => s + p[1]!, 0) / 4;
        const reach = 2 * parameters.cell;
        const [dx, dy] = [Math.cos(angle), Math.sin(angle)];
        const [ox, oy] = [-dy * offset * parameters.cell, dx * offset * parameters.cell];
        const line = [
          [Number((cx + ox - dx * reach).toFixed(9)), Number((cy + oy - dy * reach).toFixed(9))],
          [Number((cx + ox + dx * reach).toFixed(9)), Number((cy + oy + dy * reach).toFixed(9))],
        ];
        const neighbours = cells
          .map((geometry, i) => ({ id: String(i), geometry }))
          .filter((n) => n.id !== String(index));
        const result = splitPolygonByLine(cell, line, { neighbours });
        if (!result.ok) {
          expect(EXPECTED_REFUSALS).toContain(result.problems[0]!.kind);
          return;
        }
        const updated = new Map(result.value.neighbours.map((n) => [n.id, n.geometry]));
        result.value.neighbours.forEach((n) => expectValidOutput(n.geometry));
        const grids = [...neighbours.map((n) => updated.get(n.id) ?? n.geometry), ...result.value.parts].map(
          (geometry, i) => gridOf(i, geometry),
        );
        expect(
          issuesOf(division([communityOf(community), ...grids]), ['overlap', 'gap', 'invalid-geometry']),
        ).toEqual([]);
        // Every edge of a part on a neighbour's boundary is an edge of that neighbour, bit for bit.
        for (const part of result.value.parts) {
          for (const edge of edgesOf(part)) {
            const [[ax, ay], [bx, by]] = edge.split('|').map((p) => p.split(',').map(Number)) as [
              [number, number],
              [number, number],
            ];
            for (const n of neighbours) {
              const geometry = updated.get(n.id) ?? n.geometry;
              if (onBoundary(geometry, (ax + bx) / 2, (ay + by) / 2, 1e-10))
                expect(edgesOf(geometry)).toContain(edge);
            }
          }
        }
      }),
      RUNS,
    );
  });
});
