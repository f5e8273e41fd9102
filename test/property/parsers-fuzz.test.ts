import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readPrj } from '../../shared/formats/coordinate-systems';
import { parseCsv } from '../../shared/formats/csv';
import { readDbf } from '../../shared/formats/dbf';
import { parseDivisionGeoJson } from '../../shared/formats/geojson';
import { convertImport, inspectImport, readImport } from '../../shared/formats/import-files';
import { decodeTextFile } from '../../shared/formats/text-encoding';
import { readXlsx, writeXlsx } from '../../shared/formats/xlsx';
import { readZip, writeZip } from '../../shared/formats/zip-archive';
import type { Result } from '../../shared/model';

// Every parser, fed random bytes and mutated valid files, answers with a value or a typed, bilingual
// refusal: never an exception, never a hang (the test timeout bounds the time).
const root = path.resolve(import.meta.dirname, '../..');
const bytesOf = (file: string) => new Uint8Array(readFileSync(path.join(root, file)));
const shapefileZip = bytesOf('test/fixtures/import/grids-gbk-zone35.zip');
const demo = readFileSync(path.join(root, 'resources/demo/demo-township.geojson'), 'utf8').slice(0, 60_000);
const xlsx = writeXlsx(
  '人口',
  ['经度', '纬度', '户数'],
  [
    [104.7, 29.3, 5],
    ['104.8', '29.4', '新街'],
  ],
);
const dbf = (() => {
  const read = readZip(shapefileZip, 'grids.zip');
  if (!read.ok) throw new Error('fixture');
  return read.value.find((file) => file.name.endsWith('.dbf'))!.bytes;
})();

function typed<T>(result: Result<T>): void {
  if (!result.ok) {
    expect(result.problems.length).toBeGreaterThan(0);
    for (const problem of result.problems) {
      expect(typeof problem.kind).toBe('string');
      expect(problem.message.zh.length).toBeGreaterThan(0);
      expect(problem.message.en.length).toBeGreaterThan(0);
    }
  }
}

/** A valid file with some bytes changed, some cut off, or some repeated. */
function mutated(valid: Uint8Array) {
  return fc
    .record({
      edits: fc.array(fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }), {
        maxLength: 12,
      }),
      cut: fc.option(fc.nat(), { nil: undefined }),
    })
    .map(({ edits, cut }) => {
      const copy = valid.slice(0, cut === undefined ? valid.length : cut % (valid.length + 1));
      for (const { at, value } of edits) if (copy.length > 0) copy[at % copy.length] = value;
      return copy;
    });
}

const anyBytes = fc.uint8Array({ maxLength: 2000 });
const runs = { numRuns: 150 };

describe('parsers never throw on hostile bytes', () => {
  it('zip', () => {
    fc.assert(
      fc.property(fc.oneof(anyBytes, mutated(shapefileZip)), (bytes) => typed(readZip(bytes, 'f.zip'))),
      runs,
    );
  });

  it('shapefile import (zip → inspect → read → convert)', () => {
    fc.assert(
      fc.property(mutated(shapefileZip), (bytes) => {
        const files = [{ name: 'grids.zip', bytes }];
        typed(inspectImport(files));
        const read = readImport(files, { zoneEpsg: 4523 });
        typed(read);
        if (read.ok) {
          typed(convertImport(read.value, { layer: 'grid', mapping: read.value.inspection.proposals.grid }));
        }
      }),
      { numRuns: 100 },
    );
  }, 120_000);

  it('shapefile parts damaged inside an intact zip (.shp, .shx, .dbf, .prj, .cpg)', () => {
    const read = readZip(shapefileZip, 'grids.zip');
    if (!read.ok) throw new Error('fixture');
    const parts = read.value;
    fc.assert(
      fc.property(fc.nat({ max: parts.length - 1 }), fc.integer({ min: 0, max: 1000 }), (index, seed) => {
        const target = parts[index]!;
        const damaged = fc.sample(mutated(target.bytes), { numRuns: 1, seed })[0]!;
        const files = parts.map((part, i) => (i === index ? { name: part.name, bytes: damaged } : part));
        const zip = [{ name: 'grids.zip', bytes: writeZip(files) }];
        const readBack = readImport(zip, { zoneEpsg: 4523 });
        typed(readBack);
        if (readBack.ok) {
          typed(
            convertImport(readBack.value, {
              layer: 'grid',
              mapping: readBack.value.inspection.proposals.grid,
            }),
          );
        }
      }),
      { numRuns: 120 },
    );
  }, 120_000);

  it('DBF', () => {
    fc.assert(
      fc.property(fc.oneof(anyBytes, mutated(dbf)), (bytes) => typed(readDbf(bytes, 'gbk', 'a.dbf'))),
      runs,
    );
  });

  it('XLSX', () => {
    fc.assert(
      fc.property(fc.oneof(anyBytes, mutated(xlsx)), (bytes) => typed(readXlsx(bytes, 'a.xlsx'))),
      runs,
    );
  });

  it('CSV and text decoding', () => {
    fc.assert(
      fc.property(anyBytes, fc.string({ maxLength: 500 }), (bytes, source) => {
        const decoded = decodeTextFile(bytes, 'a.csv');
        expect(typeof decoded.ok).toBe('boolean');
        typed(parseCsv(source));
        typed(inspectImport([{ name: 'a.csv', bytes }]));
      }),
      runs,
    );
  });

  it('GeoJSON division files, random and mutated', () => {
    const demoBytes = new TextEncoder().encode(demo);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          mutated(demoBytes).map((b) => new TextDecoder().decode(b)),
        ),
        (source) => typed(parseDivisionGeoJson(source)),
      ),
      { numRuns: 100 },
    );
  }, 120_000);

  it('.prj text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (prj) => typed(readPrj(`GEOGCS[${prj}`))),
      runs,
    );
  });

  it('zips we write are read back unchanged', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            name: fc.stringMatching(/^[a-z]{1,8}\.(shp|dbf|txt)$/),
            bytes: fc.uint8Array({ maxLength: 3000 }),
          }),
          {
            maxLength: 5,
          },
        ),
        (files) => {
          const unique = [...new Map(files.map((f) => [f.name, f])).values()];
          const read = readZip(writeZip(unique), 'w.zip');
          if (unique.length === 0) return;
          expect(read.ok).toBe(true);
          if (read.ok)
            expect(read.value.map((f) => [f.name, [...f.bytes]])).toEqual(
              unique.map((f) => [f.name, [...f.bytes]]),
            );
        },
      ),
      runs,
    );
  });
});
