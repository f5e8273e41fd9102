import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readZip } from '../../../shared/formats/zip-archive';
import { writeZipWith } from '../../../shared/formats/zip-write';

// The command line zips shapefiles with Node's zlib through writeZipWith. Its archives must read back
// whole with our reader (which checks sizes and CRC-32), with fflate, and with Info-ZIP's unzip.

const zlib = (bytes: Uint8Array) => new Uint8Array(deflateRawSync(bytes));
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

function noise(length: number): Uint8Array {
  let x = 2463534242;
  return Uint8Array.from({ length }, () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x & 0xff;
  });
}

const files = [
  { name: 'grids.shp', bytes: new Uint8Array(5000).map((_, i) => i % 7) },
  { name: 'grids.cpg', bytes: new TextEncoder().encode('936') },
  { name: '网格.dbf', bytes: new TextEncoder().encode('新街社区第一网格'.repeat(40)) },
  { name: 'empty.prj', bytes: new Uint8Array(0) },
  // Incompressible (a xorshift's bytes): stored; so is the three-byte .cpg, which DEFLATE cannot shrink.
  { name: 'noise.bin', bytes: noise(3000) },
];

describe('writeZipWith', () => {
  it('reads back whole with our reader and with fflate, Chinese names included', () => {
    const zip = writeZipWith(files, zlib, new Date(2026, 11, 5, 23, 59, 58));
    const ours = readZip(zip, 'x.zip');
    expect(ours.ok).toBe(true);
    if (!ours.ok) return;
    expect(ours.value.map((f) => f.name)).toEqual(files.map((f) => f.name));
    ours.value.forEach((file, i) => expect(same(file.bytes, files[i]!.bytes)).toBe(true));
    const theirs = unzipSync(zip);
    for (const file of files) expect(same(theirs[file.name]!, file.bytes)).toBe(true);
  });

  it('deflates what shrinks and stores what does not', () => {
    const zip = writeZipWith(files, zlib);
    const total = files.reduce((sum, f) => sum + f.bytes.length, 0);
    expect(zip.length).toBeLessThan(total);
    // The local headers of the entries DEFLATE cannot shrink say "stored" (method 0) and its sizes are equal.
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    let at = 0;
    const methods: number[] = [];
    for (let k = 0; k < files.length; k++) {
      methods.push(view.getUint16(at + 8, true));
      at += 30 + view.getUint16(at + 26, true) + view.getUint32(at + 18, true);
    }
    expect(methods).toEqual([8, 0, 8, 0, 0]);
  });

  it('reads back for any files', () => {
    const file = fc.record({
      // `..` is refused by the reader on purpose (it would climb out of the folder unpacked into).
      name: fc.stringMatching(/^[a-z0-9\u4e00-\u4e10._-]{1,12}$/).filter((name) => name !== '..'),
      bytes: fc.uint8Array({ maxLength: 300 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(file, { selector: (f) => f.name, maxLength: 6 }), (input) => {
        const read = readZip(writeZipWith(input, zlib), 'x.zip');
        if (input.length === 0) return;
        expect(read.ok).toBe(true);
        if (!read.ok) return;
        expect(read.value.map((f) => f.name)).toEqual(input.map((f) => f.name));
        read.value.forEach((f, i) => expect(same(f.bytes, input[i]!.bytes)).toBe(true));
      }),
      { numRuns: 60 },
    );
  });

  const unzip = spawnSync('unzip', ['-v'], { encoding: 'utf8' });
  it.skipIf(unzip.status !== 0)('passes Info-ZIP’s test (unzip -t)', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'gridplan-zip-')), 'x.zip');
    writeFileSync(file, writeZipWith(files, zlib));
    const result = spawnSync('unzip', ['-t', file], { encoding: 'utf8' });
    expect(result.stdout).toContain('No errors detected');
    expect(result.status).toBe(0);
  });
});
