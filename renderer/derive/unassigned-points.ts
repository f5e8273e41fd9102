import type { Feature, FeatureCollection, Point } from 'geojson';
import type { Division } from '../../shared/model';
import { censusPointsOf } from '../../shared/model';
import type { ValidationIssue } from '../../shared/validate';

/**
 * The census points the validator found in no grid (or in none of their grid's micro-grids), as map
 * points: the unassigned-point issues sum them up per community, the map shows each one. `issue` is
 * the key of the issue that counts the point, so the chosen issue's points can be told apart.
 */
export function unassignedPoints(division: Division, issues: readonly ValidationIssue[]): FeatureCollection {
  const features: Feature<Point>[] = [];
  const unassigned = issues.filter((issue) => issue.rule === 'unassigned-point');
  // Looked up together: a columnar census finds a few ids without building its index of every id.
  const points = censusPointsOf(
    division.census,
    unassigned.flatMap((issue) => issue.ids),
  );
  for (const issue of unassigned) {
    for (const id of issue.ids) {
      const point = points.get(id);
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
