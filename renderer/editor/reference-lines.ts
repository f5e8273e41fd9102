import type { Position } from 'geojson';
import type { LineInput } from '../../shared/geometry/snap-coordinate';
import type { ReferenceGeometry, ReferenceLayer } from '../../shared/model';

/** A box [minX, minY, maxX, maxY] in degrees. */
export type Box = readonly [number, number, number, number];

/** The polylines of a reference geometry: lines as they are, polygons as their rings. */
export function linesOf(geometry: ReferenceGeometry): readonly (readonly Position[])[] {
  switch (geometry.type) {
    case 'LineString':
      return [geometry.coordinates];
    case 'MultiLineString':
    case 'Polygon':
      return geometry.coordinates;
    case 'MultiPolygon':
      return geometry.coordinates.flat();
  }
}

function boxOfLines(lines: readonly (readonly Position[])[]): Box {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const line of lines)
    for (const [x, y] of line) {
      if (x! < minX) minX = x!;
      if (y! < minY) minY = y!;
      if (x! > maxX) maxX = x!;
      if (y! > maxY) maxY = y!;
    }
  return [minX, minY, maxX, maxY];
}

interface IndexedLines {
  readonly input: LineInput;
  readonly box: Box;
}

// Per layer object (layers are immutable: a change makes a new object), its features as boxed lines.
const indexed = new WeakMap<ReferenceLayer, IndexedLines[]>();

function indexedLines(layer: ReferenceLayer): IndexedLines[] {
  let list = indexed.get(layer);
  if (!list) {
    list = layer.features.map((feature, index) => {
      const lines = linesOf(feature.geometry);
      return { input: { id: `${layer.id}#${index}`, lines }, box: boxOfLines(lines) };
    });
    indexed.set(layer, list);
  }
  return list;
}

/**
 * The lines of the visible reference layers whose box comes within `margin` degrees of `box`: what a
 * pointer there can snap to or trace along. Hidden layers are not snap targets (the planner cannot
 * see them).
 */
export function visibleReferenceLines(
  layers: readonly ReferenceLayer[],
  box: Box,
  margin: number,
): LineInput[] {
  const out: LineInput[] = [];
  for (const layer of layers) {
    if (!layer.visible) continue;
    for (const { input, box: b } of indexedLines(layer)) {
      if (
        b[2] < box[0] - margin ||
        b[0] > box[2] + margin ||
        b[3] < box[1] - margin ||
        b[1] > box[3] + margin
      )
        continue;
      out.push(input);
    }
  }
  return out;
}
