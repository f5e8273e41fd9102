import type { Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { mergePolygons } from '../../../shared/geometry/merge-polygons';
import { splitPolygonByLine } from '../../../shared/geometry/split-polygon-by-line';
import type { SplitResult } from '../../../shared/geometry/split-polygon-by-line';
import { polygonAreaM2 } from '../../../shared/geometry/ellipsoid-area';
import { expectValidOutput, polygon, rect, sharedEdges, verticesOf } from './geometry-test-helpers';

const X = 104.75;
const Y = 29.36;
const S = 0.004;
/** A 400 m square grid. */
const SQUARE = rect(X, Y, X + S, Y + S);

function split(
  p: Polygon,
  line: Position[],
  neighbours: { id: string; geometry: Polygon }[] = [],
): SplitResult {
  const result = splitPolygonByLine(p, line, { neighbours });
  if (!result.ok) throw new Error(result.problems[0]!.message.en);
  return result.value;
}

function refusal(p: Polygon, line: Position[]): string {
  const result = splitPolygonByLine(p, line);
  if (result.ok) throw new Error('expected a refusal');
  return result.problems[0]!.kind;
}

function totalArea(parts: readonly Polygon[]): number {
  return parts.reduce((sum, part) => sum + polygonAreaM2(part), 0);
}

describe('splitPolygonByLine', () => {
  it('cuts a square in two along a slanted line, parts adding up to the original', () => {
    const { parts } = split(SQUARE, [
      [X - 0.001, Y + 0.0013],
      [X + S + 0.001, Y + 0.0031],
    ]);
    expect(parts).toHaveLength(2);
    parts.forEach(expectValidOutput);
    const original = polygonAreaM2(SQUARE);
    expect(Math.abs(totalArea(parts) - original) / original).toBeLessThan(1e-9);
    expect(polygonAreaM2(parts[0]!)).toBeGreaterThanOrEqual(polygonAreaM2(parts[1]!));
  });

  it('builds both parts from the same cut vertices: one shared edge, bit for bit', () => {
    const { parts } = split(SQUARE, [
      [X - 0.001, Y + 0.0013],
      [104.752, 29.3621],
      [X + S + 0.001, Y + 0.0031],
    ]);
    // The cut is two segments through the drawn vertex.
    expect(sharedEdges(parts[0]!, parts[1]!)).toHaveLength(2);
    expect(verticesOf(parts[0]!)).toContain('104.752,29.3621');
  });

  it('puts the crossings on the existing edges (a slanted edge stays straight to ~1e-13°)', () => {
    const diamond = polygon([
      [X, Y],
      [X + 0.0031, Y + 0.0011],
      [X + 0.0042, Y + 0.0043],
      [X + 0.0009, Y + 0.0029],
    ]);
    const { parts } = split(diamond, [
      [X - 0.001, Y + 0.0017],
      [X + 0.005, Y + 0.0023],
    ]);
    const original = polygonAreaM2(diamond);
    expect(Math.abs(totalArea(parts) - original) / original).toBeLessThan(1e-10);
  });

  it('gives three parts to a zig-zag that crosses four times', () => {
    const { parts } = split(SQUARE, [
      [X - 0.001, Y + 0.001],
      [X + 0.001, Y + 0.001],
      [X + 0.002, Y + S + 0.001],
      [X + 0.003, Y + 0.002],
      [X + S + 0.001, Y + 0.002],
    ]);
    expect(parts).toHaveLength(3);
    parts.forEach(expectValidOutput);
    const original = polygonAreaM2(SQUARE);
    expect(Math.abs(totalArea(parts) - original) / original).toBeLessThan(1e-9);
  });

  it('cuts both arms of a U with one straight line', () => {
    const u = polygon([
      [X, Y],
      [X + 0.003, Y],
      [X + 0.003, Y + 0.003],
      [X + 0.002, Y + 0.003],
      [X + 0.002, Y + 0.001],
      [X + 0.001, Y + 0.001],
      [X + 0.001, Y + 0.003],
      [X, Y + 0.003],
    ]);
    const { parts } = split(u, [
      [X - 0.001, Y + 0.002],
      [X + 0.004, Y + 0.002],
    ]);
    expect(parts).toHaveLength(3);
    parts.forEach(expectValidOutput);
  });

  it('splits a polygon with a hole, the line passing through the hole', () => {
    const holed = polygon(
      [
        [X, Y],
        [X + S, Y],
        [X + S, Y + S],
        [X, Y + S],
      ],
      [
        [X + 0.001, Y + 0.001],
        [X + 0.001, Y + 0.003],
        [X + 0.003, Y + 0.003],
        [X + 0.003, Y + 0.001],
      ],
    );
    const { parts } = split(holed, [
      [X - 0.001, Y + 0.002],
      [X + S + 0.001, Y + 0.002],
    ]);
    expect(parts).toHaveLength(2);
    parts.forEach((part) => expect(part.coordinates).toHaveLength(1));
    const original = polygonAreaM2(holed);
    expect(Math.abs(totalArea(parts) - original) / original).toBeLessThan(1e-9);
  });

  it('cuts exactly through a vertex without inventing a new one there', () => {
    const { parts } = split(SQUARE, [
      [X - 0.001, Y - 0.001],
      [X + S + 0.001, Y + S + 0.001],
    ]);
    expect(parts).toHaveLength(2);
    for (const part of parts) expect(part.coordinates[0]).toHaveLength(4);
  });

  it('gives a neighbour sharing the cut edge the same new vertex, and leaves others alone', () => {
    const east = rect(X + S, Y, X + 2 * S, Y + S);
    const north = rect(X, Y + S, X + S, Y + 2 * S);
    const { parts, neighbours } = split(
      SQUARE,
      [
        [X - 0.001, Y + 0.0013],
        [X + S + 0.001, Y + 0.0031],
      ],
      [
        { id: 'east', geometry: east },
        { id: 'north', geometry: north },
      ],
    );
    expect(neighbours.map((n) => n.id)).toEqual(['east']);
    const updated = neighbours[0]!.geometry;
    expectValidOutput(updated);
    // Both parts share an edge with the east neighbour, bit for bit.
    for (const part of parts) expect(sharedEdges(part, updated)).toHaveLength(1);
    expect(polygonAreaM2(updated)).toBeCloseTo(polygonAreaM2(east), 6);
  });

  it('merges back to the original area', () => {
    const { parts } = split(SQUARE, [
      [X - 0.001, Y + 0.0013],
      [X + S + 0.001, Y + 0.0031],
    ]);
    const merged = mergePolygons(parts);
    expect(merged.ok).toBe(true);
    if (!merged.ok) return;
    const original = polygonAreaM2(SQUARE);
    expect(Math.abs(polygonAreaM2(merged.value) - original) / original).toBeLessThan(1e-9);
  });

  describe('refuses', () => {
    it('a line that misses the grid', () => {
      expect(
        refusal(SQUARE, [
          [X - 0.002, Y - 0.001],
          [X - 0.001, Y + 0.005],
        ]),
      ).toBe('line-misses');
    });

    it('a line with both ends inside', () => {
      expect(
        refusal(SQUARE, [
          [X + 0.001, Y + 0.001],
          [X + 0.003, Y + 0.002],
        ]),
      ).toBe('line-not-through');
    });

    it('a line that goes in and stops inside', () => {
      expect(
        refusal(SQUARE, [
          [X - 0.001, Y + 0.001],
          [X + 0.003, Y + 0.002],
        ]),
      ).toBe('line-not-through');
    });

    it('a line that loops inside the grid', () => {
      expect(
        refusal(SQUARE, [
          [X + 0.001, Y + 0.001],
          [X + 0.003, Y + 0.001],
          [X + 0.003, Y + 0.003],
          [X + 0.001, Y + 0.003],
          [X + 0.001, Y + 0.0009],
        ]),
      ).toBe('line-loops');
    });

    it('a cut that would leave a sliver', () => {
      expect(
        refusal(SQUARE, [
          [X - 0.001, Y + 0.00000001],
          [X + S + 0.001, Y + 0.000000015],
        ]),
      ).toBe('tiny-part');
    });

    it('a line of one point', () => {
      expect(
        refusal(SQUARE, [
          [X, Y],
          [X, Y],
        ]),
      ).toBe('short-line');
    });

    it('an invalid polygon', () => {
      const bowTie = polygon([
        [X, Y],
        [X + S, Y + S],
        [X + S, Y],
        [X, Y + S],
      ]);
      expect(
        refusal(bowTie, [
          [X - 0.001, Y + 0.001],
          [X + S + 0.001, Y + 0.001],
        ]),
      ).toBe('invalid-geometry');
    });

    it('with a message a planner can act on, in Chinese and English', () => {
      const result = splitPolygonByLine(SQUARE, [
        [X + 0.001, Y + 0.001],
        [X + 0.003, Y + 0.002],
      ]);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.problems[0]!.message.zh).toContain('请画一条从网格外穿过网格到网格外的线');
      expect(result.problems[0]!.message.en).toContain('Draw a line from outside the grid');
    });
  });
});
