import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { strToU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { divisionCounts } from '../../../shared/formats/filing-package';
import { packageCommand } from '../../../shared/cli/commands/package';
import type { CliHost } from '../../../shared/cli/cli-host';
import { readFilingPackage, writeFilingPackage } from '../../../shared/formats/filing-package';
import { stringifyDivision } from '../../../shared/formats/geojson';
import { writeZip } from '../../../shared/formats/zip-archive';
import { demoDivision, TEST_PDF_MAKERS } from './filing-package-fixtures';
import { memoryHost } from './memory-host';

// Every zip GridPlan writes goes through writeZip: with the host's native DEFLATE (the command line's
// zlib) or, without one (the app), fflate's. The files inside must be the same bytes either way, and the
// zlib archives must read with fflate, our reader and Info-ZIP's unzip.

const zlib = (bytes: Uint8Array) => new Uint8Array(deflateRawSync(bytes, { level: 6 }));
const CLOCK = () => new Date('2026-12-05T10:00:00.000Z');
const folder = mkdtempSync(path.join(tmpdir(), 'gridplan-zips-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The files of a zip by name, as fflate reads them. */
const contents = (zip: Uint8Array) =>
  new Map(Object.entries(unzipSync(zip)).map(([n, b]) => [n, Buffer.from(b)]));

/** `unzip -t` passes on the zip, when Info-ZIP's unzip is installed (else undefined). */
function unzipTests(zip: Uint8Array, name: string): boolean | undefined {
  if (spawnSync('unzip', ['-v']).status !== 0) return undefined;
  const file = path.join(folder, name);
  writeFileSync(file, zip);
  return spawnSync('unzip', ['-t', file]).status === 0;
}

describe('writeZip', () => {
  it('holds the same files with zlib as with fflate, and zlib deflates them', () => {
    const files = [
      { name: 'division.geojson', bytes: strToU8(stringifyDivision(demoDivision())) },
      { name: '说明.txt', bytes: strToU8('报审包'.repeat(100)) },
    ];
    const withZlib = writeZip(files, zlib);
    expect(contents(withZlib)).toEqual(contents(writeZip(files)));
    expect(withZlib.length).toBeLessThan(files[0]!.bytes.length / 2);
    expect(unzipTests(withZlib, 'plain.zip')).not.toBe(false);
  });
});

describe('filing packages zipped with the host DEFLATE', () => {
  it('writeFilingPackage: the same manifest and the same files inside', () => {
    const input = {
      manifest: {
        township: { code: '510302001', name: '新街镇' },
        version: 1,
        createdAt: CLOCK().toISOString(),
        ruleSet: 'zigong',
        counts: divisionCounts(demoDivision()),
      },
      files: { 'division.geojson': stringifyDivision(demoDivision()), 'report.json': '{}\n' },
    };
    const fflate = writeFilingPackage(input);
    const native = writeFilingPackage({ ...input, deflateRaw: zlib });
    expect(native.manifest).toEqual(fflate.manifest);
    expect(contents(native.bytes)).toEqual(contents(fflate.bytes));
    expect(unzipTests(native.bytes, 'package.zip')).not.toBe(false);
  });

  it('gridplan package uses the host deflateRaw when there is one, with the same files inside', async () => {
    const run = packageCommand(() => ({ pdfs: TEST_PDF_MAKERS }), CLOCK);
    const source = new Map([['d.geojson', strToU8(stringifyDivision(demoDivision()))]]);
    const plainHost = memoryHost(new Map(source));
    let deflated = 0;
    const nativeHost: CliHost = {
      ...memoryHost(new Map(source)),
      deflateRaw: (bytes) => {
        deflated++;
        return zlib(bytes);
      },
    };
    const plain = await run.run(['d.geojson', '--out', 'p.zip'], plainHost, 'zh');
    const native = await run.run(['d.geojson', '--out', 'p.zip'], nativeHost, 'zh');
    // Written both ways; the demo's errors are said (exit 1).
    expect(plain.exitCode).toBe(1);
    expect(native.exitCode).toBe(1);
    expect(native.stdout).toBe(plain.stdout);
    const plainZip = plainHost.readBytes!('p.zip');
    const nativeZip = nativeHost.readBytes!('p.zip');
    if (!plainZip.ok || !nativeZip.ok) throw new Error('no package written');
    expect(deflated).toBeGreaterThanOrEqual(6);
    expect(Buffer.from(nativeZip.value).equals(Buffer.from(plainZip.value))).toBe(false);
    expect(contents(nativeZip.value)).toEqual(contents(plainZip.value));
    expect(readFilingPackage(nativeZip.value, 'p.zip').ok).toBe(true);
    expect(unzipTests(nativeZip.value, 'p.zip')).not.toBe(false);
  });
});
