import type { Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { Grid } from '../../../shared/model';
import { applyChange, divisionOf } from '../../../shared/model';
import { diffRing, vertexEditChange } from '../../../renderer/editor/vertex-edit';

const grid = (id: string, ring: Position[]): Grid => ({
  layer: 'grid',
  id,
  code: `510302003001${id}`,
  name: id,
  parentCode: '510302003001',
  gridType: 'urban',
  geometry: { type: 'Polygon', coordinates: [ring] },
  extra: {},
});

// Two squares sharing the edge x = 104.75 from y = 29.35 to 29.36.
const west = grid('001', [
  [104.74, 29.35],
  [104.75, 29.35],
  [104.75, 29.36],
  [104.74, 29.36],
  [104.74, 29.35],
]);
const east = grid('002', [
  [104.75, 29.35],
  [104.76, 29.35],
  [104.76, 29.36],
  [104.75, 29.36],
  [104.75, 29.35],
]);
const division = divisionOf({}, [west, east]);

const ring = (g: Grid): Position[] => (g.geometry as Polygon).coordinates[0]!;
const polygon = (coordinates: Position[]): Polygon => ({ type: 'Polygon', coordinates: [coordinates] });

describe('diffRing', () => {
  it('finds a moved, an inserted and a deleted vertex', () => {
    const a = ring(west);
    const moved = a.map((p, i) => (i === 1 ? [104.751, 29.349] : p));
    moved[moved.length - 1] = moved[0]!;
    expect(diffRing(a, moved)).toEqual({ kind: 'move', from: [104.75, 29.35], to: [104.751, 29.349] });
    const inserted = [a[0]!, a[1]!, [104.75, 29.355], a[2]!, a[3]!, a[0]!];
    expect(diffRing(a, inserted)).toEqual({ kind: 'insert', at: [104.75, 29.355], edge: [a[1], a[2]] });
    expect(diffRing(a, [a[0]!, a[1]!, a[2]!, a[0]!])).toEqual({ kind: 'delete', at: a[3] });
    expect(diffRing(a, a)).toEqual({ kind: 'none' });
  });
});

describe('vertexEditChange', () => {
  it('moves a shared corner in both grids when topological editing is on', () => {
    const after = ring(west).map((p) => (p[0] === 104.75 && p[1] === 29.35 ? [104.7505, 29.3495] : p));
    const result = vertexEditChange(division, west, polygon(after), true, '移动顶点');
    if (!result.ok) throw new Error(result.problems[0]!.message.en);
    const next = applyChange(division, result.value).division;
    expect(ring(next.grid.get('001')!)).toContainEqual([104.7505, 29.3495]);
    expect(ring(next.grid.get('002')!)).toContainEqual([104.7505, 29.3495]);
  });

  it('moves it in the edited grid only when topological editing is off', () => {
    const after = ring(west).map((p) => (p[0] === 104.75 && p[1] === 29.35 ? [104.7505, 29.3495] : p));
    const result = vertexEditChange(division, west, polygon(after), false, '移动顶点');
    if (!result.ok) throw new Error(result.problems[0]!.message.en);
    expect(result.value.put.map((g) => g.id)).toEqual(['001']);
  });

  it('inserts a vertex on a shared edge into both grids', () => {
    const a = ring(west);
    const after = [a[0]!, a[1]!, [104.75, 29.355], a[2]!, a[3]!, a[0]!];
    const result = vertexEditChange(division, west, polygon(after), true, '插入顶点');
    if (!result.ok) throw new Error(result.problems[0]!.message.en);
    const next = applyChange(division, result.value).division;
    for (const id of ['001', '002']) expect(ring(next.grid.get(id)!).length).toBe(6);
  });
});
