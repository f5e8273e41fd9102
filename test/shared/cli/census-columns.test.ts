import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ImportCommand } from '../../../shared/cli/parse-transfer-args';
import type { TransferHost } from '../../../shared/cli/run-transfer';
import { runImport } from '../../../shared/cli/run-transfer';
import { parseCsv } from '../../../shared/formats/csv';
import type { ExportOptions } from '../../../shared/formats/geojson';
import { divisionJsonPieces, parseDivisionGeoJson, stringifyDivision } from '../../../shared/formats/geojson';
import { utf8OfPieces } from '../../../shared/formats/text-encoding';
import { writeXlsx } from '../../../shared/formats/xlsx';
import type { Result } from '../../../shared/model';
import { emptyDivision, fail, ok } from '../../../shared/model';

// The census table import (CSV, XLSX) reads rows straight into columns and writes the GeoJSON from them,
// into a new division or `--into` one. The path every other import takes (rows, entities, a change to a
// division, its text) is kept as the reference (runImport's 'entities'): the two must write the same bytes
// and say the same things, for the fixtures and for random tables, new and into divisions whose census
// points the table replaces (their order included).

const fixtures = path.resolve(__dirname, '../../fixtures');

function filesUnder(dir: string, extension: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return filesUnder(full, extension);
    return name.endsWith(extension) ? [full] : [];
  });
}

function memoryHost(files: Map<string, Uint8Array>): TransferHost {
  return {
    readText: (p): Result<string> => {
      const bytes = files.get(p);
      return bytes
        ? ok(new TextDecoder().decode(bytes))
        : fail({ kind: 'not-found', message: { zh: p, en: p } });
    },
    readBytes: (p): Result<Uint8Array> => {
      const bytes = files.get(p);
      return bytes ? ok(bytes) : fail({ kind: 'not-found', message: { zh: p, en: p } });
    },
    writeBytes: (p, bytes) => {
      files.set(p, bytes);
      return ok(true);
    },
    fileSize: (p) => files.get(p)?.length,
  };
}

type Variant = Partial<
  Pick<ImportCommand, 'mapping' | 'pointSystem' | 'skipBadRows' | 'lang' | 'encoding' | 'into'>
>;

/**
 * A division to import into: a grid and census points `census-l<line>` for the lines given, in that order
 * (points of rows the table also has, and of rows it has not), plus one point of another id.
 */
function divisionWithCensus(lines: readonly number[]): Uint8Array {
  const grid = {
    type: 'Feature',
    id: 'g1',
    properties: { layer: 'grid', code: '510302001001001', name: '第一网格' },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [104.7, 29.3],
          [104.8, 29.3],
          [104.8, 29.4],
          [104.7, 29.3],
        ],
      ],
    },
  };
  const point = (id: string) => ({
    type: 'Feature',
    id,
    properties: { layer: 'census', households: 1, population: 2 },
    geometry: { type: 'Point', coordinates: [104.75, 29.35] },
  });
  const features = [grid, ...lines.map((l) => point(`census-l${l}`)), point('census-imported-earlier')];
  return new TextEncoder().encode(
    JSON.stringify({ type: 'FeatureCollection', name: '新街镇', ruleSet: 'zigong', features }),
  );
}

/** The columnar import and the entity path, side by side, on the same command. */
function bothPaths(name: string, bytes: Uint8Array, variant: Variant = {}) {
  const files = new Map<string, Uint8Array>([[name, bytes]]);
  const base = name.replace(/\.[^.]*$/, '');
  files.set('empty.geojson', new TextEncoder().encode(stringifyDivision(emptyDivision({ name: base }))));
  files.set('shuffled.geojson', divisionWithCensus([9, 3, 40, 2, 7, 5, 1, 0, 1000]));
  const host = memoryHost(files);
  const command: ImportCommand = {
    command: 'import',
    path: name,
    layer: 'census',
    out: 'out.geojson',
    into: undefined,
    encoding: undefined,
    zoneEpsg: undefined,
    shapefileLayer: undefined,
    mapping: {},
    pointSystem: 'wgs84',
    skipBadRows: false,
    lang: 'zh',
    ...variant,
  };
  files.delete('out.geojson');
  const columnar = runImport(command, host);
  const columnarBytes = files.get('out.geojson');
  files.delete('out.geojson');
  const entities = runImport(command, host, 'entities');
  const entityBytes = files.get('out.geojson');
  return {
    columnar: { ...columnar, text: columnarBytes && new TextDecoder().decode(columnarBytes) },
    entities: { ...entities, text: entityBytes && new TextDecoder().decode(entityBytes) },
  };
}

const VARIANTS: Variant[] = [
  {},
  { skipBadRows: true },
  { skipBadRows: true, lang: 'en' },
  { skipBadRows: true, pointSystem: 'gcj02' },
  { skipBadRows: true, mapping: { longitude: '纬度', latitude: '经度' } },
  { into: 'empty.geojson' },
  { skipBadRows: true, into: 'shuffled.geojson' },
  { skipBadRows: true, into: 'shuffled.geojson', pointSystem: 'gcj02', lang: 'en' },
];

describe('gridplan import of a census CSV, columnar', () => {
  const csvs = filesUnder(fixtures, '.csv');

  const xlsxs = filesUnder(fixtures, '.xlsx');

  it('finds the CSV and XLSX fixtures', () => {
    expect(csvs.length).toBeGreaterThanOrEqual(10);
    expect(xlsxs.length).toBeGreaterThanOrEqual(5);
  });

  it.each([...csvs, ...xlsxs].map((f) => [path.relative(fixtures, f), f]))(
    'writes and says what the entity path does: %s',
    (_, file) => {
      for (const variant of VARIANTS) {
        const { columnar, entities } = bothPaths(path.basename(file), readFileSync(file), variant);
        expect(columnar).toEqual(entities);
      }
    },
  );

  it('writes a plain census table byte for byte as before, and it is a division', () => {
    const csv = '经度,纬度,户数,人口,地址\n104.7,29.3,3,8,新街社区1号\n104.71,29.31,,,"=HYPERLINK(""x"")"\n';
    const { columnar, entities } = bothPaths('人口.csv', new TextEncoder().encode(csv));
    expect(columnar.exitCode).toBe(0);
    expect(columnar.text).toBe(entities.text);
    const parsed = parseDivisionGeoJson(columnar.text!);
    expect(parsed.ok && [...parsed.value.census.values()].map((p) => p.address)).toEqual([
      '新街社区1号',
      '=HYPERLINK("x")',
    ]);
  });

  it('--into: the table replaces the census points, those of its lines keeping their place, as the change does', () => {
    const csv = ['经度,纬度,户数,人口', ...[1, 2, 3, 4, 5].map((i) => `104.7${i},29.3,${i},${i}`)].join('\n');
    const { columnar, entities } = bothPaths('人口.csv', new TextEncoder().encode(csv), {
      into: 'shuffled.geojson',
    });
    expect(columnar).toEqual(entities);
    const parsed = parseDivisionGeoJson(columnar.text!);
    if (!parsed.ok) throw new Error('not a division');
    // Lines 3, 2 and 5 were in the division in that order; 4 and 6 are new.
    expect([...parsed.value.census.keys()]).toEqual([
      'census-l3',
      'census-l2',
      'census-l5',
      'census-l4',
      'census-l6',
    ]);
    expect([...parsed.value.grid.keys()]).toEqual(['g1']);
  });

  const names = [
    '经度',
    '纬度',
    '户数',
    '人口',
    '地址',
    '姓名',
    '电话',
    'layer',
    '1',
    'households',
    'lon',
    '',
  ];
  const cell = fc.oneof(
    fc.double({ min: -200, max: 200, noNaN: true }).map(String),
    fc.integer({ min: -2, max: 20 }).map(String),
    fc.constantFrom(
      '',
      ' ',
      'abc',
      '1,200',
      '=1+1',
      '-3',
      '1e999',
      'NaN',
      '0x10',
      '新街"1"号',
      'a\nb',
      '__proto__',
    ),
    fc.string({ maxLength: 6 }),
  );
  const table = fc.uniqueArray(fc.constantFrom(...names), { minLength: 1, maxLength: 7 }).chain((header) =>
    fc.record({
      header: fc.constant(header),
      rows: fc.array(fc.array(cell, { minLength: 0, maxLength: header.length + 1 }), { maxLength: 12 }),
      newline: fc.constantFrom('\n', '\r\n', '\r'),
      bom: fc.boolean(),
      quoteAll: fc.boolean(),
    }),
  );
  const csvOf = (t: {
    header: string[];
    rows: string[][];
    newline: string;
    bom: boolean;
    quoteAll: boolean;
  }): string => {
    const quote = (v: string) => (t.quoteAll || /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    const lines = [t.header, ...t.rows].map((row) => row.map(quote).join(','));
    return `${t.bom ? '\ufeff' : ''}${lines.join(t.newline)}${t.newline}`;
  };

  it('writes and says what the entity path does for random tables', () => {
    fc.assert(
      fc.property(table, fc.constantFrom(...VARIANTS), (t, variant) => {
        const { columnar, entities } = bothPaths('人口.csv', new TextEncoder().encode(csvOf(t)), variant);
        expect(columnar).toEqual(entities);
      }),
      { numRuns: 300 },
    );
  });

  it('writes and says what the entity path does for random workbooks', () => {
    fc.assert(
      fc.property(table, fc.constantFrom(...VARIANTS), (t, variant) => {
        const { columnar, entities } = bothPaths('人口.xlsx', writeXlsx('人口', t.header, t.rows), variant);
        expect(columnar).toEqual(entities);
      }),
      { numRuns: 150 },
    );
  });
});

/** The CSV reader as it was, a character at a time: what the slicing reader must still read. */
function formerParseCsv(
  source: string,
): { header: string[]; rows: { line: number; cells: string[] }[] } | 'unclosed' {
  const body = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const newline = body.indexOf('\n');
  const firstLine = newline < 0 ? body : body.slice(0, newline);
  const count = (c: string) => firstLine.split(c).length - 1;
  const delimiter =
    count('\t') > count(',') && count('\t') >= count(';') ? '\t' : count(';') > count(',') ? ';' : ',';
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let i = 0;
  const endRow = () => {
    cells.push(cell);
    // Rows of blank cells only are skipped (",,," too, since Excel writes blank rows so).
    if (cells.some((value) => value.trim() !== '')) rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  while (i < body.length) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"') {
        if (body[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
      i++;
      continue;
    }
    if (c === '"' && cell === '') quoted = true;
    else if (c === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else cell += c;
    i++;
  }
  if (quoted) return 'unclosed';
  if (cell !== '' || cells.length > 0) endRow();
  const [first, ...rest] = rows;
  return { header: first ? first.cells.map((h) => h.trim()) : [], rows: rest };
}

describe('parseCsv, slicing instead of a character at a time', () => {
  it('reads every text as the former reader did', () => {
    const text = fc
      .array(fc.constantFrom('a', '中', ' ', ',', ';', '\t', '"', '""', '\n', '\r', '\r\n', '\ufeff', '1'), {
        maxLength: 40,
      })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (source) => {
        const former = formerParseCsv(source);
        const now = parseCsv(source);
        if (former === 'unclosed') expect(now.ok).toBe(false);
        else expect(now).toEqual({ ok: true, value: former });
      }),
      { numRuns: 3000 },
    );
  });
});

describe('divisionJsonPieces', () => {
  const divisions = filesUnder(fixtures, '.geojson').flatMap((file) => {
    const parsed = parseDivisionGeoJson(readFileSync(file, 'utf8'));
    return parsed.ok ? [[path.relative(fixtures, file), parsed.value] as const] : [];
  });
  const options: ExportOptions[] = [
    {},
    { includePersonal: true },
    { omitCensus: true },
    { computedAt: new Date('2026-12-05T00:00:00Z') },
  ];

  it('has fixtures to check', () => {
    expect(divisions.length).toBeGreaterThanOrEqual(10);
  });

  it.each(divisions)('joined and encoded, is stringifyDivision: %s', (_, division) => {
    for (const option of options) {
      const pieces = [...divisionJsonPieces(division, option)];
      expect(pieces.join('')).toBe(stringifyDivision(division, option));
      expect(utf8OfPieces(pieces)).toEqual(new TextEncoder().encode(stringifyDivision(division, option)));
    }
  });
});
