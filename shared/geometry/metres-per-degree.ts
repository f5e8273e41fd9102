/** GRS80 (CGCS2000) semi-major axis in metres and eccentricity squared. */
const SEMI_MAJOR_M = 6378137;
const FLATTENING = 1 / 298.257222101;
const E2 = FLATTENING * (2 - FLATTENING);
const RAD = Math.PI / 180;

/**
 * Metres per degree of longitude and of latitude at a latitude, on the CGCS2000 ellipsoid. Used to turn
 * a tolerance or a shared-edge length into metres: over a grid (hundreds of metres) the scale varies by
 * less than 1e-4, far below what a snapping tolerance or a "longest shared edge" needs.
 */
export function metresPerDegree(latDeg: number): { readonly lon: number; readonly lat: number } {
  const s = Math.sin(latDeg * RAD);
  const w = Math.sqrt(1 - E2 * s * s);
  const primeVertical = SEMI_MAJOR_M / w;
  const meridional = (SEMI_MAJOR_M * (1 - E2)) / (w * w * w);
  return { lon: primeVertical * Math.cos(latDeg * RAD) * RAD, lat: meridional * RAD };
}

/** Length in metres of the straight segment between two [lon, lat] positions (local scale at its middle). */
export function segmentLengthM(ax: number, ay: number, bx: number, by: number): number {
  const scale = metresPerDegree((ay + by) / 2);
  return Math.hypot((bx - ax) * scale.lon, (by - ay) * scale.lat);
}
