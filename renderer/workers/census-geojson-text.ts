/** Points per piece of text joined at the end: one string per point would be a million small strings. */
const PIECE = 10_000;

/**
 * The census layer's FeatureCollection as JSON text: one Point per census point with its households, in
 * the same shape the map drew before (`properties.households`, summed by the clusters). Non-finite
 * coordinates (kept by the model, reported by the validator) are left out: JSON has no NaN.
 */
export function censusGeoJsonText(
  lon: Float64Array,
  lat: Float64Array,
  households: Uint32Array | Float64Array,
): string {
  const pieces: string[] = [];
  let piece = '';
  let first = true;
  for (let index = 0; index < lon.length; index++) {
    const x = lon[index]!;
    const y = lat[index]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const count = households[index]!;
    piece += `${first ? '' : ','}{"type":"Feature","properties":{"households":${Number.isFinite(count) ? count : 0}},"geometry":{"type":"Point","coordinates":[${x},${y}]}}`;
    first = false;
    if (index % PIECE === PIECE - 1) {
      pieces.push(piece);
      piece = '';
    }
  }
  pieces.push(piece);
  return `{"type":"FeatureCollection","features":[${pieces.join('')}]}`;
}
