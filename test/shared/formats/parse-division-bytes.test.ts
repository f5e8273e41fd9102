import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDivisionGeoJson, stringifyDivision } from '../../../shared/formats/geojson';
import type { ReadInto } from '../../../shared/formats/parse-division-bytes';
import { parseDivisionBytes, readDivisionStream } from '../../../shared/formats/parse-division-bytes';
import type { CensusPoint, Entity } from '../../../shared/model';
import { builtinRuleSet, ColumnarCensus, divisionOf } from '../../../shared/model';
import { validateDivision } from '../../../shared/validate/validate-division';
import { generateDivision, TOWNSHIP } from '../../../bench/city-division';

const root = path.resolve(import.meta.dirname, '../../..');
const encoder = new TextEncoder();

/** The reference: the app's reader on the decoded text. */
function viaText(bytes: Uint8Array) {
  return parseDivisionGeoJson(new TextDecoder().decode(bytes));
}

function expectSame(source: string | Uint8Array): void {
  const bytes = typeof source === 'string' ? encoder.encode(source) : source;
  expect(parseDivisionBytes(bytes)).toStrictEqual(viaText(bytes));
}

const fixtureFiles = [
  ...readdirSync(path.join(root, 'test/fixtures/validate'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(root, 'test/fixtures/validate', entry.name, 'in.geojson')),
  path.join(root, 'test/fixtures/import/grids-source.geojson'),
  path.join(root, 'resources/demo/demo-township.geojson'),
];

/** A file read in pieces of the given sizes in turn, as a host reading a few bytes at a time would. */
function pieces(bytes: Uint8Array, sizes: readonly number[]): ReadInto {
  let at = 0;
  let turn = 0;
  return (into) => {
    const size = Math.min(into.length, sizes[turn++ % sizes.length]!, bytes.length - at);
    into.set(bytes.subarray(at, at + size));
    at += size;
    return size;
  };
}

describe('readDivisionStream', () => {
  const township = encoder.encode(
    stringifyDivision(generateDivision({ ...TOWNSHIP, communitiesY: 1, censusPoints: 200 })),
  );

  it('reads in pieces, through a small window, the division read whole (property)', () => {
    const whole = parseDivisionBytes(township);
    expect(whole.ok).toBe(true);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 4000 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 8, max: 3000 }),
        (sizes, margin) => {
          const streamed = readDivisionStream(pieces(township, sizes), margin);
          expect(streamed).toStrictEqual(whole.ok ? whole.value : undefined);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('reads the fixtures and the demo as the app does, or leaves them to the whole reader', () => {
    for (const file of fixtureFiles) {
      const bytes = readFileSync(file);
      const streamed = readDivisionStream(pieces(bytes, [1000, 7]), 64);
      const whole = viaText(bytes);
      if (streamed !== undefined) expect(whole).toStrictEqual({ ok: true, value: streamed });
      else expect(whole.ok).toBe(false);
    }
  });

  it('leaves files with problems to the whole reader', () => {
    for (const file of ['', '{', '{"type":"FeatureCollection","features":[]} x', 'PK\u0003\u0004']) {
      expect(readDivisionStream(pieces(encoder.encode(file), [3]), 8)).toBeUndefined();
    }
  });
});

describe('parseDivisionBytes', () => {
  it.each(fixtureFiles.map((file) => [path.relative(root, file)]))(
    'reads %s as the app does, and validates to the same report',
    (file) => {
      const bytes = readFileSync(path.join(root, file));
      const fast = parseDivisionBytes(bytes);
      const slow = viaText(bytes);
      expect(fast).toStrictEqual(slow);
      if (fast.ok && slow.ok) {
        const ruleSet = builtinRuleSet('zigong')!;
        expect(validateDivision(fast.value, ruleSet, {})).toStrictEqual(
          validateDivision(slow.value, ruleSet, {}),
        );
        // What GridPlan writes itself, census points included, takes the fast path: same again.
        expectSame(stringifyDivision(fast.value));
      }
    },
  );

  it('reads a generated township (the census fast path) exactly as the app does', () => {
    const division = generateDivision({ ...TOWNSHIP, communitiesY: 1, censusPoints: 3000 });
    const written = stringifyDivision(division);
    const fast = parseDivisionBytes(encoder.encode(written));
    expect(fast).toStrictEqual(parseDivisionGeoJson(written));
    expect(fast.ok && fast.value.census.size).toBe(3000);
    // Read into columns, not a map of point objects: plain points keep no details.
    const census = fast.ok ? fast.value.census : undefined;
    expect(census).toBeInstanceOf(ColumnarCensus);
    expect(census instanceof ColumnarCensus && census.columns.details).toEqual([]);
  });

  it('gives the same refusals, with feature numbers and lines', () => {
    const census = (properties: string, coordinates = '[104.1,29.2]') =>
      `{"type":"Feature","id":"p","properties":{"layer":"census",${properties}},"geometry":{"type":"Point","coordinates":${coordinates}}}`;
    const files = [
      '',
      '   ',
      '{',
      '[]',
      '{}',
      '{"type":"Feature"}',
      '{"type":"FeatureCollection","features":[],}',
      '{"type":"FeatureCollection","features":[]} x',
      '{"type":"FeatureCollection","features":{}}',
      '{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:3857"}},"features":[]}',
      `{"type":"FeatureCollection","features":[\n${census('"households":-1,"population":2')}\n]}`,
      `{"type":"FeatureCollection","features":[\n${census('"households":1,"population":"x"')}\n]}`,
      `{"type":"FeatureCollection","features":[\n${census('"households":1,"population":2', '[1]')}\n]}`,
      `{"type":"FeatureCollection","features":[\n${census('"households":1,"population":2', '[01,2]')}\n]}`,
      `{"type":"FeatureCollection","features":[\n${census('"households":1,"population":2', '[1.,2]')}\n]}`,
      `{"type":"FeatureCollection","features":[\n${census('"households":1,"population":2')},\n{"type":"Feature","properties":{"layer":"road"},"geometry":null}\n]}`,
      // A top-level member nested deeper than properties may be (the writers would overflow the stack).
      `{"type":"FeatureCollection","x":${'['.repeat(10_000)}${']'.repeat(10_000)},"features":[]}`,
      `{"type":"FeatureCollection","x":${'['.repeat(64)}${']'.repeat(64)},"features":[]}`,
      // Counts JSON.parse reads as Infinity, and more fraction digits than 10^22 divides exactly.
      `{"type":"FeatureCollection","features":[\n${census('"households":1e999,"population":2')}\n]}`,
      `{"type":"FeatureCollection","features":[\n${census('"households":1,"population":1e400')}\n]}`,
      `{"type":"FeatureCollection","features":[\n${census('"households":0.00000000000000000000000001,"population":2')}\n]}`,
      `{"type":"FeatureCollection","features":[\n${census('"households":1,"population":2', '[104.12345678901234567890123456,29.2]')}\n]}`,
    ];
    for (const file of files) expectSame(file);
  });

  it('refuses numbers JSON.parse reads as Infinity in properties or members, which would come back null', () => {
    const files = [
      `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"layer":"township","code":"510302001000","name":"镇","budget":1e999},"geometry":null}]}`,
      `{"type":"FeatureCollection","x":{"y":[-1e999]},"features":[]}`,
    ];
    for (const file of files) {
      const read = parseDivisionBytes(encoder.encode(file));
      expect(read.ok).toBe(false);
      if (!read.ok) expect(read.problems[0]!.message.en).toContain('1e999');
      expectSame(file);
    }
  });

  it('keeps what the fast path must not guess: pretty printing, BOM, exponents, extra members, clashes', () => {
    const point = (id: string, extra = '') =>
      `{"type":"Feature","id":"${id}","properties":{"layer":"census","households":2,"population":5${extra}},"geometry":{"type":"Point","coordinates":[1.5e2,-0.25]}}`;
    expectSame(`\ufeff{"type":"FeatureCollection","features":[${point('a')}]}`);
    expectSame(
      `{"type":"FeatureCollection","name":"x","ruleSet":"r","z":[1,{"a":"]"}],"features":[${point('a')},${point('a')},${point('a', ',"姓名":"张三","address":"一号"')}]}`,
    );
    expectSame(
      `{\n  "type": "FeatureCollection",\n  "features": [\n    ${point('a')}\n  ],\n  "name": "后"\n}`,
    );
    expectSame(`{"features":[${point('\\u0041')},${point('"q\\"')}],"type":"FeatureCollection"}`);
    // A point read into the columns, then one restored whole under the same id (it gets a fresh id),
    // and the other way round (the whole reader takes the file).
    expectSame(`{"type":"FeatureCollection","features":[${point('a')},${point('a', ',"address":"一号"')}]}`);
    expectSame(`{"type":"FeatureCollection","features":[${point('a', ',"address":"一号"')},${point('a')}]}`);
    expectSame(
      `{"type":"FeatureCollection","features":[${point('b', ',"备注":"x"')},${point('a')},${point('c')}]}`,
    );
    expectSame(`{"type":"FeatureCollection","features":[],"features":[${point('a')}]}`);
    expectSame(`{"type":"FeatureCollection","__proto__":{"a":1},"features":[${point('a')}]}`);
  });

  it('reads every number as JSON.parse does (property)', () => {
    const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
    const count = fc.oneof(fc.nat(), fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(finite, finite, count, count, fc.stringMatching(/^[\x20-\x7e]{0,6}$/)), {
          maxLength: 20,
        }),
        (rows) => {
          const entities: Entity[] = rows.map(([lon, lat, households, population, id], k) => {
            const point: CensusPoint = {
              layer: 'census',
              id: `${id}${k}`,
              lon,
              lat,
              households,
              population,
              extra: {},
            };
            return point;
          });
          expectSame(stringifyDivision(divisionOf({ name: 'p', ruleSetId: 'zigong' }, entities)));
        },
      ),
    );
  });
});
