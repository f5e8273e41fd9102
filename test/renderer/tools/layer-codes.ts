import type { Division } from '../../../shared/model';

/** The codes of a division's grids or micro-grids, sorted: what an edit made, whatever the ids. */
export function layerCodes(division: Division, layer: 'grid' | 'microgrid'): string[] {
  return [...division[layer].values()].map((entity) => entity.code).sort();
}
