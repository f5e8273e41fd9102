import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CensusColumnBuilder } from '../../../shared/formats/census-column-builder';
import type { CensusPoint } from '../../../shared/model';
import { ColumnarCensus } from '../../../shared/model';

function point(id: string, at: number, more: Partial<CensusPoint> = {}): CensusPoint {
  return {
    layer: 'census',
    id,
    lon: 104 + at / 1e6,
    lat: 29 - at / 1e6,
    households: at % 7,
    population: at % 13,
    extra: {},
    ...more,
  };
}

/** Adds the points in turn to the builder and to a Map that refuses a taken id; both must agree. */
function expectAsMap(points: readonly CensusPoint[]): void {
  const builder = new CensusColumnBuilder();
  const model = new Map<string, CensusPoint>();
  for (const p of points) {
    expect(builder.has(p.id)).toBe(model.has(p.id));
    const plain = p.address === undefined && p.personal === undefined && Object.keys(p.extra).length === 0;
    const added = plain ? builder.add(p.id, p.lon, p.lat, p.households, p.population) : builder.addPoint(p);
    expect(added).toBe(!model.has(p.id));
    if (added) model.set(p.id, p);
    expect(builder.size).toBe(model.size);
  }
  const census = builder.census();
  expect(census).toEqual(model);
  expect([...census.keys()]).toEqual([...model.keys()]);
  if (model.size > 0) expect(census).toBeInstanceOf(ColumnarCensus);
}

describe('CensusColumnBuilder', () => {
  it('keeps points in order, refuses a taken id and keeps details only where there are any', () => {
    expectAsMap([
      point('a', 1),
      point('b', 2, { address: '一号' }),
      point('a', 3),
      point('c', 4, { extra: { 备注: 'x' }, personal: { 姓名: '张三' } }),
      point('b', 5),
      point('', 6),
      point('é', 7, { address: '' }),
    ]);
    expectAsMap([]);
  });

  it('stays a set of ids through growth: thousands of points, every tenth a repeat', () => {
    // Numbered ids (a bit set), ids of no number or another prefix (the hash table), and both mixed.
    for (const name of [
      (k: number) => `p${k}`,
      (k: number) => `x${k}y`,
      (k: number) => (k % 3 ? `p${k}` : `q${k}`),
    ]) {
      const points: CensusPoint[] = [];
      for (let k = 0; k < 6000; k++) points.push(point(name(k % 10 === 9 ? k - 500 : k), k));
      expectAsMap(points);
    }
  });

  it('tells numbered ids from others that look alike', () => {
    const ids = [
      'p1',
      'p01',
      'p1x',
      'q1',
      'p',
      '1',
      'p123456789',
      'p12345678',
      'p00',
      'p0',
      'p1',
      'p01',
      'p123456789',
      'P1',
      'p０',
    ];
    expectAsMap(ids.map((id, at) => point(id, at)));
    expectAsMap(['a', 'b7', 'b07', 'b7', 'a'].map((id, at) => point(id, at)));
  });

  it('answers as a map that refuses taken ids (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            id: fc.string({ unit: fc.constantFrom('a', 'b', '0', '1', '9', '~', '网'), maxLength: 4 }),
            address: fc.option(fc.string({ maxLength: 3 }), { nil: undefined }),
          }),
          { maxLength: 300 },
        ),
        (drawn) =>
          expectAsMap(
            drawn.map(({ id, address }, at) => point(id, at, address === undefined ? {} : { address })),
          ),
      ),
      { numRuns: 200 },
    );
  });
});
