import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CensusPoint } from '../../../shared/model';
import {
  applyChange,
  censusColumnsOf,
  censusNumbersOf,
  censusPointsOf,
  ColumnarCensus,
  concatCensusNumbers,
  concatPackedIds,
  decodeCensus,
  divisionOf,
  encodeCensus,
  packedIdsOf,
  packIds,
  unpackIds,
} from '../../../shared/model';

const censusPointArbitrary: fc.Arbitrary<CensusPoint> = fc.record(
  {
    layer: fc.constant('census' as const),
    id: fc.string({ minLength: 1, maxLength: 4 }),
    lon: fc.double({ min: 73, max: 135, noNaN: true }),
    lat: fc.double({ min: 18, max: 54, noNaN: true }),
    households: fc.oneof(fc.nat(1000), fc.constant(1.5), fc.constant(-1)),
    population: fc.nat(5000),
    extra: fc.oneof(
      fc.constant({}),
      fc.dictionary(fc.constantFrom('楼栋', 'note'), fc.string(), { maxKeys: 2 }),
    ),
    address: fc.string({ maxLength: 6 }),
    personal: fc.record({ name: fc.string({ maxLength: 3 }) }),
  },
  { requiredKeys: ['layer', 'id', 'lon', 'lat', 'households', 'population', 'extra'] },
);

/** What the census was before it became columns: a plain map, the last point of a repeated id kept. */
function plainMapOf(points: readonly CensusPoint[]): Map<string, CensusPoint> {
  return new Map(points.map((point) => [point.id, point]));
}

describe('ColumnarCensus', () => {
  it('answers every map question as the plain map of the same points does', () => {
    fc.assert(
      fc.property(
        fc.array(censusPointArbitrary, { maxLength: 30 }),
        fc.string({ maxLength: 4 }),
        (points, probe) => {
          const columns = encodeCensus(points);
          const census = ColumnarCensus.of(columns);
          const plain = plainMapOf(points);
          expect(census.size).toBe(plain.size);
          expect([...census.keys()]).toEqual([...plain.keys()]);
          expect([...census.values()]).toEqual([...plain.values()]);
          expect([...census]).toEqual([...plain]);
          expect(new Map(census)).toEqual(plain);
          const visited: [string, CensusPoint][] = [];
          census.forEach((point, id) => visited.push([id, point]));
          expect(visited).toEqual([...plain.entries()]);
          for (const id of [probe, ...plain.keys()]) {
            expect(census.has(id)).toBe(plain.has(id));
            expect(census.get(id)).toEqual(plain.get(id));
          }
        },
      ),
    );
  });

  it('with its ids packed in blocks (stored chunks), answers as the plain map does and splits ids only when asked', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(censusPointArbitrary, { selector: (point) => point.id, maxLength: 30 }),
        fc.array(fc.nat(8), { maxLength: 4 }),
        fc.string({ maxLength: 4 }),
        (points, cuts, probe) => {
          // The points cut into blocks as the store's chunks cut them, each block's ids packed.
          const blocks: CensusPoint[][] = [];
          let start = 0;
          for (const cut of cuts) {
            blocks.push(points.slice(start, start + cut));
            start += cut;
          }
          blocks.push(points.slice(start));
          const encoded = blocks.map((block) => encodeCensus(block));
          const packed = concatPackedIds(encoded.map((block) => packIds(block.ids)));
          expect(unpackIds(packed)).toEqual(points.map((point) => point.id));
          const census = ColumnarCensus.ofPacked(concatCensusNumbers(encoded), packed);
          // Sizes, sums and the packed ids come without splitting them into strings.
          expect(census.size).toBe(points.length);
          expect(census.packedIds()).toBe(packed);
          expect(packedIdsOf(census)).toBe(packed);
          expect(censusNumbersOf(census).lon).toEqual(Float64Array.from(points, (point) => point.lon));
          const plain = plainMapOf(points);
          expect([...census]).toEqual([...plain]);
          for (const id of [probe, ...plain.keys()]) expect(census.get(id)).toEqual(plain.get(id));
          expect(censusColumnsOf(census).ids).toEqual([...plain.keys()]);
        },
      ),
    );
  });

  it('packs ids of any length and characters, and back, including none and empty blocks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ maxLength: 5, unit: 'grapheme' }), { maxLength: 5 })),
        (blocks) => {
          const joined = concatPackedIds(blocks.map((ids) => packIds(ids)));
          expect(unpackIds(joined)).toEqual(blocks.flat());
        },
      ),
    );
  });

  it('is columnar only when ids are distinct, and then its columns are the ones it was made of', () => {
    const a: CensusPoint = {
      layer: 'census',
      id: 'a',
      lon: 104,
      lat: 29,
      households: 2,
      population: 5,
      extra: {},
    };
    const distinct = encodeCensus([a, { ...a, id: 'b' }]);
    const census = ColumnarCensus.of(distinct);
    expect(census).toBeInstanceOf(ColumnarCensus);
    expect(censusColumnsOf(census)).toBe(distinct);

    const repeated = ColumnarCensus.of(encodeCensus([a, { ...a, households: 7 }]));
    expect(repeated).toBeInstanceOf(Map);
    expect(repeated.size).toBe(1);
    expect(repeated.get('a')?.households).toBe(7);
  });

  it('trusts a writer that keeps ids distinct (the store): columnar at once, ids hashed only when looked up', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(censusPointArbitrary, { selector: (point) => point.id, maxLength: 30 }),
        (points) => {
          const columns = encodeCensus(points);
          const census = ColumnarCensus.ofDistinct(columns);
          expect(censusColumnsOf(census)).toBe(columns);
          const plain = plainMapOf(points);
          expect(census.size).toBe(plain.size);
          expect([...census.keys()]).toEqual([...plain.keys()]);
          for (const point of points) {
            expect(census.has(point.id)).toBe(true);
            expect(census.get(point.id)).toEqual(plain.get(point.id));
          }
          expect(census.has('\u0000absent')).toBe(false);
        },
      ),
    );
  });

  it('is copied into a plain map by a change to the census, and left as it was', () => {
    const points = decodeCensus(
      encodeCensus([
        { layer: 'census', id: 'p1', lon: 104, lat: 29, households: 1, population: 3, extra: {} },
        {
          layer: 'census',
          id: 'p2',
          lon: 104.1,
          lat: 29.1,
          households: 2,
          population: 4,
          extra: { 楼栋: '3' },
        },
      ]),
    );
    const columnar = ColumnarCensus.of(encodeCensus(points));
    const division = { ...divisionOf({}, []), census: columnar };
    const moved = { ...points[0]!, households: 9 };
    const { division: after, inverse } = applyChange(division, {
      put: [moved],
      delete: [{ layer: 'census', id: 'p2' }],
      note: '改户数',
    });
    expect(after.census).toBeInstanceOf(Map);
    expect([...after.census.values()]).toEqual([moved]);
    expect(division.census).toBe(columnar);
    expect([...columnar.values()]).toEqual(points);
    expect(new Map(applyChange(after, inverse).division.census)).toEqual(plainMapOf(points));
  });

  it('makes point objects only when asked: equal values, not kept', () => {
    const census = ColumnarCensus.of(
      encodeCensus([
        { layer: 'census', id: 'x', lon: 104, lat: 29, households: 1, population: 2, extra: {} },
      ]),
    );
    expect(census.get('x')).toEqual(census.get('x'));
    expect(census.get('x')).not.toBe(census.get('x'));
    expect(Object.isFrozen(census.get('x')?.extra)).toBe(true);
  });

  it('finds the points of a few ids by scanning, and of many by its index, as a plain map would', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(censusPointArbitrary, { selector: (point) => point.id, minLength: 1, maxLength: 120 }),
        fc.array(
          fc.oneof(
            fc.string({ maxLength: 4 }),
            fc.nat(200).map((n) => `#${n}`),
          ),
          { maxLength: 40 },
        ),
        fc.array(fc.nat(), { maxLength: 12 }),
        (points, strangers, picks) => {
          const plain = plainMapOf(points);
          const ids = [...picks.map((pick) => points[pick % points.length]!.id), ...strangers];
          const expected = new Map(
            ids.flatMap((id) => (plain.has(id) ? [[id, plain.get(id)!] as const] : [])),
          );
          // Fresh each time: the first call on a columnar census may scan (no index built yet).
          expect(censusPointsOf(ColumnarCensus.of(encodeCensus(points)), ids)).toEqual(expected);
          const indexed = ColumnarCensus.of(encodeCensus(points));
          indexed.get(points[0]!.id);
          expect(censusPointsOf(indexed, ids)).toEqual(expected);
          expect(censusPointsOf(plain, ids)).toEqual(expected);
        },
      ),
    );
  });
});
