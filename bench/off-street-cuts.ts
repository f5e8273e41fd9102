import type { Division, ReferenceLayer } from '../shared/model';
import { locatePoint, PointLocation } from '../shared/geometry/locate-point';
import { segmentLengthM } from '../shared/geometry/metres-per-degree';
import { preparePolygon } from '../shared/geometry/prepared-polygon';
import { guideLines, ringsOf } from './division-quality';
import { SegmentIndex } from './segment-index';
import type { GeneratedTownship } from './township-generator';

/** Where the internal grid boundary that is not on a guide line runs, as shares of all internal boundary. */
export interface OffStreetCuts {
  /** Across street blocks holding more than the band's maximum: such a block must be cut somewhere. */
  readonly inBlocksOverMax: number;
  /** Across blocks within the maximum, which could have stayed whole. */
  readonly inBlocksWithinMax: number;
  /** Along a block edge that has no street (a missing minor street). */
  readonly onBlockEdges: number;
}

/**
 * A diagnosis of the street share for a generated township (it knows the street blocks): how much of the
 * off-street boundary is forced by blocks over the band's maximum, and how much cuts blocks that need not be.
 */
export function offStreetCuts(
  division: Division,
  township: GeneratedTownship,
  guides: readonly ReferenceLayer[],
  maxHouseholds: number,
): OffStreetCuts {
  const blocks = township.blocks.map((block) => ({
    polygon: preparePolygon({ type: 'Polygon', coordinates: [[...block.corners, block.corners[0]]] }),
    households: 0,
  }));
  for (const point of division.census.values()) {
    const block = blocks.find((b) => locatePoint(b.polygon, point.lon, point.lat) === PointLocation.inside);
    if (block) block.households += point.households;
  }
  const streets = new SegmentIndex(guideLines(guides));
  const edges = new SegmentIndex(township.blocks.map((b) => [...b.corners, b.corners[0]]));
  const outlines = new SegmentIndex([...division.community.values()].flatMap((c) => ringsOf(c.geometry)));
  let internal = 0;
  let over = 0;
  let within = 0;
  let onEdges = 0;
  for (const grid of division.grid.values()) {
    for (const ring of ringsOf(grid.geometry)) {
      for (let k = 0; k + 1 < ring.length; k++) {
        const [ax, ay] = ring[k] as [number, number];
        const [bx, by] = ring[k + 1] as [number, number];
        const length = segmentLengthM(ax, ay, bx, by);
        const pieces = Math.max(1, Math.ceil(length / 10));
        for (let s = 0; s < pieces; s++) {
          const x = ax + ((bx - ax) * (s + 0.5)) / pieces;
          const y = ay + ((by - ay) * (s + 0.5)) / pieces;
          if (outlines.near(x, y, 0.5)) continue;
          internal += length / pieces;
          if (streets.near(x, y, 1)) continue;
          if (edges.near(x, y, 1)) {
            onEdges += length / pieces;
            continue;
          }
          const block = blocks.find((b) => locatePoint(b.polygon, x, y) !== PointLocation.outside);
          if (block && block.households > maxHouseholds) over += length / pieces;
          else within += length / pieces;
        }
      }
    }
  }
  const share = (value: number) => (internal > 0 ? value / internal : 0);
  return { inBlocksOverMax: share(over), inBlocksWithinMax: share(within), onBlockEdges: share(onEdges) };
}
