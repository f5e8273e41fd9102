import type { ColumnarCensus } from '../model';
import type { ExportOptions } from './geojson';
import { censusFeatureJson, plainCensusFeatureJson } from './geojson';

/**
 * The Feature texts of a columnar census's points, in order: each exactly the point's
 * {@link censusFeatureJson}, but a plain point (no details, finite numbers) is written from the columns
 * without making its object. A city's million points then cost a string each, not an object tree each.
 */
export function* columnarCensusFeatureJson(
  census: ColumnarCensus,
  options: ExportOptions = {},
): Generator<string> {
  const { ids, lon, lat, households, population, details } = census.columns;
  const detailed = new Set<number>();
  for (const detail of details) detailed.add(detail.index);
  for (let index = 0; index < ids.length; index++) {
    const x = lon[index]!;
    const y = lat[index]!;
    const h = households[index]!;
    const p = population[index]!;
    const plain =
      !detailed.has(index) &&
      Number.isFinite(x) &&
      Number.isFinite(y) &&
      Number.isFinite(h) &&
      Number.isFinite(p);
    yield plain
      ? plainCensusFeatureJson(ids[index]!, h, p, undefined, x, y)
      : censusFeatureJson(census.at(index), options);
  }
}
