import type { Entity } from '../../shared/model';

/**
 * The longitude/latitude box of entities (areas by their vertices, census points by their position), for
 * framing a project, an area asked for or what an import brought in; null when none has a usable coordinate.
 */
export function boundsOfEntities(
  entities: readonly Entity[],
): readonly [number, number, number, number] | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const visit = (x: number, y: number): void => {
    if (!(Number.isFinite(x) && Number.isFinite(y) && Math.abs(x) <= 180 && Math.abs(y) <= 90)) return;
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  };
  const walk = (coordinates: unknown): void => {
    if (!Array.isArray(coordinates)) return;
    if (typeof coordinates[0] === 'number') visit(coordinates[0], Number(coordinates[1]));
    else coordinates.forEach(walk);
  };
  for (const entity of entities) {
    if (entity.layer === 'census') visit(entity.lon, entity.lat);
    else walk(entity.geometry.coordinates);
  }
  return minX === Infinity ? null : [minX, minY, maxX, maxY];
}
