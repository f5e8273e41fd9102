import type { Position } from 'geojson';
import type { ReferenceLayer } from '../../shared/model';

/**
 * The bounding box of a neighbour's grid in the project's reference layers (a pulled city layer names
 * each feature's `code` and `township`), so a refused overlap can be shown on the map; undefined when no
 * layer holds it.
 */
export function referenceFeatureBounds(
  layers: readonly ReferenceLayer[],
  code: string,
  township: string,
): readonly [number, number, number, number] | undefined {
  for (const layer of layers) {
    for (const feature of layer.features) {
      const properties = feature.properties ?? {};
      if (properties.code !== code || properties.township !== township) continue;
      const geometry = feature.geometry;
      const positions: Position[] =
        geometry.type === 'LineString'
          ? geometry.coordinates
          : geometry.type === 'MultiLineString' || geometry.type === 'Polygon'
            ? geometry.coordinates.flat()
            : geometry.coordinates.flat(2);
      let box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
      for (const [x = NaN, y = NaN] of positions) {
        box = [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)];
      }
      return Number.isFinite(box[0]) ? box : undefined;
    }
  }
  return undefined;
}
