import { zipSync } from 'fflate';
// Work is bounded: a parser that hangs or goes quadratic fails these tests by their timeouts.
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../../../shared/formats/crc32';
import { encodeText } from '../../../../shared/formats/text-encoding';
import { readXlsx } from '../../../../shared/formats/xlsx';
import { MAX_IMPORT_BYTES, readZip } from '../../../../shared/formats/zip-archive';
import { patchCentral, workbook } from '../../../../scripts/make-hostile-corpus';

const utf8 = (value: string) => encodeText(value, 'utf-8').bytes;

function refusal(result: {
  ok: boolean;
  problems?: readonly { kind: string; message: { zh: string; en: string } }[];
}) {
  expect(result.ok).toBe(false);
  const problem = result.problems![0]!;
  expect(problem.message.zh.length).toBeGreaterThan(5);
  expect(problem.message.en.length).toBeGreaterThan(5);
  return problem;
}

const plain = zipSync({ 'a.txt': utf8('网格'.repeat(1000)) });

describe('hostile zips are refused with a clear message, whatever their headers claim', () => {
  it('reads a good zip', () => {
    const read = readZip(plain, 'good.zip');
    expect(read.ok && read.value[0]!.name).toBe('a.txt');
  });

  it('a wrong CRC-32', () => {
    const bad = patchCentral(plain, (view, central) => view.setUint32(central + 16, 0xdeadbeef, true));
    const problem = refusal(readZip(bad, 'crc.zip'));
    expect(problem.kind).toBe('bad-zip');
    expect(problem.message.en).toContain('CRC-32');
    expect(problem.message.zh).toContain('a.txt');
  });

  it('an entry that declares fewer bytes than its data unpacks to', () => {
    const bad = patchCentral(plain, (view, central) => view.setUint32(central + 24, 100, true));
    const problem = refusal(readZip(bad, 'small.zip'));
    expect(problem.message.en).toMatch(/more than the 100 bytes it declares/);
  });

  it('an entry that declares more bytes than its data holds', () => {
    const bad = patchCentral(plain, (view, central) => view.setUint32(central + 24, 10_000_000, true));
    expect(refusal(readZip(bad, 'big.zip')).message.en).toMatch(/declared size/);
  });

  it('an encrypted entry is called password-protected', () => {
    const bad = patchCentral(plain, (view, central) =>
      view.setUint16(central + 8, view.getUint16(central + 8, true) | 1, true),
    );
    const problem = refusal(readZip(bad, 'secret.zip'));
    expect(problem.kind).toBe('encrypted-zip');
    expect(problem.message.en).toContain('password-protected');
    expect(problem.message.zh).toContain('密码');
  });

  it('a NUL in an entry name', () => {
    const zip = zipSync({ 'abc.shp': utf8('x') });
    const bad = patchCentral(zip, (view, central) => view.setUint8(central + 46 + 1, 0));
    expect(refusal(readZip(bad, 'nul.zip')).kind).toBe('unsafe-zip');
  });

  it('a directory that points outside the file', () => {
    const bad = plain.slice();
    const view = new DataView(bad.buffer);
    view.setUint32(bad.length - 22 + 16, 0x7fffffff, true);
    expect(refusal(readZip(bad, 'far.zip')).kind).toBe('bad-zip');
  });

  it('a bomb: small on disk, more than the limit unpacked, refused before inflating', () => {
    const bomb = zipSync({ 'huge.dbf': new Uint8Array(MAX_IMPORT_BYTES + 1) }, { level: 9 });
    expect(bomb.length).toBeLessThan(1_000_000);
    expect(refusal(readZip(bomb, 'bomb.zip')).kind).toBe('too-large');
  }, 20_000);

  it('a bomb whose header lies about its size is stopped at the declared size', () => {
    const bomb = zipSync({ 'huge.dbf': new Uint8Array(50_000_000) }, { level: 9 });
    const bad = patchCentral(bomb, (view, central) => view.setUint32(central + 24, 1000, true));
    expect(refusal(readZip(bad, 'liar.zip')).message.en).toMatch(/declares/);
  }, 20_000);
});

describe('hostile XLSX sheets are parsed with bounded work and refused clearly', () => {
  it('reads shared, inline, numeric and phonetic-annotated strings', () => {
    const read = readXlsx(
      workbook(
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>地址</t></is></c></row>' +
          '<row r="2"><c r="A2"><v>12</v></c><c r="B2" t="s"><v>1</v></c></row>',
        '<si><t>户数</t></si><si><r><t>新</t></r><rPh><t>xin</t></rPh><r><t>民&amp;&#x4E00;</t></r></si>',
      ),
      'ok.xlsx',
    );
    expect(read.ok && read.value).toEqual({
      header: ['户数', '地址'],
      rows: [{ line: 2, cells: ['12', '新民&一'] }],
    });
  });

  it('a character reference outside Unicode', () => {
    const problem = refusal(
      readXlsx(
        workbook('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', '<si><t>&#x110000;</t></si>'),
        'ref.xlsx',
      ),
    );
    expect(problem.message.zh).toContain('&#x110000;');
    expect(problem.message.en).toContain('shared string 1');
  });

  it('a shared-string index out of range names the cell', () => {
    const problem = refusal(
      readXlsx(workbook('<row r="1"><c r="C7" t="s"><v>99</v></c></row>', '<si><t>a</t></si>'), 'idx.xlsx'),
    );
    expect(problem.message.en).toContain('cell C7');
  });

  it('a cell reference far beyond the sheet', () => {
    const problem = refusal(readXlsx(workbook('<row r="2"><c r="ZZZZZZ2"><v>1</v></c></row>'), 'far.xlsx'));
    expect(problem.message.en).toMatch(/last column/);
  }, 20_000);

  it('rows that would make a lazy regular expression quadratic finish quickly', () => {
    const sheet = '<row r="1"><c r="A1"><v>1</v></c>'.repeat(40_000);
    const read = readXlsx(workbook(sheet), 'open-rows.xlsx');
    expect(read.ok).toBe(true);
  }, 20_000);

  it('a sheet whose XML unpacks past the limit', () => {
    const files: Record<string, Uint8Array> = {
      'xl/workbook.xml': utf8('<workbook><sheets><sheet r:id="rId1"/></sheets></workbook>'),
      'xl/worksheets/sheet1.xml': new Uint8Array(MAX_IMPORT_BYTES + 10).fill(32),
    };
    expect(refusal(readXlsx(zipSync(files, { level: 9 }), 'bomb.xlsx')).kind).toBe('too-large');
  }, 20_000);

  it('crc32 agrees with the zip writer', () => {
    expect(crc32(utf8('123456789'))).toBe(0xcbf43926);
  });
});
