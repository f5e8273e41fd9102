import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync, zipSync } from 'fflate';
import type { Zippable } from 'fflate';
import { writeShapefile } from '../shared/formats/shapefile-write';
import type { ShapeRecord } from '../shared/formats/shapefile-write';
import { encodeText } from '../shared/formats/text-encoding';
import { writeXlsx } from '../shared/formats/xlsx';
import { MAX_IMPORT_BYTES } from '../shared/formats/zip-archive';

// The hostile corpus of issue 9 (test/fixtures/hostile/<class>/<case>.<ext>): crafted files of every class
// of input that once crashed, hung or silently damaged data, made by code so that each can be read and
// made again byte for byte. `npx tsx scripts/make-hostile-corpus.ts` writes them; the runner
// (test/shared/cli/hostile-corpus.test.ts) runs each through `gridplan` and the app's import functions
// and compares with its `<case>.expected.json` (REGEN=1 writes those), and checks that this script still
// makes exactly the committed files.

/** One case: its file and the command line that reads it ({file}, {out} are filled in by the runner). */
export interface HostileCase {
  /** File name inside the class folder; the expected outcome is `<file>.expected.json` beside it. */
  readonly file: string;
  /** What the case is about, for a reader of the corpus. */
  readonly why: string;
  /** `gridplan` arguments; `{file}` is the case's file, `{out}` an existing division the run must not damage. */
  readonly args: readonly string[];
}

/** The corpus: per class, its cases and their files' bytes. */
export interface HostileCorpus {
  readonly classes: Readonly<Record<string, readonly HostileCase[]>>;
  readonly files: ReadonlyMap<string, Uint8Array>;
}

const utf8 = (value: string): Uint8Array => encodeText(value, 'utf-8').bytes;
const gbk = (value: string): Uint8Array => encodeText(value, 'gbk').bytes;

/** Zip entries get one fixed time (in local time, as zip stores it), so the bytes never depend on the day. */
const ZIP_TIME = new Date(2026, 0, 1, 0, 0, 0);
const DBF_DATE = new Date(Date.UTC(2026, 0, 1));

function zip(entries: Record<string, Uint8Array>, level: 0 | 6 | 9 = 6): Uint8Array {
  const zippable: Zippable = {};
  for (const [name, bytes] of Object.entries(entries)) zippable[name] = bytes;
  return zipSync(zippable, { level, mtime: ZIP_TIME });
}

/** A zip made elsewhere (our XLSX writer), packed again with the fixed time. */
function rezip(bytes: Uint8Array): Uint8Array {
  return zip(unzipSync(bytes));
}

/** Offsets of the central directory entries of a zip. */
export function centralEntries(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const offsets: number[] = [];
  for (let at = 0; at + 4 <= bytes.length; at++)
    if (view.getUint32(at, true) === 0x02014b50) offsets.push(at);
  return offsets;
}

/** A copy of a zip with every central directory entry edited (sizes, CRC, flags, names). */
export function patchCentral(bytes: Uint8Array, edit: (view: DataView, central: number) => void): Uint8Array {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  for (const central of centralEntries(copy)) edit(view, central);
  return copy;
}

function square(lon: number, lat: number, size = 0.01): ShapeRecord['geometry'] {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lon, lat],
        [lon + size, lat],
        [lon + size, lat + size],
        [lon, lat + size],
        [lon, lat],
      ],
    ],
  };
}

const GRID_RECORDS: readonly ShapeRecord[] = [
  { geometry: square(104.7, 29.3), cells: ['510302001001001', '第一网格'] },
  { geometry: square(104.71, 29.3), cells: ['510302001001002', '第二网格'] },
];

/** The parts of a two-grid shapefile (.shp .shx .dbf .prj .cpg), by extension. */
function gridParts(encoding: 'utf-8' | 'gbk' = 'utf-8', name = 'grids'): Record<string, Uint8Array> {
  const written = writeShapefile(
    {
      name,
      shapeType: 'polygon',
      fields: [
        { name: 'WGBM', type: 'C' },
        { name: 'WGMC', type: 'C' },
      ],
      records: GRID_RECORDS,
    },
    { encoding, crs: 'cgcs2000', date: DBF_DATE },
  );
  const parts: Record<string, Uint8Array> = {};
  for (const file of written.files) parts[file.name] = file.bytes.slice();
  return parts;
}

function damaged(
  parts: Record<string, Uint8Array>,
  extension: string,
  edit: (view: DataView) => void,
): Record<string, Uint8Array> {
  const name = Object.keys(parts).find((n) => n.endsWith(extension))!;
  const bytes = parts[name]!;
  edit(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return parts;
}

/** An XLSX from our writer with its sheet (and shared strings) replaced by hostile XML. */
export function workbook(sheet: string, shared?: string): Uint8Array {
  const files: Record<string, Uint8Array> = unzipSync(writeXlsx('s', ['a'], [['b']]));
  files['xl/worksheets/sheet1.xml'] = utf8(`<worksheet><sheetData>${sheet}</sheetData></worksheet>`);
  if (shared !== undefined) files['xl/sharedStrings.xml'] = utf8(`<sst>${shared}</sst>`);
  return zip(files);
}

const feature = (properties: Record<string, unknown>, geometry: unknown) => ({
  type: 'Feature',
  properties,
  geometry,
});
const collection = (features: unknown[]) =>
  `${JSON.stringify({ type: 'FeatureCollection', features }, null, 1)}\n`;
const ring = (lon: number, lat: number, size = 0.01) => [
  [
    [lon, lat],
    [lon + size, lat],
    [lon + size, lat + size],
    [lon, lat + size],
    [lon, lat],
  ],
];

/** A small division of the profile: a community, one grid named `gridName`, two census points. */
function division(gridName = '第一网格', communityName = '新街社区'): string {
  return collection([
    feature(
      { layer: 'community', code: '510302001001', name: communityName, kind: 'urban' },
      { type: 'Polygon', coordinates: ring(104.7, 29.3, 0.02) },
    ),
    feature(
      {
        layer: 'grid',
        code: '510302001001001',
        name: gridName,
        parentCode: '510302001001',
        gridType: 'urban',
      },
      { type: 'Polygon', coordinates: ring(104.7, 29.3, 0.02) },
    ),
    feature({ layer: 'census', households: 3 }, { type: 'Point', coordinates: [104.705, 29.305] }),
    feature({ layer: 'census', households: 4 }, { type: 'Point', coordinates: [104.715, 29.315] }),
  ]);
}

/** Plain grid features (no `layer`), as another GIS exports them, to import with --as grids. */
function plainGrids(coordinates: unknown, name = '第一网格'): string {
  return collection([feature({ WGBM: '510302001001001', WGMC: name }, { type: 'Polygon', coordinates })]);
}

const CENSUS_CSV = '经度,纬度,户数,地址\n104.705,29.305,3,新街1号\n104.715,29.315,4,新街2号\n';

const PRJ = {
  beijing1954:
    'GEOGCS["GCS_Beijing_1954",DATUM["D_Beijing_1954",SPHEROID["Krasovsky_1940",6378245.0,298.3]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
  xian1980:
    'GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
  radians:
    'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Radian",1.0]]',
  webMercator:
    'PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Mercator_Auxiliary_Sphere"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",0.0],PARAMETER["Standard_Parallel_1",0.0],PARAMETER["Auxiliary_Sphere_Type",0.0],UNIT["Meter",1.0]]',
  garbage: 'this is not a projection',
};

function withPrj(prj: string | undefined): Uint8Array {
  const parts = gridParts();
  if (prj === undefined) delete parts['grids.prj'];
  else parts['grids.prj'] = utf8(prj);
  return zip(parts);
}

const IMPORT_GRIDS = ['import', '{file}', '--as', 'grids', '--out', '{out}'];
const IMPORT_CENSUS = ['import', '{file}', '--as', 'census', '--out', '{out}'];
const VALIDATE = ['validate', '{file}'];

/** Every class and case, with its bytes. Pure: the same corpus on every run. */
export function makeHostileCorpus(): HostileCorpus {
  const files = new Map<string, Uint8Array>();
  const classes: Record<string, HostileCase[]> = {};
  const add = (
    folder: string,
    file: string,
    why: string,
    args: readonly string[],
    bytes: Uint8Array,
  ): void => {
    (classes[folder] ??= []).push({ file, why, args });
    files.set(`${folder}/${file}`, bytes);
  };

  // --- XLSX ---
  const census = (sheet: string, shared?: string) => workbook(sheet, shared);
  add(
    'xlsx',
    'good-census.xlsx',
    'control: a census sheet our writer makes is imported',
    IMPORT_CENSUS,
    rezip(writeXlsx('人口', ['经度', '纬度', '户数'], [[104.705, 29.305, 3]])),
  );
  add(
    'xlsx',
    'char-ref-outside-unicode.xlsx',
    'a numeric character reference beyond U+10FFFF in a shared string',
    IMPORT_CENSUS,
    census('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', '<si><t>&#x110000;</t></si>'),
  );
  add(
    'xlsx',
    'shared-string-out-of-range.xlsx',
    'a cell pointing at shared string 99 of 1',
    IMPORT_CENSUS,
    census('<row r="1"><c r="C7" t="s"><v>99</v></c></row>', '<si><t>a</t></si>'),
  );
  add(
    'xlsx',
    'cell-far-beyond-sheet.xlsx',
    'a cell reference ZZZZZZ2, far beyond Excel’s last column',
    IMPORT_CENSUS,
    census('<row r="2"><c r="ZZZZZZ2"><v>1</v></c></row>'),
  );
  add(
    'xlsx',
    'unclosed-rows.xlsx',
    '40,000 unclosed rows, which made a lazy regular expression quadratic',
    IMPORT_CENSUS,
    census('<row r="1"><c r="A1"><v>1</v></c>'.repeat(40_000)),
  );
  add(
    'xlsx',
    'sheet-bomb.xlsx',
    'a small file whose sheet XML unpacks past the import limit',
    IMPORT_CENSUS,
    zip(
      {
        'xl/workbook.xml': utf8('<workbook><sheets><sheet r:id="rId1"/></sheets></workbook>'),
        'xl/worksheets/sheet1.xml': new Uint8Array(MAX_IMPORT_BYTES + 10).fill(32),
      },
      9,
    ),
  );

  // --- zip ---
  const plainZip = zip(gridParts());
  add('zip', 'good-shapefile.zip', 'control: a shapefile zip our writer makes', IMPORT_GRIDS, plainZip);
  add(
    'zip',
    'wrong-crc.zip',
    'every entry’s CRC-32 is wrong',
    IMPORT_GRIDS,
    patchCentral(plainZip, (view, at) => view.setUint32(at + 16, 0xdeadbeef, true)),
  );
  add(
    'zip',
    'declared-smaller.zip',
    'entries declare 10 bytes but unpack to more',
    IMPORT_GRIDS,
    patchCentral(plainZip, (view, at) => view.setUint32(at + 24, 10, true)),
  );
  add(
    'zip',
    'declared-larger.zip',
    'entries declare 10 MB but hold a few hundred bytes',
    IMPORT_GRIDS,
    patchCentral(plainZip, (view, at) => view.setUint32(at + 24, 10_000_000, true)),
  );
  add(
    'zip',
    'encrypted.zip',
    'entries flagged as encrypted',
    IMPORT_GRIDS,
    patchCentral(plainZip, (view, at) => view.setUint16(at + 8, view.getUint16(at + 8, true) | 1, true)),
  );
  add(
    'zip',
    'nul-in-name.zip',
    'a NUL byte in an entry name',
    IMPORT_GRIDS,
    patchCentral(zip({ 'grids.shp': utf8('x') }), (view, at) => view.setUint8(at + 46 + 1, 0)),
  );
  add(
    'zip',
    'zip-slip.zip',
    'an entry named ../../evil.shp',
    IMPORT_GRIDS,
    zip({ '../../evil.shp': utf8('x'), 'grids.dbf': utf8('x') }),
  );
  add(
    'zip',
    'bomb.zip',
    'a few hundred KB that unpack past the import limit',
    IMPORT_GRIDS,
    zip({ 'grids.dbf': new Uint8Array(MAX_IMPORT_BYTES + 1) }, 9),
  );
  const directoryFar = plainZip.slice();
  new DataView(directoryFar.buffer).setUint32(directoryFar.length - 22 + 16, 0x7fffffff, true);
  add(
    'zip',
    'directory-outside.zip',
    'the central directory points past the file',
    IMPORT_GRIDS,
    directoryFar,
  );
  add('zip', 'truncated.zip', 'a zip cut in half', IMPORT_GRIDS, plainZip.slice(0, plainZip.length >> 1));

  // --- DBF and shapefile ---
  add(
    'dbf-shapefile',
    'record-length-too-short.zip',
    'the DBF header’s record length is shorter than its fields',
    IMPORT_GRIDS,
    zip(damaged(gridParts(), '.dbf', (view) => view.setUint16(10, 5, true))),
  );
  add(
    'dbf-shapefile',
    'header-length-past-file.zip',
    'the DBF header length points past the end of the file',
    IMPORT_GRIDS,
    zip(damaged(gridParts(), '.dbf', (view) => view.setUint16(8, 60_000, true))),
  );
  add(
    'dbf-shapefile',
    'record-count-too-large.zip',
    'the DBF header claims a million records',
    IMPORT_GRIDS,
    zip(damaged(gridParts(), '.dbf', (view) => view.setUint32(4, 1_000_000, true))),
  );
  add(
    'dbf-shapefile',
    'part-index-out-of-range.zip',
    'a polygon’s part index 999 in a ring of 5 points',
    IMPORT_GRIDS,
    zip(damaged(gridParts(), '.shp', (view) => view.setInt32(108 + 44, 999, true))),
  );
  add(
    'dbf-shapefile',
    'negative-part-count.zip',
    'a polygon with −3 parts',
    IMPORT_GRIDS,
    zip(damaged(gridParts(), '.shp', (view) => view.setInt32(108 + 36, -3, true))),
  );
  add(
    'dbf-shapefile',
    'negative-part-index.zip',
    'a polygon whose part starts at point −1',
    IMPORT_GRIDS,
    zip(damaged(gridParts(), '.shp', (view) => view.setInt32(108 + 44, -1, true))),
  );
  add(
    'dbf-shapefile',
    'unknown-layer.zip',
    '--shapefile-layer names a layer the zip does not hold',
    [...IMPORT_GRIDS, '--shapefile-layer', 'roads'],
    plainZip,
  );
  add(
    'dbf-shapefile',
    'two-layers.zip',
    'a zip of two shapefile layers and no --shapefile-layer: the command must not guess which',
    IMPORT_GRIDS,
    zip({ ...gridParts('utf-8', 'grids'), ...gridParts('utf-8', 'roads') }),
  );

  // --- coordinates ---
  add(
    'coordinates',
    'infinity-1e999.geojson',
    '1e999 parses as Infinity and was written back as null',
    VALIDATE,
    utf8(division().replace('29.315', '1e999')),
  );
  add(
    'coordinates',
    'nan-word.geojson',
    'NaN is not JSON',
    VALIDATE,
    utf8(division().replace('29.305', 'NaN')),
  );
  add(
    'coordinates',
    'longitude-out-of-range.geojson',
    'plain features with longitude 504.7',
    IMPORT_GRIDS,
    utf8(plainGrids(ring(504.7, 29.3))),
  );
  add(
    'coordinates',
    'census-out-of-range.geojson',
    'a division’s census point at longitude 504.7',
    VALIDATE,
    utf8(division().replace('104.715', '504.7')),
  );
  add(
    'coordinates',
    'swapped-columns.csv',
    'a census table with latitude in the longitude column (out of range as latitude)',
    IMPORT_CENSUS,
    utf8('经度,纬度,户数\n29.305,104.705,3\n29.315,104.715,4\n'),
  );
  add(
    'coordinates',
    'swapped-columns-in-range.csv',
    'a swap that stays in range (Xinjiang: 40°N 80°E read as 40°E 80°N, the Arctic)',
    IMPORT_CENSUS,
    utf8('lon,lat,households\n40.1,80.2,3\n40.2,80.3,4\n'),
  );
  add(
    'coordinates',
    'swapped-columns-sheet.xlsx',
    'the same swap in an XLSX sheet',
    IMPORT_CENSUS,
    rezip(
      writeXlsx(
        '人口',
        ['经度', '纬度', '户数'],
        [
          [29.305, 104.705, 3],
          [29.315, 104.715, 4],
        ],
      ),
    ),
  );
  add(
    'coordinates',
    'projected-in-table.csv',
    'Gauss-Kruger metres in a census table',
    IMPORT_CENSUS,
    utf8('经度,纬度,户数\n35500000,3240000,3\n'),
  );

  // --- coordinate systems ---
  add(
    'coordinate-systems',
    'beijing-1954.zip',
    'a .prj of Beijing 1954 degrees: accepted with a warning',
    IMPORT_GRIDS,
    withPrj(PRJ.beijing1954),
  );
  add(
    'coordinate-systems',
    'xian-1980.zip',
    'a .prj of Xi’an 1980 degrees: accepted with a warning',
    IMPORT_GRIDS,
    withPrj(PRJ.xian1980),
  );
  add(
    'coordinate-systems',
    'radians.zip',
    'longitude/latitude in radians',
    IMPORT_GRIDS,
    withPrj(PRJ.radians),
  );
  add(
    'coordinate-systems',
    'web-mercator.zip',
    'a Web Mercator .prj beside degree coordinates',
    IMPORT_GRIDS,
    withPrj(PRJ.webMercator),
  );
  add('coordinate-systems', 'garbage-prj.zip', 'a .prj that is not WKT', IMPORT_GRIDS, withPrj(PRJ.garbage));
  add(
    'coordinate-systems',
    'no-prj-degrees.zip',
    'no .prj, degree coordinates',
    IMPORT_GRIDS,
    withPrj(undefined),
  );

  // --- text encodings ---
  const gbkParts = gridParts('gbk');
  gbkParts['grids.cpg'] = utf8('UTF-8');
  add(
    'encodings',
    'gbk-dbf-utf8-cpg.zip',
    'GBK attributes, a .cpg saying UTF-8',
    IMPORT_GRIDS,
    zip(gbkParts),
  );
  const utf8Parts = gridParts('utf-8');
  utf8Parts['grids.cpg'] = utf8('936');
  add(
    'encodings',
    'utf8-dbf-gbk-cpg.zip',
    'UTF-8 attributes, a .cpg saying 936',
    IMPORT_GRIDS,
    zip(utf8Parts),
  );
  add(
    'encodings',
    'gbk.csv',
    'a GBK census table (Excel on Chinese Windows)',
    IMPORT_CENSUS,
    gbk(CENSUS_CSV),
  );
  add(
    'encodings',
    'gbk-read-as-utf8.csv',
    'a GBK table with --encoding utf-8: refused, not garbled',
    [...IMPORT_CENSUS, '--encoding', 'utf-8'],
    gbk(CENSUS_CSV),
  );
  const utf16le = (value: string, bom: boolean): Uint8Array => {
    const out = new Uint8Array((bom ? 2 : 0) + value.length * 2);
    const view = new DataView(out.buffer);
    if (bom) view.setUint16(0, 0xfeff, true);
    for (let i = 0; i < value.length; i++) view.setUint16((bom ? 2 : 0) + i * 2, value.charCodeAt(i), true);
    return out;
  };
  const utf16be = (value: string): Uint8Array => {
    const out = new Uint8Array(2 + value.length * 2);
    const view = new DataView(out.buffer);
    view.setUint16(0, 0xfeff, false);
    for (let i = 0; i < value.length; i++) view.setUint16(2 + i * 2, value.charCodeAt(i), false);
    return out;
  };
  add(
    'encodings',
    'utf16le-bom.csv',
    'UTF-16LE with a BOM (Excel “Unicode text”)',
    IMPORT_CENSUS,
    utf16le(CENSUS_CSV, true),
  );
  add('encodings', 'utf16le-no-bom.csv', 'UTF-16LE without a BOM', IMPORT_CENSUS, utf16le(CENSUS_CSV, false));
  add(
    'encodings',
    'utf16le-no-bom-named.csv',
    'UTF-16LE without a BOM, read with --encoding utf-16',
    [...IMPORT_CENSUS, '--encoding', 'utf-16'],
    utf16le(CENSUS_CSV, false),
  );
  add(
    'encodings',
    'gbk-grids.geojson',
    'plain GBK GeoJSON features',
    IMPORT_GRIDS,
    gbk(plainGrids(ring(104.7, 29.3))),
  );
  add('encodings', 'utf16be-division.geojson', 'a UTF-16BE division', VALIDATE, utf16be(division()));
  add('encodings', 'gbk-division.geojson', 'a GBK division', VALIDATE, gbk(division()));
  add(
    'encodings',
    'gbk-division-named.geojson',
    'a GBK division with --encoding gbk',
    [...VALIDATE, '--encoding', 'gbk'],
    gbk(division()),
  );
  add(
    'encodings',
    'neither.csv',
    'bytes valid in neither UTF-8 nor GBK (0xFF)',
    IMPORT_CENSUS,
    Uint8Array.from([...utf8('经度,纬度,户数\n104.7,29.3,'), 0xff, 0xff, 0x0a]),
  );
  add(
    'encodings',
    'odd-utf16.csv',
    'a UTF-16 BOM and an odd number of bytes',
    IMPORT_CENSUS,
    Uint8Array.from([...utf16le(CENSUS_CSV, true), 0x41]),
  );

  // --- CSV ---
  add(
    'csv',
    'unbalanced-quote.csv',
    'an unclosed quote that would swallow the rows after it',
    IMPORT_CENSUS,
    utf8(
      '经度,纬度,户数,地址\n104.705,29.305,3,"新街1号\n104.715,29.315,4,新街2号\n104.71,29.31,5,新街3号\n',
    ),
  );
  add(
    'csv',
    'header-only-into.csv',
    'a header without rows, imported --into a division with census points',
    [...IMPORT_CENSUS, '--into', '{out}'],
    utf8('经度,纬度,户数\n'),
  );
  add(
    'csv',
    'proto-keys.csv',
    '__proto__ and constructor columns are data',
    IMPORT_CENSUS,
    utf8('经度,纬度,户数,__proto__,constructor\n104.705,29.305,3,甲,乙\n'),
  );
  const formulas = ['=1+1', '+1', '-1+2', '@SUM(A1)', '\t=1', '\r=1'];
  formulas.forEach((name, index) => {
    const file = `formula-names-${index + 1}.geojson`;
    const safe = division(`${name}网格`, `${name}社区`);
    add(
      'csv',
      file,
      `a grid named ${JSON.stringify(name)} exported as CSV`,
      ['export', '{file}', '--to', 'csv', '--out', '{out}'],
      utf8(safe),
    );
  });
  add(
    'csv',
    'formula-names-xlsx.geojson',
    'a grid named "=HYPERLINK(…)" exported as XLSX',
    ['export', '{file}', '--to', 'xlsx', '--out', '{out}'],
    utf8(division('=HYPERLINK("http://x","点")')),
  );

  // --- terminal output ---
  add(
    'terminal',
    'escape-sequences.geojson',
    'names with ESC sequences that would clear the screen or set the title',
    VALIDATE,
    utf8(division('\u001b[2J\u001b]0;pwned\u0007网格', '\u001b[31m社区')),
  );
  add(
    'terminal',
    'bidi-override.geojson',
    'a name with a right-to-left override',
    VALIDATE,
    utf8(division('网格\u202Egnp.exe')),
  );
  add(
    'terminal',
    'control-characters.geojson',
    'a name with NUL, BEL, backspace and CR',
    VALIDATE,
    utf8(division('网\u0000格\u0007\u0008\r伪造')),
  );
  add(
    'terminal',
    'deep-nesting.geojson',
    '100,000 nested arrays as a geometry',
    VALIDATE,
    utf8(
      `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"layer":"grid"},"geometry":{"type":"Polygon","coordinates":${'['.repeat(100_000)}${']'.repeat(100_000)}}}]}`,
    ),
  );
  add(
    'terminal',
    'deep-properties.geojson',
    'properties nested 10,000 deep, imported as grids',
    IMPORT_GRIDS,
    utf8(
      `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"WGBM":"1","x":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}},"geometry":null}]}`,
    ),
  );
  add(
    'terminal',
    'escape-in-stats.geojson',
    'ESC in a township name printed by stats',
    ['stats', '{file}'],
    utf8(division('\u001b[2J网格')),
  );

  // The division every run's {out} holds before the run: a refusal must leave it byte for byte.
  files.set('previous.geojson', utf8(division('原有网格')));
  return { classes, files };
}

/** Writes the corpus and each class's cases.json under `root`. */
export function writeHostileCorpus(root: string): number {
  const corpus = makeHostileCorpus();
  for (const [name, bytes] of corpus.files) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), bytes);
  }
  for (const [folder, cases] of Object.entries(corpus.classes)) {
    writeFileSync(path.join(root, folder, 'cases.json'), `${JSON.stringify(cases, null, 2)}\n`);
  }
  return corpus.files.size;
}

export const HOSTILE_CORPUS_ROOT = fileURLToPath(new URL('../test/fixtures/hostile', import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const count = writeHostileCorpus(process.argv[2] ?? HOSTILE_CORPUS_ROOT);
  process.stdout.write(`${count} files written\n`);
}
