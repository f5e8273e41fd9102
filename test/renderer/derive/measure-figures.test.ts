import { describe, expect, it } from 'vitest';
import {
  formatArea,
  formatLength,
  measureShape,
  measurementText,
  SQUARE_METRES_PER_MU,
} from '../../../renderer/derive/measure-figures';

describe('measure figures', () => {
  it('measures a path along a meridian as the geodesic length (0.01° ≈ 1,112 m)', () => {
    const measured = measureShape({
      type: 'LineString',
      coordinates: [
        [104.7, 29.35],
        [104.7, 29.36],
      ],
    })!;
    expect(measured.kind).toBe('distance');
    expect(measured.lengthM).toBeGreaterThan(1105);
    expect(measured.lengthM).toBeLessThan(1118);
    expect(measurementText(measured).zh).toMatch(/^距离 1\.1\d\d 公里$/);
  });

  it('measures an area in 平方米, 亩 and 公顷 with its perimeter', () => {
    // About 100 m × 100 m at 29.35° N.
    const dLon = 100 / (111_320 * Math.cos((29.35 * Math.PI) / 180));
    const dLat = 100 / 110_860;
    const measured = measureShape({
      type: 'Polygon',
      coordinates: [
        [
          [104.7, 29.35],
          [104.7 + dLon, 29.35],
          [104.7 + dLon, 29.35 + dLat],
          [104.7, 29.35 + dLat],
          [104.7, 29.35],
        ],
      ],
    })!;
    expect(measured.kind).toBe('area');
    expect(measured.areaM2).toBeGreaterThan(9_900);
    expect(measured.areaM2).toBeLessThan(10_100);
    expect(measured.lengthM).toBeGreaterThan(395);
    expect(measured.lengthM).toBeLessThan(405);
    const words = measurementText(measured);
    expect(words.zh).toMatch(/^面积 [\d,]+ 平方米 · 1[45]\.\d\d 亩 · 1\.00 公顷；周长 \d+ 米$/);
    expect(words.en).toMatch(/^Area [\d,]+ m² · 1[45]\.\d\d mu · 1\.00 ha; perimeter \d+ m$/);
  });

  it('waits for enough points: two for a distance, three for an area', () => {
    expect(measureShape({ type: 'LineString', coordinates: [[1, 1]] })).toBeUndefined();
    expect(
      measureShape({
        type: 'LineString',
        coordinates: [
          [1, 1],
          [1, 1],
        ],
      }),
    ).toBeUndefined();
    expect(
      measureShape({
        type: 'Polygon',
        coordinates: [
          [
            [1, 1],
            [2, 2],
            [1, 1],
          ],
        ],
      }),
    ).toBeUndefined();
  });

  it('writes lengths and areas as planners read them', () => {
    expect(formatLength(56.78).zh).toBe('56.8 米');
    expect(formatLength(856.4).zh).toBe('856 米');
    expect(formatLength(12_345).en).toBe('12.345 km');
    expect(formatArea(SQUARE_METRES_PER_MU).zh).toBe('667 平方米 · 1.00 亩 · 0.07 公顷');
    expect(formatArea(2_500_000).zh).toBe('2,500,000 平方米 · 3,750.00 亩 · 250.00 公顷 · 2.500 平方公里');
  });
});
