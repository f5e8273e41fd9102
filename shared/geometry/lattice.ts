import type { Position } from 'geojson';
import type { AreaGeometry } from '../model';

/**
 * Decimals of every coordinate the geometry operations write: 9, the most Terra Draw accepts. 1e-9° is
 * about 0.1 mm, so rounding never moves a boundary visibly, and 9 (not 8) keeps the rounding of
 * crossings ten times below the validator's 1e-8° edge tolerance.
 */
export const COORDINATE_DECIMALS = 9;

/** Lattice units per degree: operations compute on integers, in units of 1e-9°. */
export const UNITS_PER_DEGREE = 1e9;

/**
 * Degrees to lattice units. Exact for any coordinate with at most 9 decimals (what the editor holds):
 * such a value times 1e9 is within a few ulps of an integer, and rounding finds it.
 */
export function toUnits(degrees: number): number {
  return Math.round(degrees * UNITS_PER_DEGREE);
}

/**
 * Lattice units to degrees. The division is correctly rounded, so the result prints with at most
 * 9 decimals and `toUnits(toDegrees(u)) === u`.
 */
export function toDegrees(units: number): number {
  // `+ 0` turns -0 into 0 so that output never prints "-0".
  return units / UNITS_PER_DEGREE + 0;
}

/** Rounds a coordinate to {@link COORDINATE_DECIMALS} decimals. */
export function roundCoordinate(degrees: number): number {
  return toDegrees(toUnits(degrees));
}

/** Rounds a position to {@link COORDINATE_DECIMALS} decimals (longitude and latitude only). */
export function roundPosition(position: Position): Position {
  return [roundCoordinate(position[0]!), roundCoordinate(position[1]!)];
}

/**
 * Rounds every coordinate of an area geometry to {@link COORDINATE_DECIMALS} decimals, then drops
 * consecutive duplicates that rounding made (rings stay closed). Terra Draw refuses more decimals.
 */
export function roundGeometry<G extends AreaGeometry>(geometry: G): G {
  const ring = (positions: Position[]): Position[] => {
    const out: Position[] = [];
    for (const position of positions) {
      const rounded = roundPosition(position);
      const last = out[out.length - 1];
      if (last && last[0] === rounded[0] && last[1] === rounded[1]) continue;
      out.push(rounded);
    }
    return out;
  };
  const polygon = (rings: Position[][]): Position[][] => rings.map(ring);
  if (geometry.type === 'Polygon')
    return { type: 'Polygon', coordinates: polygon(geometry.coordinates) } as G;
  return { type: 'MultiPolygon', coordinates: geometry.coordinates.map(polygon) } as G;
}

/** The polygons of an area geometry, as Polygon coordinate arrays. */
export function polygonsOf(geometry: AreaGeometry): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}
