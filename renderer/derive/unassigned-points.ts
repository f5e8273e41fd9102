import type { Feature, FeatureCollection, Point } from 'geojson';
import type { Division } from '../../shared/model';
import type { ValidationIssue } from '../../shared/validate';

/**
 * The census points the validator found in no grid (or in none of their grid's micro-grids), as map
 * points: the unassigned-point issues sum them up per community, the map shows each one. `issue` is
 * the key of the issue that counts the point, so the chosen issue's points can be told apart.
 */
export function unassignedPoints(division: Division, issues: readonly ValidationIssue[]): FeatureCollection {
  const features: Feature<Point>[] = [];
  for (const issue of issues) {
    if (issue.rule !== 'unassigned-point') continue;
    for (const id of issue.ids) {
      const point = division.census.get(id);
      if (!point || !Number.isFinite(point.lon) || !Number.isFinite(point.lat)) continue;
      features.push({
        type: 'Feature',
        properties: { issue: issue.key, households: point.households },
        geometry: { type: 'Point', coordinates: [point.lon, point.lat] },
      });
    }
  }
  return { type: 'FeatureCollection', features };
}
