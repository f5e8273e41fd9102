import type { Position } from 'geojson';
import { polygonsOf } from '../../shared/geometry/lattice';
import type { TraceLine } from '../../shared/geometry/trace-line-network';
import { LineNetwork, tracePath } from '../../shared/geometry/trace-line-network';
import type { Division, ReferenceLayer } from '../../shared/model';
import type { Box } from './reference-lines';
import { visibleReferenceLines } from './reference-lines';

/** How far around the drawn shape (degrees, ~500 m) lines are taken into the network: a traced path
 * may leave the shape's box, but not by much in practice, and a small network is quick to build. */
const TRACE_MARGIN_DEG = 0.005;

function boxOf(points: readonly Position[]): Box {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of points) {
    minX = Math.min(minX, x!);
    minY = Math.min(minY, y!);
    maxX = Math.max(maxX, x!);
    maxY = Math.max(maxY, y!);
  }
  return [minX, minY, maxX, maxY];
}

function near(box: Box, other: Box, margin: number): boolean {
  return !(
    other[2] < box[0] - margin ||
    other[0] > box[2] + margin ||
    other[3] < box[1] - margin ||
    other[1] > box[3] + margin
  );
}

/**
 * Trace mode (追踪): every step of a drawn shape whose two clicks lie on the same line network —
 * visible reference lines, and the boundaries of communities, grids and micro-grids — follows that
 * network between them, so the new edge is made of the existing vertices (bit-identical). Steps
 * between points the network does not join stay straight. `closed` for a polygon ring.
 */
export function traceDrawn(
  drawn: readonly Position[],
  closed: boolean,
  division: Division,
  references: readonly ReferenceLayer[],
): Position[] {
  const box = boxOf(drawn);
  const lines: TraceLine[] = [];
  for (const input of visibleReferenceLines(references, box, TRACE_MARGIN_DEG)) lines.push(...input.lines);
  for (const layer of ['community', 'grid', 'microgrid'] as const) {
    for (const entity of division[layer].values()) {
      for (const rings of polygonsOf(entity.geometry)) {
        const outer = rings[0];
        if (!outer || !near(box, boxOf(outer), TRACE_MARGIN_DEG)) continue;
        lines.push(...rings);
      }
    }
  }
  if (lines.length === 0) return [...drawn];
  return tracePath(drawn, new LineNetwork(lines), closed);
}
