import { describe, expect, it } from 'vitest';
import { polygonAreaM2, trapezoidAreaM2 } from '../../../shared/geometry/ellipsoid-area';
import { overlapPieces } from '../../../shared/validate/overlap-pieces';
import { parentCoverage } from '../../../shared/validate/parent-coverage';
import { preparePolygon } from '../../../shared/geometry/prepared-polygon';
import { DEFAULT_PIECE_TOLERANCE, significantPieces } from '../../../shared/validate/significant-pieces';
import { polygon, rect } from './entities';

const sum = (pieces: readonly { areaM2: number }[]): number => pieces.reduce((s, p) => s + p.areaM2, 0);

describe('coverage sweep', () => {
  it('finds the overlap of two rectangles with its ellipsoidal area', () => {
    const a = preparePolygon(rect(104, 29, 104.01, 29.01));
    const b = preparePolygon(rect(104.008, 29.002, 104.02, 29.02));
    const pieces = overlapPieces(a, b);
    expect(pieces).toHaveLength(1);
    const expected = polygonAreaM2(rect(104.008, 29.002, 104.01, 29.01));
    expect(pieces[0]!.areaM2).toBeCloseTo(expected, 3);
    expect(pieces[0]!.at[0]).toBeGreaterThan(104.008);
    expect(pieces[0]!.at[0]).toBeLessThan(104.01);
  });

  it('finds overlaps of crossing triangles (edges crossing inside slabs)', () => {
    const a = preparePolygon(
      polygon([
        [0, 0],
        [2, 0],
        [1, 2],
      ]),
    );
    const b = preparePolygon(
      polygon([
        [0, 1.5],
        [1, -0.5],
        [2, 1.5],
      ]),
    );
    const pieces = overlapPieces(a, b);
    // Area of the intersection computed in degrees² (a hexagon), compared on the same scale.
    const inDeg2 = sum(pieces) / trapezoidAreaM2(0, 1, 1, 1);
    expect(pieces.length).toBe(1);
    expect(inDeg2).toBeGreaterThan(1.2);
    expect(inDeg2).toBeLessThan(1.6);
  });

  it('reports nothing for neighbours sharing an edge, exactly or with 1e-9 degree noise', () => {
    const a = preparePolygon(rect(104, 29, 104.01, 29.01));
    const exact = preparePolygon(rect(104.01, 29, 104.02, 29.01));
    expect(overlapPieces(a, exact)).toEqual([]);
    const noisy = preparePolygon(
      polygon([
        [104.01 - 1e-9, 29 + 1e-9],
        [104.02, 29],
        [104.02, 29.01],
        [104.01 + 1e-9, 29.01 - 1e-9],
        [104.01 - 1e-9, 29.005],
      ]),
    );
    expect(significantPieces(overlapPieces(a, noisy), DEFAULT_PIECE_TOLERANCE)).toEqual([]);
  });

  it('finds gaps and parts outside the parent', () => {
    const parent = preparePolygon(rect(104, 29, 104.03, 29.01));
    const left = preparePolygon(rect(104, 29, 104.01, 29.01));
    const right = preparePolygon(rect(104.02, 29, 104.035, 29.01));
    const coverage = parentCoverage(parent, [left, right]);
    expect(coverage.gaps).toHaveLength(1);
    expect(coverage.gaps[0]!.areaM2).toBeCloseTo(polygonAreaM2(rect(104.01, 29, 104.02, 29.01)), 2);
    expect(coverage.outside[0]).toEqual([]);
    expect(sum(coverage.outside[1]!)).toBeCloseTo(polygonAreaM2(rect(104.03, 29, 104.035, 29.01)), 2);
  });

  it('keeps separate gaps apart and joins an L-shaped gap', () => {
    const parent = preparePolygon(rect(0, 0, 3, 3));
    const children = [rect(0, 0, 1, 1), rect(2, 0, 3, 1), rect(0, 2, 3, 3), rect(1, 1, 2, 2)].map(
      preparePolygon,
    );
    const coverage = parentCoverage(parent, children);
    // Uncovered: [1,2]x[0,1] (touches [0,1]x[1,2] only at a corner) and [0,1]x[1,2] and [2,3]x[1,2].
    expect(coverage.gaps).toHaveLength(3);
  });

  it('agrees with an equal-area projection (proj4 Lambert azimuthal equal-area on GRS80) within 0.01 %', async () => {
    const proj4 = (await import('proj4')).default;
    // proj4 (through shpjs) needs x_0/y_0 spelled out, or it returns NaN.
    const cea = '+proj=laea +lat_0=39.9 +lon_0=116.4 +x_0=0 +y_0=0 +ellps=GRS80 +units=m +no_defs';
    const ring: number[][] = [];
    for (let i = 0; i < 40; i++) {
      const angle = (2 * Math.PI * i) / 40;
      ring.push([
        116.4 + 0.03 * Math.cos(angle),
        39.9 + 0.02 * Math.sin(angle) * (1 + 0.3 * Math.cos(3 * angle)),
      ]);
    }
    // Densify edges so straight-in-degrees and straight-in-projection agree.
    const dense: number[][] = [];
    for (let i = 0; i < ring.length; i++) {
      const p = ring[i]!;
      const q = ring[(i + 1) % ring.length]!;
      for (let t = 0; t < 50; t++)
        dense.push(
          proj4('WGS84', cea, [p[0]! + ((q[0]! - p[0]!) * t) / 50, p[1]! + ((q[1]! - p[1]!) * t) / 50]),
        );
    }
    let planar = 0;
    for (let i = 0; i < dense.length; i++) {
      const p = dense[i]!;
      const q = dense[(i + 1) % dense.length]!;
      planar += p[0]! * q[1]! - q[0]! * p[1]!;
    }
    planar /= 2;
    const ours = polygonAreaM2(polygon(ring));
    expect(Math.abs(ours - planar) / planar).toBeLessThan(1e-4);
    // The sweep gives the same area as the ring formula.
    const swept = parentCoverage(preparePolygon(polygon(ring)), []).gaps;
    expect(sum(swept) / ours).toBeCloseTo(1, 9);
  });
});
