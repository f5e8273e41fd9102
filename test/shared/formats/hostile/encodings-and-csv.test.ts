import { describe, expect, it } from 'vitest';
import { parseCsv, writeCsv } from '../../../../shared/formats/csv';
import { inspectImport } from '../../../../shared/formats/import-files';
import { writeShapefile } from '../../../../shared/formats/shapefile-write';
import { decodeTextFile, encodeText } from '../../../../shared/formats/text-encoding';
import { readXlsx, writeXlsx } from '../../../../shared/formats/xlsx';
import { readZip, writeZip } from '../../../../shared/formats/zip-archive';
import type { InputFile } from '../../../../shared/formats/zip-archive';
import { importAs, problems, said, square, value } from '../import-helpers';

const census = '经度,纬度,户数,地址\r\n104.7,29.3,12,新街1号\r\n104.71,29.31,8,新街2号\r\n';

function utf16(textValue: string, bigEndian: boolean, bom: boolean): Uint8Array {
  const out: number[] = bom ? (bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]) : [];
  for (let i = 0; i < textValue.length; i++) {
    const code = textValue.charCodeAt(i);
    if (bigEndian) out.push(code >> 8, code & 0xff);
    else out.push(code & 0xff, code >> 8);
  }
  return Uint8Array.from(out);
}

const csvFile = (bytes: Uint8Array): InputFile => ({ name: 'census.csv', bytes });

describe('text encodings are detected, said, and never silently garbled', () => {
  it('UTF-16 with and without a byte-order mark, little and big endian', () => {
    for (const [bigEndian, bom] of [
      [false, true],
      [true, true],
      [false, false],
      [true, false],
    ] as const) {
      const decoded = decodeTextFile(utf16(census, bigEndian, bom), 'census.csv');
      expect(decoded.ok && decoded.value.text).toBe(census);
      expect(decoded.ok && decoded.value.encoding).toBe(bigEndian ? 'utf-16be' : 'utf-16le');
    }
    const imported = value(importAs([csvFile(utf16(census, false, true))], { layer: 'census' }));
    expect(imported.entities).toHaveLength(2);
  });

  it('GBK CSV is detected and said', () => {
    const inspection = value(inspectImport([csvFile(encodeText(census, 'gbk').bytes)]));
    expect(inspection.encoding).toBe('gbk');
    expect(inspection.encodingSource).toBe('detected');
  });

  it('a forced UTF-8 reading of GBK bytes is refused, naming the encoding', () => {
    const list = problems(inspectImport([csvFile(encodeText(census, 'gbk').bytes)], { encoding: 'utf-8' }));
    expect(list[0]!.kind).toBe('bad-encoding');
    expect(said(list)).toMatch(/UTF-8/);
    expect(said(list)).toMatch(/GBK/);
  });

  it('bytes valid in neither UTF-8 nor GBK are refused', () => {
    const bytes = Uint8Array.from([...encodeText('经度,纬度\n', 'utf-8').bytes, 0xff, 0xff, 0x0a]);
    expect(problems(inspectImport([csvFile(bytes)]))[0]!.kind).toBe('bad-encoding');
  });

  it('a GBK GeoJSON is read as GBK', () => {
    const geojson = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { 名称: '新街' },
          geometry: { type: 'Point', coordinates: [104.7, 29.3] },
        },
      ],
    });
    const inspection = value(
      inspectImport([{ name: 'points.geojson', bytes: encodeText(geojson, 'gbk').bytes }]),
    );
    expect(inspection.fields).toContain('名称');
  });

  /** A one-grid shapefile with the given attribute encoding and .cpg text. */
  function shapefile(encoding: 'utf-8' | 'gbk', cpg: string): InputFile {
    const files = writeShapefile(
      {
        name: 'grids',
        shapeType: 'polygon',
        fields: [
          { name: 'WGBM', type: 'C' },
          { name: 'WGMC', type: 'C' },
        ],
        records: [{ geometry: square(104.7, 29.3), cells: ['510302001001001', '新街社区第一网格'] }],
      },
      { encoding, crs: 'cgcs2000' },
    ).files.map((file) =>
      file.name.endsWith('.cpg') ? { name: file.name, bytes: encodeText(cpg, 'utf-8').bytes } : file,
    );
    return { name: 'grids.zip', bytes: writeZip(files) };
  }

  it('GBK attributes beside a .cpg saying UTF-8 are read as GBK, and it is said', () => {
    const inspection = value(inspectImport([shapefile('gbk', 'UTF-8')]));
    expect(inspection.encoding).toBe('gbk');
    expect(inspection.encodingSource).toBe('contradicted');
    expect(inspection.preview[0]).toContain('新街社区第一网格');
  });

  it('UTF-8 attributes beside a .cpg saying 936 are read as UTF-8', () => {
    const inspection = value(inspectImport([shapefile('utf-8', '936')]));
    expect(inspection.encoding).toBe('utf-8');
    expect(inspection.encodingSource).toBe('contradicted');
  });
});

describe('CSV', () => {
  it('an unbalanced quote is refused, naming the line where it opened', () => {
    const result = parseCsv(
      '经度,纬度,地址\n104.7,29.3,"新街1号\n104.8,29.4,新街2号\n104.9,29.5,新街3号\n',
      'c.csv',
    );
    expect(said(problems(result))).toContain('line 2');
  });

  it('cells a spreadsheet would run as formulas are written as text', () => {
    const written = writeCsv(
      ['名称', '户数'],
      [
        ['=HYPERLINK("http://x")', 5],
        ['+1', -3],
        ['@SUM(A1)', 0],
        ['-2+3', 1],
        ['\tTAB', 1],
        ['普通', 2],
      ],
    );
    const rows = value(parseCsv(written)).rows.map((row) => row.cells);
    expect(rows.map((cells) => cells[0])).toEqual([
      `'=HYPERLINK("http://x")`,
      "'+1",
      "'@SUM(A1)",
      "'-2+3",
      "'\tTAB",
      '普通',
    ]);
    expect(rows[1]![1]).toBe('-3');
  });

  it('XLSX writes such cells as inline text, never as formulas', () => {
    const bytes = writeXlsx('s', ['名称'], [['=1+1'], ['@A1']]);
    const sheet = readZip(bytes, 'x.xlsx');
    const xml = new TextDecoder().decode(
      value(sheet).find((f) => f.name === 'xl/worksheets/sheet1.xml')!.bytes,
    );
    expect(xml).not.toContain('<f>');
    expect(xml).toContain('t="inlineStr"><is><t xml:space="preserve">=1+1</t>');
    expect(value(readXlsx(bytes, 'x.xlsx')).rows[0]!.cells[0]).toBe('=1+1');
  });
});
