import type { LineString, Polygon, Position } from 'geojson';
import { area, feature, length } from '@turf/turf';
import type { LocalText } from '../../shared/model';
import { text } from '../../shared/model';

/** One mu (亩), the area unit Chinese planners and villagers count land in: 10,000/15 m². */
export const SQUARE_METRES_PER_MU = 10_000 / 15;
const SQUARE_METRES_PER_HECTARE = 10_000;

/** What the measure tool measured: a path's length, or a closed shape's area and perimeter. */
export interface Measurement {
  readonly kind: 'distance' | 'area';
  /** Geodesic length of the path (distance) or of the outline (area), in metres. */
  readonly lengthM: number;
  /** Geodesic area in m² (area only; 0 for a distance). */
  readonly areaM2: number;
}

function distinctVertices(positions: readonly Position[]): number {
  return new Set(positions.map((p) => `${p[0]},${p[1]}`)).size;
}

/**
 * Measures a path or a closed shape on the WGS84 sphere with Turf (`length`, `area`: geodesic, about
 * 0.1–0.5 % from the CGCS2000 ellipsoid the reports use, plenty for a planner's measuring tape).
 * Undefined until there is something to measure (two points for a distance, three for an area).
 */
export function measureShape(shape: LineString | Polygon): Measurement | undefined {
  if (shape.type === 'LineString') {
    if (distinctVertices(shape.coordinates) < 2) return undefined;
    return { kind: 'distance', lengthM: length(feature(shape), { units: 'kilometers' }) * 1000, areaM2: 0 };
  }
  const ring = shape.coordinates[0] ?? [];
  if (distinctVertices(ring) < 3) return undefined;
  return {
    kind: 'area',
    lengthM:
      length(feature<LineString>({ type: 'LineString', coordinates: ring }), { units: 'kilometers' }) * 1000,
    areaM2: area(shape),
  };
}

function fixed(value: number, digits: number): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A length as planners read it: metres below 1 km (one decimal under 100 m), else kilometres. */
export function formatLength(metres: number): LocalText {
  if (metres < 1000) {
    const value = fixed(metres, metres < 100 ? 1 : 0);
    return text(`${value} 米`, `${value} m`);
  }
  const value = fixed(metres / 1000, 3);
  return text(`${value} 公里`, `${value} km`);
}

/** An area in square metres, mu (亩) and hectares (公顷), and square kilometres from 1 km² on. */
export function formatArea(squareMetres: number): LocalText {
  const m2 = fixed(squareMetres, squareMetres < 100 ? 1 : 0);
  const mu = fixed(squareMetres / SQUARE_METRES_PER_MU, 2);
  const ha = fixed(squareMetres / SQUARE_METRES_PER_HECTARE, 2);
  const km2 = squareMetres >= 1_000_000 ? fixed(squareMetres / 1_000_000, 3) : undefined;
  return text(
    `${m2} 平方米 · ${mu} 亩 · ${ha} 公顷${km2 ? ` · ${km2} 平方公里` : ''}`,
    `${m2} m² · ${mu} mu · ${ha} ha${km2 ? ` · ${km2} km²` : ''}`,
  );
}

/** The line the measure tool shows: "距离 1.234 公里" or "面积 … ，周长 …". */
export function measurementText(measurement: Measurement): LocalText {
  const lengthText = formatLength(measurement.lengthM);
  if (measurement.kind === 'distance') return text(`距离 ${lengthText.zh}`, `Distance ${lengthText.en}`);
  const areaText = formatArea(measurement.areaM2);
  return text(
    `面积 ${areaText.zh}；周长 ${lengthText.zh}`,
    `Area ${areaText.en}; perimeter ${lengthText.en}`,
  );
}
