import { describe, expect, it } from 'vitest';
import { readImport } from '../../../shared/formats/import-files';
import { writeShapefile } from '../../../shared/formats/shapefile-write';
import type { ShapeRecord } from '../../../shared/formats/shapefile-write';
import type { TextEncodingName } from '../../../shared/formats/text-encoding';
import { decodeText, encodeText, wholeCharacters } from '../../../shared/formats/text-encoding';
import type { InputFile } from '../../../shared/formats/zip-archive';
import { writeZip } from '../../../shared/formats/zip-archive';
import { importAs, said, problems, square, value } from './import-helpers';

// What other tools' shapefiles hold that GridPlan's own writer never makes: codes stored as numbers,
// field names cut in the middle of a character, records marked deleted, GB18030's four-byte characters.

const HEADER = 32;

/** A grid shapefile zip written by GridPlan's writer, its DBF then changed by `patch`. */
function patchedZip(
  records: readonly ShapeRecord[],
  patch: (dbf: Uint8Array, at: { header: number; record: number }) => void,
  { encoding = 'utf-8', fields = ['WGBM', 'WGMC'] }: { encoding?: TextEncodingName; fields?: string[] } = {},
): InputFile {
  const written = writeShapefile(
    {
      name: 'grids',
      shapeType: 'polygon',
      fields: fields.map((name) => ({ name, type: 'C' as const })),
      records,
    },
    { encoding, crs: 'cgcs2000' },
  );
  const files = written.files.map((file) => {
    if (!file.name.endsWith('.dbf')) return file;
    const dbf = file.bytes.slice();
    const view = new DataView(dbf.buffer);
    patch(dbf, { header: view.getUint16(8, true), record: view.getUint16(10, true) });
    return { ...file, bytes: dbf };
  });
  return { name: 'grids.zip', bytes: writeZip(files) };
}

const grid = (code: string, name: string, lon = 104.7, more: string[] = []): ShapeRecord => ({
  geometry: square(lon, 29.3, 0.001),
  cells: [code, name, ...more],
});

describe('shapefiles from other tools', () => {
  it('keeps every digit of an 18-digit code a tool stored as a number', () => {
    const codes = ['510302001001001001', '510302001001001003'];
    const zip = patchedZip(
      codes.map((code, i) => grid(code, `微网格${i + 1}`, 104.7 + i * 0.002)),
      (dbf) => {
        dbf[HEADER + 11] = 'N'.charCodeAt(0); // WGBM as GDAL writes Integer64: N(18,0)
      },
    );
    const imported = value(importAs([zip], { layer: 'microgrid', mapping: { code: 'WGBM', name: 'WGMC' } }));
    expect(imported.entities.map((e) => ('code' in e ? e.code : ''))).toEqual(codes);
  });

  it('refuses a code whose digits were lost as a number in GeoJSON, saying to store it as text', () => {
    const geojson = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"WGBM":510302001001001001,"WGMC":"a"},"geometry":${JSON.stringify(square(104.7, 29.3, 0.001))}}]}`;
    const refused = problems(
      importAs([{ name: 'm.geojson', bytes: new TextEncoder().encode(geojson) }], {
        layer: 'microgrid',
        mapping: { code: 'WGBM', name: 'WGMC' },
      }),
    );
    expect(said(refused)).toContain('stored as a number');
    expect(said(refused)).toContain('改为文本');
  });

  it('skips records marked deleted, as GIS programs do', () => {
    const zip = patchedZip(
      [grid('510302001001001', '留下'), grid('510302001001002', '已删除', 104.71)],
      (dbf, at) => {
        dbf[at.header + at.record] = 0x2a;
      },
    );
    const imported = value(importAs([zip], { layer: 'grid', mapping: { code: 'WGBM', name: 'WGMC' } }));
    expect(imported.entities.map((e) => ('name' in e ? e.name : ''))).toEqual(['留下']);
  });

  // 社区代码 is 12 bytes in UTF-8 (cut after one byte of 码); A所属社区编码 is 13 in GBK (after one of 编).
  for (const [encoding, full, kept] of [
    ['utf-8', '社区代码', '社区代'],
    ['gbk', 'A所属社区编码', 'A所属社区'],
  ] as const) {
    it(`reads a Chinese field name its writer cut at 10 bytes mid-character (${encoding})`, () => {
      const cut = encodeText(full, encoding).bytes.subarray(0, 10);
      const zip = patchedZip(
        [grid('510302001001001', '网格一', 104.7, ['新街社区'])],
        (dbf) => {
          const at = HEADER * 3; // the third field
          dbf.fill(0, at, at + 11);
          dbf.set(cut, at);
        },
        { encoding, fields: ['WGBM', 'WGMC', 'SSSQ'] },
      );
      expect(value(readImport([zip])).inspection.fields).toEqual(['WGBM', 'WGMC', kept]);
      const imported = value(importAs([zip], { layer: 'grid', mapping: { code: 'WGBM', name: 'WGMC' } }));
      expect(imported.entities).toHaveLength(1);
    });
  }
});

describe('text encodings of other tools', () => {
  it('decodes GB18030 four-byte characters in GBK text (rare place-name characters)', () => {
    // 𬇙 (U+2C1D9) is 0x99 0x31 0xB3 0x31 in GB18030; 村 is 0xB4 0xE5.
    expect(decodeText(Uint8Array.from([0x99, 0x31, 0xb3, 0x31, 0xb4, 0xe5]), 'gbk')).toBe('𬇙村');
  });

  it('takes bytes up to their last whole character', () => {
    const utf8 = new TextEncoder().encode('社区代码').subarray(0, 10);
    expect(decodeText(wholeCharacters(utf8, 'utf-8'), 'utf-8')).toBe('社区代');
    const gbk = encodeText('A所属社区编', 'gbk').bytes.subarray(0, 10);
    expect(decodeText(wholeCharacters(gbk, 'gbk'), 'gbk')).toBe('A所属社区');
    const whole = encodeText('所属社区名', 'gbk').bytes;
    expect(wholeCharacters(whole, 'gbk')).toBe(whole);
  });
});
