import { metresPerDegree } from '../geometry';
import type { PageBox, PagePoint } from './map-scene';

/** A longitude/latitude box: west, south, east, north in degrees. */
export type LonLatBox = readonly [number, number, number, number];

/** Maps longitude/latitude onto a page box at one scale, north up. */
export interface PageProjection {
  readonly box: PageBox;
  /** The page point of a longitude and latitude. */
  project(lon: number, lat: number): PagePoint;
  /** Ground metres per page point (at the centre latitude). */
  readonly metresPerPoint: number;
  /** The longitude/latitude box the page box shows (wider than the fitted box on one axis). */
  readonly shown: LonLatBox;
}

/**
 * Fits a longitude/latitude box into a page box with a margin, keeping ground proportions: a degree of
 * longitude is shortened by the ratio of metres per degree of longitude to latitude (cos(lat) on the
 * ellipsoid) at the box's middle latitude, the scale that fits both axes is used and the result centred.
 * Good for the few kilometres of a township (the distortion of a plate carrée over that span is < 0.1%).
 */
export function fitProjection(bounds: LonLatBox, box: PageBox, marginPt = 0): PageProjection {
  const [west, south, east, north] = bounds;
  const midLat = (south + north) / 2;
  const midLon = (west + east) / 2;
  const perDegree = metresPerDegree(midLat);
  const squeeze = perDegree.lon / perDegree.lat;
  // A degenerate box (one point) still gets a finite scale: ~100 m across.
  const spanX = Math.max((east - west) * squeeze, 1e-3);
  const spanY = Math.max(north - south, 1e-3);
  const innerWidth = Math.max(box.width - 2 * marginPt, 1);
  const innerHeight = Math.max(box.height - 2 * marginPt, 1);
  const scale = Math.min(innerWidth / spanX, innerHeight / spanY);
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const halfLon = box.width / 2 / scale / squeeze;
  const halfLat = box.height / 2 / scale;
  return {
    box,
    project: (lon, lat) => [cx + (lon - midLon) * squeeze * scale, cy - (lat - midLat) * scale],
    metresPerPoint: perDegree.lat / scale,
    shown: [midLon - halfLon, midLat - halfLat, midLon + halfLon, midLat + halfLat],
  };
}

/** The union of boxes, or undefined for none. */
export function unionBox(boxes: Iterable<LonLatBox>): LonLatBox | undefined {
  let result: [number, number, number, number] | undefined;
  for (const b of boxes) {
    if (!result) result = [b[0], b[1], b[2], b[3]];
    else {
      result[0] = Math.min(result[0], b[0]);
      result[1] = Math.min(result[1], b[1]);
      result[2] = Math.max(result[2], b[2]);
      result[3] = Math.max(result[3], b[3]);
    }
  }
  return result;
}

/** Whether two longitude/latitude boxes touch or overlap. */
export function boxesIntersect(a: LonLatBox, b: LonLatBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/** A box grown by a fraction of its larger side on every side (at least `minDeg`). */
export function padBox(b: LonLatBox, fraction: number, minDeg = 0): LonLatBox {
  const pad = Math.max(Math.max(b[2] - b[0], b[3] - b[1]) * fraction, minDeg);
  return [b[0] - pad, b[1] - pad, b[2] + pad, b[3] + pad];
}
