import type { Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { Grid } from '../../../shared/model';
import { divisionOf } from '../../../shared/model';
import { vertexEditChange } from '../../../renderer/editor/vertex-edit';

const grid = (id: string, ring: Position[], locked = false): Grid => ({
  layer: 'grid',
  id,
  code: `510302003001${id}`,
  name: id,
  parentCode: '510302003001',
  gridType: 'urban',
  geometry: { type: 'Polygon', coordinates: [ring] },
  extra: {},
  ...(locked ? { locked: true } : {}),
});

// Two squares sharing the edge x = 104.75 from y = 29.35 to 29.36.
const westRing: Position[] = [
  [104.74, 29.35],
  [104.75, 29.35],
  [104.75, 29.36],
  [104.74, 29.36],
  [104.74, 29.35],
];
const eastRing: Position[] = [
  [104.75, 29.35],
  [104.76, 29.35],
  [104.76, 29.36],
  [104.75, 29.36],
  [104.75, 29.35],
];
const polygon = (coordinates: Position[]): Polygon => ({ type: 'Polygon', coordinates: [coordinates] });
const moveCorner = (ring: Position[], from: Position, to: Position): Position[] =>
  ring.map((p) => (p[0] === from[0] && p[1] === from[1] ? to : p));

describe('vertex edits and locks', () => {
  it('refuses editing a locked grid, naming it', () => {
    const west = grid('001', westRing, true);
    const division = divisionOf({}, [west, grid('002', eastRing)]);
    const after = moveCorner(westRing, [104.74, 29.35], [104.739, 29.349]);
    const result = vertexEditChange(division, west, polygon(after), true, '移动顶点');
    expect(!result.ok && result.problems[0]!.kind).toBe('locked');
    expect(!result.ok && result.problems[0]!.message.zh).toContain('510302003001001');
  });

  it('a vertex shared with a locked grid does not move; an unshared one does', () => {
    const west = grid('001', westRing);
    const division = divisionOf({}, [west, grid('002', eastRing, true)]);
    const shared = moveCorner(westRing, [104.75, 29.35], [104.7505, 29.3495]);
    const refused = vertexEditChange(division, west, polygon(shared), true, '移动顶点');
    expect(!refused.ok && refused.problems[0]!.message.en).toContain('510302003001002');
    const own = moveCorner(westRing, [104.74, 29.35], [104.739, 29.349]);
    expect(vertexEditChange(division, west, polygon(own), true, '移动顶点').ok).toBe(true);
  });

  it('a vertex inserted on an edge shared with a locked grid leaves its outline and is allowed', () => {
    const west = grid('001', westRing);
    const division = divisionOf({}, [west, grid('002', eastRing, true)]);
    const inserted = [westRing[0]!, westRing[1]!, [104.75, 29.355], westRing[2]!, westRing[3]!, westRing[0]!];
    const result = vertexEditChange(division, west, polygon(inserted), true, '插入顶点');
    expect(result.ok).toBe(true);
  });
});
