import { createHash } from 'node:crypto';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildFilingPackage } from '../../../shared/cli/build-filing-package';
import type { FilingManifest } from '../../../shared/formats/filing-package';
import { looksLikeZip, readFilingPackage } from '../../../shared/formats/filing-package';
import { stringifyDivision } from '../../../shared/formats/geojson';
import type { Division, Problem } from '../../../shared/model';
import { builtinRuleSet } from '../../../shared/model';
import { demoDivision, TEST_PDF_MAKERS } from '../cli/filing-package-fixtures';

const CREATED = '2026-12-05T09:30:00.000Z';
const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The demo with one grid renamed and one deleted: a later version. */
function laterVersion(division: Division): Division {
  const grids = [...division.grid.values()];
  const map = new Map(division.grid);
  map.set(grids[0]!.id, { ...grids[0]!, name: '改名的网格' });
  map.delete(grids[1]!.id);
  return { ...division, grid: map };
}

async function made(division: Division, base?: Division): Promise<Uint8Array> {
  const result = await buildFilingPackage(division, {
    version: base ? 2 : 1,
    createdAt: CREATED,
    ruleSet: builtinRuleSet('zigong')!,
    note: '第一次报审',
    pdfs: TEST_PDF_MAKERS,
    ...(base ? { base: { division: base, sha256: sha(strToU8(stringifyDivision(base))) } } : {}),
  });
  if (!result.ok) throw new Error(result.problems.map((p) => p.message.en).join('; '));
  return result.value.bytes;
}

/** Rebuilds a zip after changing its entries. */
function rezip(bytes: Uint8Array, edit: (entries: Record<string, Uint8Array>) => void): Uint8Array {
  const entries = unzipSync(bytes);
  edit(entries);
  return zipSync(entries);
}

function manifestOf(entries: Record<string, Uint8Array>): FilingManifest {
  return JSON.parse(strFromU8(entries['manifest.json']!)) as FilingManifest;
}

function messages(problems: readonly Problem[]): string {
  return problems.map((p) => `${p.message.zh} | ${p.message.en}`).join('\n');
}

function refusal(bytes: Uint8Array): readonly Problem[] {
  const read = readFilingPackage(bytes, 'pkg.zip');
  expect(read.ok).toBe(false);
  return read.ok ? [] : read.problems;
}

describe('filing package', () => {
  const demo = demoDivision();

  it('round trip: the manifest lists every file with its SHA-256 and the division comes back unchanged', async () => {
    const bytes = await made(demo);
    expect(looksLikeZip(bytes)).toBe(true);
    const entries = unzipSync(bytes);
    expect(Object.keys(entries).sort()).toEqual(
      ['division.geojson', 'manifest.json', 'notices.pdf', 'report.html', 'report.json', 'report.pdf'].sort(),
    );
    const manifest = manifestOf(entries);
    for (const [file, hash] of Object.entries(manifest.files)) expect(hash).toBe(sha(entries[file]!));
    expect(Object.keys(manifest.files)).not.toContain('manifest.json');
    expect(manifest).toMatchObject({
      township: { code: '510302003000' },
      version: 1,
      createdAt: CREATED,
      ruleSet: 'zigong',
      note: '第一次报审',
      divisionSha256: sha(entries['division.geojson']!),
      counts: { grids: demo.grid.size, communities: demo.community.size, censusPoints: demo.census.size },
    });
    expect(manifest.baseSha256).toBeUndefined();
    expect(strFromU8(entries['report.pdf']!.subarray(0, 5))).toBe('%PDF-');

    const read = readFilingPackage(bytes, 'pkg.zip');
    if (!read.ok) throw new Error(messages(read.problems));
    expect(read.value.manifest).toEqual(manifest);
    expect(stringifyDivision(read.value.division)).toBe(stringifyDivision(demo));
    expect(JSON.parse(strFromU8(entries['report.json']!))).toMatchObject({ ruleSet: 'zigong' });
  });

  it('against a base: baseSha256, diff.json, diff.html and base.geojson', async () => {
    const later = laterVersion(demo);
    const bytes = await made(later, demo);
    const entries = unzipSync(bytes);
    const manifest = manifestOf(entries);
    expect(manifest.baseSha256).toBe(sha(strToU8(stringifyDivision(demo))));
    expect(manifest.version).toBe(2);
    const diff = JSON.parse(strFromU8(entries['diff.json']!)) as { summary: Record<string, number> };
    expect(diff.summary).toEqual({ added: 0, removed: 1, split: 0, merged: 0, geometry: 0, attributes: 1 });
    expect(strFromU8(entries['diff.html']!)).toContain('<svg');
    expect(readFilingPackage(bytes, 'pkg.zip').ok).toBe(true);
  });

  it('stores a given division text byte for byte', async () => {
    const text = `${JSON.stringify(JSON.parse(stringifyDivision(demo)), null, 1)}\n`;
    const result = await buildFilingPackage(demo, {
      version: 1,
      createdAt: CREATED,
      ruleSet: builtinRuleSet('zigong')!,
      pdfs: TEST_PDF_MAKERS,
      divisionText: text,
    });
    if (!result.ok) throw new Error(messages(result.problems));
    expect(result.value.manifest.divisionSha256).toBe(sha(strToU8(text)));
    expect(strFromU8(unzipSync(result.value.bytes)['division.geojson']!)).toBe(text);
  });

  it('refuses an altered division.geojson, naming it', async () => {
    const bytes = rezip(await made(demo), (entries) => {
      const text = strFromU8(entries['division.geojson']!);
      entries['division.geojson'] = strToU8(text.replace('光明社区第1网格', '光明社区第9网格'));
    });
    const problems = refusal(bytes);
    expect(problems.map((p) => p.kind)).toEqual(['tampered']);
    expect(messages(problems)).toContain('division.geojson');
    expect(problems[0]!.message.en).toContain('altered');
  });

  it('refuses a manifest whose hash of a file was altered, naming that file', async () => {
    const bytes = rezip(await made(demo), (entries) => {
      const manifest = manifestOf(entries);
      const files = { ...manifest.files, 'report.json': 'f'.repeat(64) };
      entries['manifest.json'] = strToU8(JSON.stringify({ ...manifest, files }));
    });
    const problems = refusal(bytes);
    expect(problems).toHaveLength(1);
    expect(messages(problems)).toContain('report.json');
  });

  it('refuses a divisionSha256 that is not the hash of division.geojson', async () => {
    const bytes = rezip(await made(demo), (entries) => {
      const manifest = manifestOf(entries);
      entries['manifest.json'] = strToU8(JSON.stringify({ ...manifest, divisionSha256: '0'.repeat(64) }));
    });
    expect(messages(refusal(bytes))).toContain('divisionSha256');
  });

  it('refuses a missing file, naming it', async () => {
    const bytes = rezip(await made(demo), (entries) => {
      delete entries['notices.pdf'];
    });
    const problems = refusal(bytes);
    expect(problems).toHaveLength(1);
    expect(messages(problems)).toContain('notices.pdf');
  });

  it('refuses an extra file, naming it', async () => {
    const bytes = rezip(await made(demo), (entries) => {
      entries['extra/run-me.js'] = strToU8('alert(1)');
    });
    const problems = refusal(bytes);
    expect(problems).toHaveLength(1);
    expect(messages(problems)).toContain('extra/run-me.js');
  });

  it('names at most 20 mismatches of a package stuffed with extra files, and counts the rest', async () => {
    const bytes = rezip(await made(demo), (entries) => {
      for (let i = 0; i < 500; i++) entries[`junk/${i}.txt`] = strToU8(String(i));
    });
    const problems = refusal(bytes);
    expect(problems).toHaveLength(21);
    expect(problems[20]!.message.en).toContain('480 more');
  });

  it('refuses a required file left out of both the zip and the manifest, and a malformed manifest', async () => {
    const withoutReport = rezip(await made(demo), (entries) => {
      delete entries['report.pdf'];
      const manifest = manifestOf(entries);
      const { 'report.pdf': _gone, ...files } = manifest.files;
      entries['manifest.json'] = strToU8(JSON.stringify({ ...manifest, files }));
    });
    expect(messages(refusal(withoutReport))).toContain('report.pdf');
    const badVersion = rezip(await made(demo), (entries) => {
      entries['manifest.json'] = strToU8(JSON.stringify({ ...manifestOf(entries), version: 'two' }));
    });
    expect(messages(refusal(badVersion))).toContain('version');
    const notJson = rezip(await made(demo), (entries) => {
      entries['manifest.json'] = strToU8('{ not json');
    });
    expect(messages(refusal(notJson))).toContain('manifest.json');
    const noManifest = rezip(await made(demo), (entries) => {
      delete entries['manifest.json'];
    });
    expect(messages(refusal(noManifest))).toContain('manifest.json');
  });

  it('refuses damaged and hostile archives without reading them', async () => {
    const bytes = await made(demo);
    expect(refusal(bytes.subarray(0, bytes.length >> 1)).length).toBeGreaterThan(0);
    const climbing = zipSync({ '../evil.txt': strToU8('x'), 'manifest.json': strToU8('{}') });
    expect(messages(refusal(climbing))).toContain('../evil.txt');
  });
});
