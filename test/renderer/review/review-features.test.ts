import { describe, expect, it } from 'vitest';
import { diffDivisions } from '../../../shared/diff';
import type { AreaGeometry, Grid } from '../../../shared/model';
import { divisionOf } from '../../../shared/model';
import {
  commentPins,
  commentPlace,
  diffFeatures,
  diffRowPlace,
} from '../../../renderer/review/review-features';
import { diffPattern } from '../../../renderer/map/use-review-overlay';

function square(x: number, y: number, size = 0.01): AreaGeometry {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [x, y],
        [x + size, y],
        [x + size, y + size],
        [x, y + size],
        [x, y],
      ],
    ],
  };
}

function grid(index: number, patch: Partial<Grid> = {}): Grid {
  return {
    layer: 'grid',
    id: `g${index}`,
    code: `510302001001${String(index).padStart(3, '0')}`,
    name: `第${index}网格`,
    parentCode: '510302001001',
    gridType: 'urban',
    geometry: square(104.7 + index * 0.01, 29.3),
    extra: {},
    ...patch,
  };
}

describe('the diff on the map', () => {
  const before = divisionOf({}, [grid(1), grid(2), grid(3)]);
  // Grid 1 renamed, grid 2 removed, grid 3 moved, grid 4 added.
  const after = divisionOf({}, [
    grid(1, { name: '改名' }),
    grid(3, { geometry: square(104.73, 29.3, 0.015) }),
    grid(4),
  ]);
  const diff = diffDivisions(before, after);

  it('draws added from the new side, removed from the old, changes with their old outline', () => {
    const features = diffFeatures(diff, before, after).features;
    const kinds = features.map((f): unknown[] => [f.properties?.kind, f.properties?.code]).sort();
    expect(kinds).toEqual(
      [
        ['added', grid(4).code],
        ['before', grid(3).code],
        ['changed', grid(1).code],
        ['changed', grid(3).code],
        ['removed', grid(2).code],
      ].sort(),
    );
    const removed = features.find((f) => f.properties?.kind === 'removed');
    expect(removed?.geometry).toEqual(grid(2).geometry);
    // Every shape names its table row, so a row and its shapes go together.
    for (const feature of features) {
      const change = diff.changes[feature.properties?.index as number]!;
      expect([...change.codes, ...change.fromCodes]).toContain(feature.properties?.code);
    }
  });

  it('zooms a row to a point inside its grid', () => {
    diff.changes.forEach((change, index) => {
      const at = diffRowPlace(diff, index, before, after)!;
      const code = change.kind === 'removed' ? (change.fromCodes[0] ?? change.codes[0]) : change.codes[0];
      const side = change.kind === 'removed' ? before : after;
      const target = [...side.grid.values()].find((g) => g.code === code)!;
      const ring = (target.geometry.coordinates as number[][][])[0]!;
      const xs = ring.map((p) => p[0]!);
      const ys = ring.map((p) => p[1]!);
      expect(at[0]).toBeGreaterThan(Math.min(...xs));
      expect(at[0]).toBeLessThan(Math.max(...xs));
      expect(at[1]).toBeGreaterThan(Math.min(...ys));
      expect(at[1]).toBeLessThan(Math.max(...ys));
    });
    expect(diffRowPlace(diff, 99, before, after)).toBeNull();
  });

  it('hatches each kind differently, so colour is never the only cue', () => {
    const rising = diffPattern('#0072B2', 'rising');
    const falling = diffPattern('#D55E00', 'falling');
    const ink = (p: { data: Uint8Array }) => [...p.data].filter((_, i) => i % 4 === 3).map((a) => a > 200);
    expect(ink(rising)).not.toEqual(ink(falling));
    expect(ink(diffPattern('#CC79A7', 'cross')).filter(Boolean).length).toBeGreaterThan(
      ink(rising).filter(Boolean).length,
    );
  });
});

describe('comment pins', () => {
  const division = divisionOf({}, [grid(1), grid(2)]);
  const comments = [
    { id: 'a', gridCode: grid(2).code, text: 't', author: 'r', createdAt: '2026-12-05' },
    { id: 'b', at: [104.5, 29.1] as const, text: 't', author: 'r', createdAt: '2026-12-05' },
    { id: 'c', gridCode: '999999999999999', text: 'gone', author: 'r', createdAt: '2026-12-05' },
  ];

  it('pins a grid comment inside its grid and a point comment at its point, numbered as listed', () => {
    const pins = commentPins(comments, new Set(['b']), division).features;
    expect(
      pins.map((p): unknown[] => [p.properties?.id, p.properties?.label, p.properties?.resolved]),
    ).toEqual([
      ['a', '1', false],
      ['b', '2', true],
    ]);
    expect(commentPlace(comments[1]!, division)).toEqual([104.5, 29.1]);
    const [x] = commentPlace(comments[0]!, division)!;
    expect(x).toBeGreaterThan(104.72);
    expect(x).toBeLessThan(104.73);
    // A comment on a grid that is no longer there has no place (it is still listed in 问题).
    expect(commentPlace(comments[2]!, division)).toBeNull();
  });
});
