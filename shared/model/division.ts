import type { Division, DivisionMeta, Entity, EntityOf, Layer } from './types';
import { LAYERS } from './types';

/** A division with nothing in it. */
export function emptyDivision(meta: Partial<DivisionMeta> = {}): Division {
  return {
    meta: {
      name: meta.name ?? '',
      ruleSetId: meta.ruleSetId ?? 'zigong',
      ...(meta.sourceZoneEpsg !== undefined ? { sourceZoneEpsg: meta.sourceZoneEpsg } : {}),
      extra: meta.extra ?? {},
    },
    township: new Map(),
    community: new Map(),
    grid: new Map(),
    microgrid: new Map(),
    census: new Map(),
  };
}

/** Builds a division from a list of entities. A later entity with the same layer and id wins. */
export function divisionOf(meta: Partial<DivisionMeta>, entities: Iterable<Entity>): Division {
  const maps = {
    township: new Map<string, EntityOf<'township'>>(),
    community: new Map<string, EntityOf<'community'>>(),
    grid: new Map<string, EntityOf<'grid'>>(),
    microgrid: new Map<string, EntityOf<'microgrid'>>(),
    census: new Map<string, EntityOf<'census'>>(),
  };
  for (const entity of entities) {
    (maps[entity.layer] as Map<string, Entity>).set(entity.id, entity);
  }
  return { ...emptyDivision(meta), ...maps };
}

/** Every entity of a division, layer by layer in profile order. */
export function* entitiesOf(division: Division): Generator<Entity> {
  for (const layer of LAYERS) {
    yield* division[layer].values();
  }
}

/** Looks one entity up by layer and id. */
export function getEntity<L extends Layer>(
  division: Division,
  layer: L,
  id: string,
): EntityOf<L> | undefined {
  return (division[layer] as ReadonlyMap<string, Entity>).get(id) as EntityOf<L> | undefined;
}

/** Counts entities per layer. */
export function countByLayer(division: Division): Record<Layer, number> {
  return {
    township: division.township.size,
    community: division.community.size,
    grid: division.grid.size,
    microgrid: division.microgrid.size,
    census: division.census.size,
  };
}
