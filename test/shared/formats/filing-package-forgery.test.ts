import { deflateRawSync } from 'node:zlib';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFilingPackage } from '../../../shared/cli/build-filing-package';
import { runCli } from '../../../shared/cli/run-cli';
import type { FilingManifest } from '../../../shared/formats/filing-package';
import {
  divisionCounts,
  divisionTownship,
  MANIFEST_PATH,
  readFilingPackage,
} from '../../../shared/formats/filing-package';
import { writeZipWith } from '../../../shared/formats/zip-write';
import type { CensusPoint, Division, Problem } from '../../../shared/model';
import { builtinRuleSet } from '../../../shared/model';
import { demoDivision, TEST_PDF_MAKERS } from '../cli/filing-package-fixtures';
import { memoryHost } from '../cli/memory-host';

// Forged filing packages: a genuine package made by GridPlan's own builder, taken apart and put together
// again with GridPlan's own zip writer (which, unlike a Record of files, can hold a name twice).

const zlib = (bytes: Uint8Array) => new Uint8Array(deflateRawSync(bytes));

interface Entry {
  readonly name: string;
  readonly bytes: Uint8Array;
}

async function genuine(division: Division): Promise<Uint8Array> {
  const made = await buildFilingPackage(division, {
    version: 1,
    createdAt: '2026-12-05T09:30:00.000Z',
    ruleSet: builtinRuleSet('zigong')!,
    pdfs: TEST_PDF_MAKERS,
  });
  if (!made.ok) throw new Error(made.problems.map((p) => p.message.en).join('; '));
  return made.value.bytes;
}

/** The entries of a zip, in order. */
function entriesOf(zip: Uint8Array): Entry[] {
  return Object.entries(unzipSync(zip)).map(([name, bytes]) => ({ name, bytes }));
}

const zip = (entries: readonly Entry[]): Uint8Array => writeZipWith(entries, zlib);

function manifestOf(entries: readonly Entry[]): FilingManifest {
  return JSON.parse(strFromU8(entries.find((e) => e.name === MANIFEST_PATH)!.bytes)) as FilingManifest;
}

/** The entries with manifest.json replaced by `edit` of it (as JSON: any value may be forged). */
function withManifest(
  entries: readonly Entry[],
  edit: (manifest: Record<string, unknown>) => unknown,
): Entry[] {
  const manifest = manifestOf(entries) as unknown as Record<string, unknown>;
  const bytes = strToU8(JSON.stringify(edit(manifest), null, 2));
  return entries.map((e) => (e.name === MANIFEST_PATH ? { name: e.name, bytes } : e));
}

function messages(problems: readonly Problem[]): string {
  return problems.map((p) => `${p.message.zh} | ${p.message.en}`).join('\n');
}

function refusal(bytes: Uint8Array): readonly Problem[] {
  let read: ReturnType<typeof readFilingPackage> | undefined;
  expect(() => (read = readFilingPackage(bytes, 'pkg.zip'))).not.toThrow();
  expect(read!.ok).toBe(false);
  if (read!.ok) return [];
  for (const problem of read!.problems) {
    expect(problem.message.zh).not.toBe('');
    expect(problem.message.en).not.toBe('');
  }
  return read!.problems;
}

describe('forged filing packages', () => {
  const demo = demoDivision();
  let real: Entry[];

  beforeAll(async () => {
    real = entriesOf(await genuine(demo));
  });

  it('accepts the genuine package, re-zipped with GridPlan’s zip writer', () => {
    const read = readFilingPackage(zip(real), 'pkg.zip');
    if (!read.ok) throw new Error(messages(read.problems));
    expect(read.value.manifest.township.code).toBe('510302003000');
  });

  describe('duplicate entry names', () => {
    it('refuses a forged division.geojson placed before the real one', () => {
      const division = real.find((e) => e.name === 'division.geojson')!;
      const text = strFromU8(division.bytes);
      expect(text).toContain('光明社区第1网格');
      const forged = {
        name: 'division.geojson',
        bytes: strToU8(text.replace('光明社区第1网格', '伪造的网格')),
      };
      const bytes = zip([forged, ...real]);
      const problems = refusal(bytes);
      expect(problems.map((p) => p.kind)).toEqual(['tampered']);
      expect(problems[0]!.message.zh).toContain('2 个同名文件 division.geojson');
      expect(problems[0]!.message.en).toContain('2 entries named division.geojson');
    });

    it('refuses a second manifest.json, and a second copy of any file, even identical', () => {
      const manifest = real.find((e) => e.name === MANIFEST_PATH)!;
      expect(messages(refusal(zip([...real, manifest])))).toContain('entries named manifest.json');
      const report = real.find((e) => e.name === 'report.json')!;
      expect(messages(refusal(zip([...real, report])))).toContain('2 entries named report.json');
    });
  });

  describe('entries the manifest does not list', () => {
    it.each(['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'])(
      'refuses an entry named %s (a member every object inherits)',
      (name) => {
        const problems = refusal(zip([...real, { name, bytes: strToU8('echo forged') }]));
        expect(problems).toHaveLength(1);
        expect(problems[0]!.kind).toBe('tampered');
        expect(problems[0]!.message.zh).toContain(`含有清单中没有列出的文件 ${name}`);
        expect(problems[0]!.message.en).toContain(`has ${name}, which its manifest does not list`);
      },
    );

    it('refuses __MACOSX metadata, which readZip would skip', () => {
      const problems = refusal(zip([...real, { name: '__MACOSX/payload.sh', bytes: strToU8('rm -rf /') }]));
      expect(problems).toHaveLength(1);
      expect(messages(problems)).toContain('__MACOSX/payload.sh, which its manifest does not list');
    });

    it('refuses folder entries, carrying data or empty: GridPlan never writes one', () => {
      const carrying = refusal(zip([...real, { name: 'hidden/', bytes: strToU8('payload') }]));
      expect(carrying).toHaveLength(1);
      expect(carrying[0]!.message.zh).toContain('含有文件夹条目 hidden/');
      expect(carrying[0]!.message.en).toContain('folder entry hidden/');
      const empty = refusal(zip([...real, { name: 'hidden/', bytes: new Uint8Array(0) }]));
      expect(messages(empty)).toContain('folder entry hidden/');
    });

    it('refuses a folder entry or __MACOSX file even when the manifest lists it', () => {
      const payload = strToU8('payload');
      const listed = withManifest(
        [...real, { name: '__MACOSX/x.sh', bytes: payload }, { name: 'hidden/', bytes: payload }],
        (manifest) => ({
          ...manifest,
          files: {
            ...(manifest.files as object),
            '__MACOSX/x.sh': 'a'.repeat(64),
            'hidden/': 'a'.repeat(64),
          },
        }),
      );
      const text = messages(refusal(zip(listed)));
      expect(text).toContain('__MACOSX/x.sh');
      expect(text).toContain('hidden/');
    });

    it('refuses a manifest whose files map does not list a required file, however it is spelt', () => {
      const entries = withManifest(real, (manifest) => {
        const { 'report.pdf': _gone, ...files } = manifest.files as Record<string, string>;
        return { ...manifest, files };
      });
      expect(messages(refusal(zip(entries.filter((e) => e.name !== 'report.pdf'))))).toContain(
        'does not list the required file report.pdf',
      );
    });
  });

  describe('a manifest that does not match its division', () => {
    it('refuses another township’s code and name, naming each', () => {
      const entries = withManifest(real, (manifest) => ({
        ...manifest,
        township: { code: '999999999000', name: '别的街道' },
      }));
      const problems = refusal(zip(entries));
      expect(problems.map((p) => p.kind)).toEqual(['tampered', 'tampered']);
      expect(problems[0]!.message.zh).toContain('township.code 为 "999999999000"，与 division.geojson 不符');
      expect(problems[0]!.message.en).toContain('township.code is "999999999000"');
      expect(problems[0]!.message.en).toContain('"510302003000"');
      expect(problems[1]!.message.en).toContain('township.name is "别的街道"');
    });

    it('refuses counts that are not the division’s, naming each', () => {
      const entries = withManifest(real, (manifest) => ({
        ...manifest,
        counts: { ...(manifest.counts as object), grids: 999, households: 1 },
      }));
      const problems = refusal(zip(entries));
      expect(problems).toHaveLength(2);
      expect(problems[0]!.message.en).toContain(
        `counts.grids is 999, which does not match division.geojson (${demo.grid.size})`,
      );
      expect(problems[1]!.message.zh).toContain('counts.households 为 1');
    });

    it('accepts genuine packages of a division without a township feature and with fractional households', async () => {
      const points = [...demo.census.entries()];
      const [id, point] = points[0]!;
      const census = new Map<string, CensusPoint>(points);
      census.set(id, { ...point, households: 2.5, population: 7.25 });
      for (const division of [
        { ...demo, township: new Map() },
        { ...demo, census },
      ]) {
        const read = readFilingPackage(await genuine(division), 'pkg.zip');
        if (!read.ok) throw new Error(messages(read.problems));
        expect(read.value.manifest.counts).toEqual(divisionCounts(division));
        expect(read.value.manifest.township).toEqual(divisionTownship(division));
      }
    });
  });

  describe('malformed manifest members', () => {
    const cases: [string, (manifest: Record<string, unknown>) => unknown, string][] = [
      ['version 0', (m) => ({ ...m, version: 0 }), 'version'],
      ['version -1', (m) => ({ ...m, version: -1 }), 'version'],
      ['version 1e300', (m) => ({ ...m, version: 1e300 }), 'version'],
      ['version 2^53', (m) => ({ ...m, version: 2 ** 53 }), 'version'],
      ['version 1.5', (m) => ({ ...m, version: 1.5 }), 'version'],
      [
        'counts.grids "lots"',
        (m) => ({ ...m, counts: { ...(m.counts as object), grids: 'lots' } }),
        'counts.grids',
      ],
      ['counts.grids -1', (m) => ({ ...m, counts: { ...(m.counts as object), grids: -1 } }), 'counts.grids'],
      [
        'counts.grids 2.5',
        (m) => ({ ...m, counts: { ...(m.counts as object), grids: 2.5 } }),
        'counts.grids',
      ],
      [
        'counts.grids 1e300',
        (m) => ({ ...m, counts: { ...(m.counts as object), grids: 1e300 } }),
        'counts.grids',
      ],
      [
        'counts.households null',
        (m) => ({ ...m, counts: { ...(m.counts as object), households: null } }),
        'counts.households',
      ],
      [
        'counts.population -0.5',
        (m) => ({ ...m, counts: { ...(m.counts as object), population: -0.5 } }),
        'counts.population',
      ],
      [
        'counts without microgrids',
        (m) => {
          const { microgrids: _gone, ...counts } = m.counts as Record<string, number>;
          return { ...m, counts };
        },
        'counts.microgrids',
      ],
      [
        'counts with an unknown member',
        (m) => ({ ...m, counts: { ...(m.counts as object), buildings: 3 } }),
        'counts.buildings',
      ],
      ['counts an array', (m) => ({ ...m, counts: [1, 2, 3, 4, 5, 6] }), 'counts'],
    ];
    it.each(cases)('refuses %s, naming it', (_name, edit, member) => {
      const problems = refusal(zip(withManifest(real, edit)));
      expect(problems).toHaveLength(1);
      expect(problems[0]!.kind).toBe('bad-manifest');
      expect(problems[0]!.message.zh).toContain(`：${member} 缺失或格式不对`);
      expect(problems[0]!.message.en).toContain(`: ${member} is missing or malformed`);
    });
  });

  it('gridplan validate refuses the forged packages (exit 2) and still accepts the genuine one', async () => {
    const division = real.find((e) => e.name === 'division.geojson')!;
    const forged = strToU8(strFromU8(division.bytes).replace('光明社区第1网格', '伪造的网格'));
    const host = memoryHost(
      new Map([
        ['genuine.zip', zip(real)],
        ['duplicate.zip', zip([{ name: 'division.geojson', bytes: forged }, ...real])],
        ['to-string.zip', zip([...real, { name: 'toString', bytes: strToU8('x') }])],
        [
          'township.zip',
          zip(withManifest(real, (m) => ({ ...m, township: { code: '999999999000', name: '别的街道' } }))),
        ],
        ['version.zip', zip(withManifest(real, (m) => ({ ...m, version: 1e300 })))],
      ]),
    );
    const genuineRun = await runCli(['validate', 'genuine.zip'], host);
    expect(genuineRun.exitCode).not.toBe(2);
    for (const file of ['duplicate.zip', 'to-string.zip', 'township.zip', 'version.zip']) {
      const result = await runCli(['validate', file], host);
      expect(result.exitCode, file).toBe(2);
      expect(result.stderr, file).toContain(file);
    }
  });
});
