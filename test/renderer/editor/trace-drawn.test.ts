import { describe, expect, it } from 'vitest';
import type { Position } from 'geojson';
import { roundPosition } from '../../../shared/geometry/lattice';
import type { Grid, ReferenceLayer } from '../../../shared/model';
import { divisionOf } from '../../../shared/model';
import { snapToDivision } from '../../../renderer/editor/snap-to-division';
import { traceDrawn } from '../../../renderer/editor/trace-drawn';

const X = 104.75;
const Y = 29.36;
/** A winding street from west to east, with a vertex every ~100 m. */
const STREET: Position[] = [0, 1, 2, 3, 4, 5].map((i) =>
  roundPosition([X + i * 0.001, Y + (i % 2) * 0.0003]),
);

function streets(visible = true): ReferenceLayer {
  return {
    id: 'roads',
    name: '道路',
    role: 'road',
    visible,
    features: [{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: STREET } }],
  };
}

const EMPTY = divisionOf({ name: 't', ruleSetId: 'zigong' }, []);

describe('snapToDivision with reference layers', () => {
  it('snaps to a visible street vertex or edge and ignores hidden layers', () => {
    const near = [STREET[2]![0]! + 0.00002, STREET[2]![1]! + 0.00001];
    expect(snapToDivision(EMPTY, near, 0.0001, [streets()])).toEqual({ position: STREET[2], kind: 'vertex' });
    expect(snapToDivision(EMPTY, near, 0.0001, [streets(false)])).toBeUndefined();
    const mid = snapToDivision(EMPTY, [X + 0.0005, Y + 0.00016], 0.0001, [streets()]);
    expect(mid?.kind).toBe('edge');
  });
});

describe('traceDrawn', () => {
  it('makes a drawn edge between two clicks on a street follow the street vertex for vertex', () => {
    const north = Y + 0.002;
    const ring: Position[] = [STREET[0]!, STREET[5]!, [X + 0.005, north], [X, north], STREET[0]!];
    const traced = traceDrawn(ring, true, EMPTY, [streets()]);
    expect(traced).toEqual([...STREET, [X + 0.005, north], [X, north], STREET[0]]);
    // Hidden, it is not followed.
    expect(traceDrawn(ring, true, EMPTY, [streets(false)])).toEqual(ring);
  });

  it('follows an existing grid boundary between two of its corners', () => {
    const grid: Grid = {
      layer: 'grid',
      id: 'g',
      code: '1',
      name: 'g',
      parentCode: 'c',
      gridType: 'urban',
      staff: [],
      status: 'draft',
      extra: {},
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [X, Y],
            [X + 0.002, Y],
            [X + 0.002, Y + 0.001],
            [X + 0.001, Y + 0.0012],
            [X, Y + 0.001],
            [X, Y],
          ],
        ],
      },
    };
    const division = divisionOf({ name: 't', ruleSetId: 'zigong' }, [grid]);
    const line: Position[] = [
      [X + 0.002, Y + 0.001],
      [X, Y + 0.001],
      [X, Y + 0.003],
    ];
    expect(traceDrawn(line, false, division, [])).toEqual([
      [X + 0.002, Y + 0.001],
      [X + 0.001, Y + 0.0012],
      [X, Y + 0.001],
      [X, Y + 0.003],
    ]);
  });
});
