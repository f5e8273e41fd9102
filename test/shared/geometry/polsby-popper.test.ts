import type { Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { perimeterM, polsbyPopper } from '../../../shared/geometry/polsby-popper';
import { metresPerDegree } from '../../../shared/geometry/metres-per-degree';

/** A square of `sideM` metres centred near (104.78, 29.35), in degrees. */
function square(sideM: number, lon = 104.78, lat = 29.35): Polygon {
  const scale = metresPerDegree(lat);
  const dx = sideM / scale.lon;
  const dy = sideM / scale.lat;
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lon, lat],
        [lon + dx, lat],
        [lon + dx, lat + dy],
        [lon, lat + dy],
        [lon, lat],
      ],
    ],
  };
}

function regularPolygon(sides: number, radiusM: number): Polygon {
  const lat = 29.35;
  const scale = metresPerDegree(lat);
  const ring: Position[] = [];
  for (let i = 0; i < sides; i++) {
    const angle = (2 * Math.PI * i) / sides;
    ring.push([
      104.78 + (radiusM * Math.cos(angle)) / scale.lon,
      lat + (radiusM * Math.sin(angle)) / scale.lat,
    ]);
  }
  ring.push([...ring[0]!]);
  return { type: 'Polygon', coordinates: [ring] };
}

describe('polsbyPopper', () => {
  it('gives π/4 for a square and nearly 1 for a many-sided regular polygon', () => {
    expect(polsbyPopper(square(400))).toBeCloseTo(Math.PI / 4, 3);
    expect(polsbyPopper(regularPolygon(360, 300))).toBeGreaterThan(0.999);
    expect(polsbyPopper(regularPolygon(360, 300))).toBeLessThanOrEqual(1);
  });

  it('falls as a rectangle gets thinner', () => {
    const lat = 29.35;
    const scale = metresPerDegree(lat);
    const strip = (lengthM: number, widthM: number): Polygon => ({
      type: 'Polygon',
      coordinates: [
        [
          [104.78, lat],
          [104.78 + lengthM / scale.lon, lat],
          [104.78 + lengthM / scale.lon, lat + widthM / scale.lat],
          [104.78, lat + widthM / scale.lat],
          [104.78, lat],
        ],
      ],
    });
    // 4π·LW / (2(L+W))² for L = 4W: 16π/100.
    expect(polsbyPopper(strip(800, 200))).toBeCloseTo((16 * Math.PI) / 100, 3);
    expect(polsbyPopper(strip(2000, 20))).toBeLessThan(0.04);
  });

  it('measures a perimeter in metres, holes included, and a multipolygon as a whole', () => {
    expect(perimeterM(square(250))).toBeCloseTo(1000, 0);
    const outer = square(300).coordinates[0]!;
    const hole = square(100, 104.781, 29.3505).coordinates[0]!.slice().reverse();
    const holed: Polygon = { type: 'Polygon', coordinates: [outer, hole] };
    expect(perimeterM(holed)).toBeCloseTo(1600, 0);
    expect(polsbyPopper(holed)).toBeLessThan(polsbyPopper(square(300)));
    const two = {
      type: 'MultiPolygon' as const,
      coordinates: [square(200).coordinates, square(200, 104.8).coordinates],
    };
    // Twice the area over twice the perimeter squared: half a square's score.
    expect(polsbyPopper(two)).toBeCloseTo(Math.PI / 8, 3);
  });

  it('gives 0 for an empty or degenerate geometry', () => {
    expect(polsbyPopper({ type: 'Polygon', coordinates: [] })).toBe(0);
    expect(
      polsbyPopper({
        type: 'Polygon',
        coordinates: [
          [
            [1, 1],
            [1, 1],
            [1, 1],
            [1, 1],
          ],
        ],
      }),
    ).toBe(0);
  });
});
