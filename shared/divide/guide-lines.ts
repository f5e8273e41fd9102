import type { LineString, MultiLineString, Position } from 'geojson';
import type { ReferenceLayer } from '../model';
import { isLineRole } from '../model';
import type { Box } from '../geometry/box-index';

/**
 * The guide lines (roads, rivers, railways) that come near a box, as runs of consecutive segments that
 * meet it: a township-wide street layer adds only its local pieces to a community's overlay.
 */
export function guideLinesNear(guides: readonly ReferenceLayer[], box: Box, marginDeg = 1e-5): Position[][] {
  const runs: Position[][] = [];
  const minX = box.minX - marginDeg;
  const minY = box.minY - marginDeg;
  const maxX = box.maxX + marginDeg;
  const maxY = box.maxY + marginDeg;
  const meets = (a: Position, b: Position): boolean =>
    Math.max(a[0]!, b[0]!) >= minX &&
    Math.min(a[0]!, b[0]!) <= maxX &&
    Math.max(a[1]!, b[1]!) >= minY &&
    Math.min(a[1]!, b[1]!) <= maxY;
  for (const layer of guides) {
    if (!isLineRole(layer.role)) continue;
    for (const feature of layer.features) {
      const geometry = feature.geometry as LineString | MultiLineString | { type: string } | null;
      if (!geometry) continue;
      const lines =
        geometry.type === 'LineString'
          ? [(geometry as LineString).coordinates]
          : geometry.type === 'MultiLineString'
            ? (geometry as MultiLineString).coordinates
            : [];
      for (const line of lines) {
        let run: Position[] = [];
        for (let i = 0; i + 1 < line.length; i++) {
          const a = line[i]!;
          const b = line[i + 1]!;
          if (
            !Number.isFinite(a[0]) ||
            !Number.isFinite(a[1]) ||
            !Number.isFinite(b[0]) ||
            !Number.isFinite(b[1])
          )
            continue;
          if (meets(a, b)) {
            if (run.length === 0) run.push(a);
            run.push(b);
          } else if (run.length > 0) {
            runs.push(run);
            run = [];
          }
        }
        if (run.length > 1) runs.push(run);
      }
    }
  }
  return runs;
}
