import type { Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { polygonAreaM2 } from '../../../shared/geometry/ellipsoid-area';
import { preparePolygon } from '../../../shared/geometry/prepared-polygon';
import { builtinRuleSet, divisionOf } from '../../../shared/model';
import { PieceCollector } from '../../../shared/validate/coverage-pieces';
import { parentCoverage } from '../../../shared/validate/parent-coverage';
import { sweepCoverage, sweepSteps } from '../../../shared/validate/sweep-coverage';
import { SweepTooComplex } from '../../../shared/validate/sweep-too-complex';
import { validateDivision } from '../../../shared/validate/validate-division';
import { community, grid, polygon, rect, township } from './entities';
import { star } from '../geometry/tangles';

/**
 * A valid comb: a bar along the bottom of [x0, x1] and `teeth` thin teeth of distinct heights, so a sweep
 * has one slab per tooth with most teeth crossing it (its work grows with the square of the teeth).
 */
function comb(x0: number, y0: number, x1: number, y1: number, teeth: number): Polygon {
  const width = (x1 - x0) / teeth;
  const bar = y0 + (y1 - y0) / 10;
  const ring: Position[] = [
    [x0, y0],
    [x1, y0],
  ];
  for (let i = teeth - 1; i >= 0; i--) {
    const top = bar + ((y1 - bar) * (teeth - i)) / (teeth + 1);
    ring.push([x0 + (i + 1) * width, bar], [x0 + (i + 1) * width, top], [x0 + (i + 0.5) * width, top]);
    ring.push([x0 + (i + 0.5) * width, bar]);
  }
  return polygon(ring);
}

describe('coverage sweeps of bounded work', () => {
  it('stop at the step limit and leave the next sweep right', () => {
    const parent = preparePolygon(rect(0, 0, 0.02, 0.02));
    const tangle = preparePolygon(star(0.01, 0.01, 0.009, 61));
    let visited = 0;
    expect(() => sweepCoverage([parent, tangle], () => visited++, { maxSteps: 5_000 })).toThrow(
      SweepTooComplex,
    );
    // It was stopped part way, with stretches inside both polygons open.
    expect(visited).toBeGreaterThan(0);
    const left = preparePolygon(rect(0, 0, 0.01, 0.02));
    const coverage = parentCoverage(parent, [left]);
    expect(coverage.gaps).toHaveLength(1);
    expect(coverage.gaps[0]!.areaM2).toBeCloseTo(polygonAreaM2(rect(0.01, 0, 0.02, 0.02)), 2);
    expect(coverage.outside[0]).toEqual([]);
  });

  it('know the steps a polygon alone takes before sweeping it', () => {
    const teeth = preparePolygon(comb(0, 0, 0.04, 0.01, 50));
    const steps = sweepSteps(teeth);
    // One tooth's two sides span that tooth's slabs; the first tooth is the tallest (50 slabs).
    expect(steps).toBeGreaterThan(50 * 50);
    expect(() => sweepCoverage([teeth], () => {}, { maxSteps: steps })).not.toThrow();
    expect(() => sweepCoverage([teeth], () => {}, { maxSteps: steps - 1 })).toThrow(SweepTooComplex);
    expect(sweepSteps(preparePolygon(rect(0, 0, 1, 1)))).toBe(2);
  });

  it('join hundreds of stretches per slab into the right pieces', () => {
    // Up to just below the shortest tooth of a comb of 400, the parent has 400 gaps left of its teeth,
    // joined by nothing: 400 pieces. Up to above the tallest, the gaps are joined above: one piece.
    const teeth = 400;
    const child = preparePolygon(comb(0, 0, 0.04, 0.01, teeth));
    const apart = parentCoverage(preparePolygon(rect(0, 0, 0.04, 0.00102)), [child]);
    expect(apart.gaps).toHaveLength(teeth);
    const joined = parentCoverage(preparePolygon(rect(0, 0, 0.04, 0.011)), [child]);
    expect(joined.gaps).toHaveLength(1);
    const childArea = polygonAreaM2(comb(0, 0, 0.04, 0.01, teeth));
    expect(joined.gaps[0]!.areaM2).toBeCloseTo(polygonAreaM2(rect(0, 0, 0.04, 0.011)) - childArea, 0);
  });

  it('join like the walk over every pair did: below a slab too thin to split, and on a tie', () => {
    const ring = (...points: Position[]) => preparePolygon(polygon(points));
    // The slab under 3 + 2e-14 keeps crossing edges, so its tops are out of order: read whole.
    const coverage = parentCoverage(ring([3, 2], [5, 0], [5, 3 + 2e-14], [4, 3 + 1e-14], [3, 3]), [
      ring([6, 6], [3, 3], [6, 2]),
      ring([1, 3], [3, 0], [7, 3 + 2e-14], [1, 3 + 1e-14]),
    ]);
    expect(coverage.outside[0]).toHaveLength(1);
    // Two trapezoids of one gap tie for the largest: the later piece's mark stays, as before.
    const tie = parentCoverage(preparePolygon(rect(0, 0, 5, 3)), [preparePolygon(rect(2, 0, 3, 2.9))]);
    expect(tie.gaps).toHaveLength(1);
    expect(tie.gaps[0]!.at).toEqual([4, 1.45]);
  });

  it('stop collecting pieces at the piece limit', () => {
    const collector = new PieceCollector(50);
    const parent = preparePolygon(rect(0, 0, 0.04, 0.0099));
    const child = preparePolygon(comb(0, 0, 0.04, 0.01, 100));
    expect(() =>
      sweepCoverage(
        [parent, child],
        (interval, inside, insideCount) => {
          if (inside[0] && insideCount === 1) collector.add(0, interval);
        },
        { onSlab: (y0, y1) => collector.startSlab(y0, y1) },
      ),
    ).toThrow(SweepTooComplex);
  });
});

describe('validation of boundaries too complex to sweep', () => {
  const T = '510302001000';
  const C = '510302001001';
  const zigong = builtinRuleSet('zigong')!;

  // 10,000 teeth: the comb's own sweep is known to pass the step limit before any sweep. 4,400 teeth:
  // within the step limit, the sweep of its community stops at the limit of intervals added to gaps.
  it.each([10_000, 4_400])('reports a valid comb of %i teeth as too complex to check', (teeth) => {
    const report = validateDivision(
      divisionOf({}, [
        township(T, rect(104, 29, 104.02, 29.01)),
        community(C, rect(104, 29, 104.02, 29.01)),
        grid(`${C}001`, C, comb(104, 29, 104.02, 29.01, teeth)),
      ]),
      zigong,
    );
    const rules = report.issues.map((issue) => issue.rule);
    expect(rules).toContain('too-complex');
    expect(rules).not.toContain('gap');
    expect(rules).not.toContain('invalid-geometry');
    const issue = report.issues.find((each) => each.rule === 'too-complex')!;
    expect(issue.codes).toEqual([C]);
    expect(issue.severity).toBe('error');
  });
});
