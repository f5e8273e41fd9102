import { createHash } from 'node:crypto';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { packageCommand } from '../../../shared/cli/commands/package';
import { runCli } from '../../../shared/cli/run-cli';
import type { DivisionDiff } from '../../../shared/diff/division-diff';
import type { FilingManifest } from '../../../shared/formats/filing-package';
import { parseDivisionGeoJson, stringifyDivision } from '../../../shared/formats/geojson';
import type { Division } from '../../../shared/model';
import { demoDivision, TEST_PDF_MAKERS } from './filing-package-fixtures';
import { readFileSync } from 'node:fs';
import { memoryHost } from './memory-host';

const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const CLOCK = () => new Date('2026-12-05T10:00:00.000Z');

/** The demo with grid 1 renamed and its staff changed, grid 2 deleted. */
function laterVersion(division: Division): Division {
  const grids = [...division.grid.values()];
  const map = new Map(division.grid);
  map.set(grids[0]!.id, { ...grids[0]!, name: '改名的网格', staff: [] });
  map.delete(grids[1]!.id);
  return { ...division, grid: map };
}

function files(): Map<string, Uint8Array> {
  const demo = demoDivision();
  return new Map([
    ['old.geojson', strToU8(stringifyDivision(demo))],
    ['new.geojson', strToU8(stringifyDivision(laterVersion(demo)))],
  ]);
}

/** Two grids tiling one community, no issue (test/fixtures/validate/clean). */
const CLEAN_TEXT = readFileSync(new URL('../../fixtures/validate/clean/in.geojson', import.meta.url), 'utf8');

const packageRun = packageCommand(() => ({ pdfs: TEST_PDF_MAKERS }), CLOCK);

describe('gridplan diff', () => {
  it('prints the JSON of the interchange contract and exits 0', async () => {
    const host = memoryHost(files());
    const result = await runCli(['diff', 'old.geojson', 'new.geojson', '--format', 'json'], host);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    const diff = JSON.parse(result.stdout) as DivisionDiff;
    expect(Object.keys(diff.summary).sort()).toEqual([
      'added',
      'attributes',
      'geometry',
      'merged',
      'removed',
      'split',
    ]);
    expect(diff.summary).toEqual({ added: 0, removed: 1, split: 0, merged: 0, geometry: 0, attributes: 1 });
    for (const change of diff.changes) {
      expect(Object.keys(change)).toEqual(
        expect.arrayContaining([
          'kind',
          'codes',
          'fromCodes',
          'areaChangedM2',
          'householdsBefore',
          'householdsAfter',
          'fields',
        ]),
      );
    }
    const attributes = diff.changes.find((change) => change.kind === 'attributes')!;
    expect(attributes.fields).toEqual(['name', 'staff']);
    const removed = diff.changes.find((change) => change.kind === 'removed')!;
    expect(removed.householdsBefore).toBeGreaterThan(0);
    expect(removed.householdsAfter).toBe(0);
  });

  it('prints text by default and HTML with a map and legend on request, in English with --lang en', async () => {
    const host = memoryHost(files());
    const text = await runCli(['diff', 'old.geojson', 'new.geojson', '--lang', 'en'], host);
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toContain('1 removed');
    expect(text.stdout).toContain('attributes changed');
    const zh = await runCli(['diff', 'old.geojson', 'new.geojson'], host);
    expect(zh.stdout).toContain('删除 1');
    const html = await runCli(['diff', 'old.geojson', 'new.geojson', '--format', 'html'], host);
    expect(html.stdout).toMatch(/^<!doctype html>/);
    expect(html.stdout).toContain('<svg');
    expect(html.stdout).toContain('图例');
    expect(html.stdout).toContain('url(#p-removed)');
  });

  it('writes --out and says where', async () => {
    const all = files();
    const result = await runCli(
      ['diff', 'old.geojson', 'new.geojson', '--format', 'json', '--out', 'd.json'],
      memoryHost(all),
    );
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('d.json');
    expect((JSON.parse(strFromU8(all.get('d.json')!)) as DivisionDiff).summary.removed).toBe(1);
  });

  it('exits 2 on an unreadable file or wrong arguments, and 0 with no differences', async () => {
    const host = memoryHost(files());
    const missing = await runCli(['diff', 'old.geojson', 'nope.geojson'], host);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('nope.geojson');
    expect((await runCli(['diff', 'old.geojson'], host)).exitCode).toBe(2);
    expect((await runCli(['diff', 'old.geojson', 'new.geojson', '--format', 'pdf'], host)).exitCode).toBe(2);
    const same = await runCli(['diff', 'old.geojson', 'old.geojson', '--format', 'json'], host);
    expect(same.exitCode).toBe(0);
    expect((JSON.parse(same.stdout) as DivisionDiff).changes).toEqual([]);
    expect((await runCli(['diff', '--help'], host)).stdout).toContain('gridplan diff');
  });
});

describe('gridplan package', () => {
  it('makes a package as the spec writes it, and every command reads it', async () => {
    const all = files();
    const host = memoryHost(all);
    // The demo has errors (a community without grids): the package is written, the errors said, exit 1.
    const first = await packageRun.run(['old.geojson', '--out', 'v1.zip'], host, 'zh');
    expect(first.exitCode).toBe(1);
    expect(first.stdout).toContain('v1.zip');
    expect(first.stdout).toMatch(/校验发现 \d+ 个错误、\d+ 个警告（见包内 report.html）/);
    const made = await packageRun.run(
      ['new.geojson', '--out', 'v2.zip', '--base', 'v1.zip', '--note', '调整两个网格'],
      host,
      'en',
    );
    expect(made.stderr).toBe('');
    expect(made.exitCode).toBe(1);
    expect(made.stdout).toMatch(/The check found \d+ errors? and \d+ warnings?/);
    const entries = unzipSync(all.get('v2.zip')!);
    const manifest = JSON.parse(strFromU8(entries['manifest.json']!)) as FilingManifest;
    const v1 = JSON.parse(strFromU8(unzipSync(all.get('v1.zip')!)['manifest.json']!)) as FilingManifest;
    // The base was a package: its divisionSha256, and the version after it.
    expect(manifest.baseSha256).toBe(v1.divisionSha256);
    expect(manifest.version).toBe(2);
    expect(manifest.note).toBe('调整两个网格');
    expect(manifest.createdAt).toBe('2026-12-05T10:00:00.000Z');
    expect(Object.keys(entries)).toEqual(expect.arrayContaining(['diff.json', 'diff.html']));

    const validate = await runCli(['validate', 'v2.zip', '--format', 'json'], host);
    expect([0, 1]).toContain(validate.exitCode);
    expect(JSON.parse(validate.stdout)).toMatchObject({ ruleSet: 'zigong' });
    expect((await runCli(['stats', 'v2.zip', '--format', 'json'], host)).exitCode).toBe(0);
    // The export is for other systems (computed figures added, census points only when asked): with
    // --with-census it reads back as exactly the package's division.
    const exported = await runCli(
      ['export', 'v2.zip', '--to', 'geojson', '--with-census', '--out', 'out.geojson'],
      host,
    );
    expect(exported.exitCode).toBe(0);
    expect(sha(entries['division.geojson']!)).toBe(manifest.divisionSha256);
    const read = (bytes: Uint8Array) => {
      const parsed = parseDivisionGeoJson(strFromU8(bytes));
      if (!parsed.ok) throw new Error(parsed.problems[0]!.message.en);
      return parsed.value;
    };
    expect(strFromU8(all.get('out.geojson')!)).toContain('"computedHouseholds"');
    expect(read(all.get('out.geojson')!)).toEqual(read(entries['division.geojson']!));
    const diff = await runCli(['diff', 'v1.zip', 'v2.zip', '--format', 'json'], host);
    expect(diff.exitCode).toBe(0);
    expect((JSON.parse(diff.stdout) as DivisionDiff).summary).toEqual(
      (JSON.parse(strFromU8(entries['diff.json']!)) as DivisionDiff).summary,
    );
  });

  it('takes --version, and the SHA-256 of a GeoJSON base file as stored', async () => {
    const all = files();
    const host = memoryHost(all);
    const result = await packageRun.run(
      ['new.geojson', '--out', 'p.zip', '--base', 'old.geojson', '--version', '7'],
      host,
      'zh',
    );
    expect(result.exitCode).toBe(1); // written; the demo's errors said
    const manifest = JSON.parse(strFromU8(unzipSync(all.get('p.zip')!)['manifest.json']!)) as FilingManifest;
    expect(manifest.version).toBe(7);
    // The base's SHA-256 is that of base.geojson as stored: what a package of that division names as its
    // divisionSha256 (and the city office compares), whatever the bytes of the file as given.
    expect(manifest.baseSha256).toBe(sha(unzipSync(all.get('p.zip')!)['base.geojson']!));
    // The same base written by another tool (indented): the same SHA-256, its package's divisionSha256.
    const indented = JSON.stringify(JSON.parse(strFromU8(all.get('old.geojson')!)), null, 2);
    all.set('indented.geojson', strToU8(indented));
    const again = ['new.geojson', '--out', 'p2.zip', '--base', 'indented.geojson'];
    expect((await packageRun.run(again, host, 'zh')).exitCode).toBe(1);
    expect((await packageRun.run(['indented.geojson', '--out', 'old.zip'], host, 'zh')).exitCode).toBe(1);
    const manifestOf = (name: string) =>
      JSON.parse(strFromU8(unzipSync(all.get(name)!)['manifest.json']!)) as FilingManifest;
    expect(manifestOf('p2.zip').baseSha256).toBe(manifestOf('old.zip').divisionSha256);
    expect(manifestOf('p2.zip').baseSha256).not.toBe(sha(all.get('indented.geojson')!));
    // Not a version: 0, and what Number() reads but nobody means (hex, exponent, past 2^53).
    for (const version of ['0', '0x10', '1e3', '9007199254740993', '-1', '1.5'])
      expect(
        (await packageRun.run(['new.geojson', '--out', 'q.zip', '--version', version], host, 'zh')).exitCode,
      ).toBe(2);
    expect((await packageRun.run(['new.geojson'], host, 'zh')).exitCode).toBe(2);
    expect(all.has('q.zip')).toBe(false);
  });

  it('refuses a base of another township, or a version not after the base, and writes nothing (exit 1)', async () => {
    const all = files();
    const demo = demoDivision();
    const [townshipId, township] = [...demo.township.entries()][0]!;
    const other: Division = {
      ...demo,
      township: new Map([[townshipId, { ...township, code: '510302004000', name: '舒坪街道' }]]),
    };
    all.set('other.geojson', strToU8(stringifyDivision(other)));
    const host = memoryHost(all);
    expect((await packageRun.run(['old.geojson', '--out', 'v1.zip'], host, 'en')).exitCode).toBe(1);
    const foreign = await packageRun.run(['other.geojson', '--out', 'x.zip', '--base', 'v1.zip'], host, 'en');
    expect(foreign.exitCode).toBe(1);
    expect(foreign.stderr).toBe(
      `The base v1.zip is township ${township.code} (${township.name}), but other.geojson is township 510302004000 (舒坪街道): a package can only be based on the same township's previous version.\n`,
    );
    const older = await packageRun.run(
      ['new.geojson', '--out', 'x.zip', '--base', 'v1.zip', '--version', '1'],
      host,
      'zh',
    );
    expect(older.exitCode).toBe(1);
    expect(older.stderr).toBe(
      '第 1 版不能基于第 1 版（v1.zip）：版本号须大于上一版的。不写 --version 时为 2。\n',
    );
    expect(all.has('x.zip')).toBe(false);
    // diff compares them (exit 0: differences are not findings), and says they are two townships.
    const diff = await runCli(
      ['diff', 'old.geojson', 'other.geojson', '--format', 'json', '--lang', 'en'],
      host,
    );
    expect(diff.exitCode).toBe(0);
    expect(diff.stderr).toBe(
      `Note: old.geojson is township ${township.code} (${township.name}) and other.geojson is township 510302004000 (舒坪街道): not two versions of one township.\n`,
    );
    expect((await runCli(['diff', 'old.geojson', 'new.geojson'], host)).stderr).toBe('');
  });

  it('exits 0 for a package of a division the check finds no error in', async () => {
    const all = new Map([['clean.geojson', strToU8(CLEAN_TEXT)]]);
    const result = await packageRun.run(['clean.geojson', '--out', 'c.zip'], memoryHost(all), 'en');
    expect(result.stdout).not.toContain('The check found');
    expect(result.exitCode).toBe(0);
    expect(all.has('c.zip')).toBe(true);
  });

  it('refuses a division with nothing in it (every command would refuse the package), exit 2', async () => {
    const all = new Map([['empty.geojson', strToU8('{"type":"FeatureCollection","features":[]}')]]);
    const result = await packageRun.run(['empty.geojson', '--out', 'p.zip'], memoryHost(all), 'en');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('there is no division to check');
    expect(all.has('p.zip')).toBe(false);
  });

  it('refuses a division naming a rule set that is not built in: the manifest could not name it truly', async () => {
    const all = new Map([
      [
        'other.geojson',
        strToU8(
          stringifyDivision({ ...demoDivision(), meta: { ...demoDivision().meta, ruleSetId: 'shenzhen' } }),
        ),
      ],
    ]);
    const result = await packageRun.run(['other.geojson', '--out', 'p.zip'], memoryHost(all), 'en');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('names the rule set shenzhen, which is not built in');
    expect(all.has('p.zip')).toBe(false);
  });

  it('a tampered package is refused with exit 2 naming the file, by every command, and nothing is written', async () => {
    const all = files();
    const host = memoryHost(all);
    expect((await packageRun.run(['old.geojson', '--out', 'v1.zip'], host, 'zh')).exitCode).toBe(1);
    const entries = unzipSync(all.get('v1.zip')!);
    entries['report.html'] = strToU8('<p>all fine</p>');
    all.set('bad.zip', zipSync(entries));
    all.set('census.csv', strToU8('longitude,latitude,households\n104.78,29.35,3\n'));
    for (const args of [
      ['validate', 'bad.zip'],
      ['stats', 'bad.zip'],
      ['diff', 'old.geojson', 'bad.zip'],
      ['notice', 'bad.zip', '--out', 'never.pdf'],
      ['report', 'bad.zip', '--format', 'pdf', '--out', 'never.pdf'],
      ['export', 'bad.zip', '--to', 'geojson', '--out', 'never.geojson'],
      ['import', 'census.csv', '--as', 'census', '--into', 'bad.zip', '--out', 'never.geojson'],
    ]) {
      const result = await runCli([...args, '--lang', 'en'], host);
      expect(result.exitCode, args.join(' ')).toBe(2);
      expect(result.stderr).toContain('report.html');
      expect(result.stderr).toContain('bad.zip');
    }
    const packaged = await packageRun.run(['bad.zip', '--out', 'never.zip'], host, 'zh');
    expect(packaged.exitCode).toBe(2);
    expect(packaged.stderr).toContain('report.html');
    expect(all.has('never.geojson')).toBe(false);
    expect(all.has('never.zip')).toBe(false);
    expect(all.has('never.pdf')).toBe(false);
  });
});
