import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { nodeCliHost } from '../../../scripts/gridplan-node-host';
import { readXlsx, writeXlsx } from '../../../shared/formats/xlsx';
import { readZip } from '../../../shared/formats/zip-archive';
import { writeZipWith } from '../../../shared/formats/zip-write';

// The command line inflates workbooks with Node's zlib (nodeCliHost.inflateRaw), bounded to the size an
// entry declares as fflate's inflate is. Whatever the zip holds, both must read the same bytes or refuse
// with the same words.

const native = nodeCliHost.inflateRaw!;
const zlib = (bytes: Uint8Array) => new Uint8Array(deflateRawSync(bytes));
const content = new TextEncoder().encode('经度,纬度,户数\n'.repeat(500));

/** A one-entry zip of `content`, then changed by `patch` (offsets of its local and central headers). */
function zipWith(patch: (bytes: Uint8Array, view: DataView, central: number) => void): Uint8Array {
  const zip = writeZipWith([{ name: 'a.csv', bytes: content }], zlib, new Date(2026, 11, 6));
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const central = view.getUint32(zip.length - 22 + 16, true);
  patch(zip, view, central);
  return zip;
}

/** readZip with fflate and with the native inflate: the two results, to compare. */
function bothReads(zip: Uint8Array) {
  return { fflate: readZip(zip, 'x.zip'), native: readZip(zip, 'x.zip', undefined, native) };
}

describe('nodeCliHost.inflateRaw in readZip', () => {
  it('reads a sound entry as fflate does', () => {
    const { fflate, native: ours } = bothReads(zipWith(() => undefined));
    expect(ours.ok).toBe(true);
    expect(ours).toEqual(fflate);
  });

  it('refuses an entry that unpacks to more than it declares, without producing more', () => {
    const zip = zipWith((_, view, central) => {
      view.setUint32(22, 100, true);
      view.setUint32(central + 24, 100, true);
    });
    const { fflate, native: ours } = bothReads(zip);
    expect(ours.ok).toBe(false);
    if (!ours.ok) expect(ours.problems[0]!.message.en).toContain('unpacks to more than the 100 bytes');
    expect(ours).toEqual(fflate);
    // Declared empty: zlib's smallest bound is one byte, and it is still refused as larger.
    const empty = zipWith((_, view, central) => {
      view.setUint32(22, 0, true);
      view.setUint32(central + 24, 0, true);
    });
    expect(bothReads(empty).native).toEqual(bothReads(empty).fflate);
    expect(bothReads(empty).native.ok).toBe(false);
  });

  it('refuses damaged data and an entry shorter than it declares, as fflate does', () => {
    const damaged = zipWith((bytes) => bytes.fill(0xff, 30 + 'a.csv'.length, 30 + 'a.csv'.length + 8));
    const d = bothReads(damaged);
    expect(d.native.ok).toBe(false);
    if (!d.native.ok)
      expect(d.native.problems[0]!.message.en).toContain('compressed data of a.csv is damaged');
    expect(d.native).toEqual(d.fflate);
    const longer = zipWith((_, view, central) => {
      view.setUint32(22, content.length + 5, true);
      view.setUint32(central + 24, content.length + 5, true);
    });
    const l = bothReads(longer);
    expect(l.native.ok).toBe(false);
    expect(l.native).toEqual(l.fflate);
  });

  it('reads a workbook the same with either inflate', () => {
    const workbook = writeXlsx('人口', ['经度', '纬度', '地址'], [[104.7, 29.3, '新街社区1号']]);
    const ours = readXlsx(workbook, 'a.xlsx', native);
    expect(ours.ok).toBe(true);
    expect(ours).toEqual(readXlsx(workbook, 'a.xlsx'));
  });
});
