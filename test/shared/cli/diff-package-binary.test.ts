import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BinaryRun, buildCliInto, runBinary } from './built-binary';
import { buildFilingPackage } from '../../../shared/cli/build-filing-package';
import type { DivisionDiff } from '../../../shared/diff/division-diff';
import { stringifyDivision } from '../../../shared/formats/geojson';
import { builtinRuleSet } from '../../../shared/model';
import { DEMO_PATH, demoDivision, TEST_PDF_MAKERS } from './filing-package-fixtures';

// The built `gridplan` bundle (as `npm run build:cli` makes it) run with node on the demo township: diff
// between two files, and a filing package read by validate and refused when tampered with.
const root = path.resolve(import.meta.dirname, '../../..');
let folder: string;
let binary: string;

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return runIn(folder, ...args);
}

function runIn(cwd: string, ...args: string[]): BinaryRun {
  return runBinary(binary, cwd, args);
}

beforeAll(async () => {
  folder = mkdtempSync(path.join(tmpdir(), 'gridplan-diffpkg-'));
  binary = buildCliInto(folder);

  const demo = demoDivision();
  const grids = [...demo.grid.values()];
  const later = new Map(demo.grid);
  later.delete(grids[3]!.id);
  writeFileSync(path.join(folder, 'later.geojson'), stringifyDivision({ ...demo, grid: later }));
  const made = await buildFilingPackage(demo, {
    version: 1,
    createdAt: '2026-12-05T10:00:00.000Z',
    ruleSet: builtinRuleSet('zigong')!,
    pdfs: TEST_PDF_MAKERS,
  });
  if (!made.ok) throw new Error('package not made');
  writeFileSync(path.join(folder, 'v1.zip'), made.value.bytes);
  const entries = unzipSync(made.value.bytes);
  entries['division.geojson'] = strToU8(
    new TextDecoder().decode(entries['division.geojson']).replace('"households":', '"households":1'),
  );
  writeFileSync(path.join(folder, 'tampered.zip'), zipSync(entries));
}, 120_000);

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

describe('gridplan binary: diff and filing packages', () => {
  it('diffs the demo township against a later version', () => {
    const result = run('diff', DEMO_PATH, 'later.geojson', '--format', 'json');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const diff = JSON.parse(result.stdout) as DivisionDiff;
    expect(diff.summary).toEqual({ added: 0, removed: 1, split: 0, merged: 0, geometry: 0, attributes: 0 });
    const html = run('diff', DEMO_PATH, 'later.geojson', '--format', 'html', '--out', 'diff.html');
    expect(html.status).toBe(0);
    expect(readFileSync(path.join(folder, 'diff.html'), 'utf8')).toContain('<svg');
  });

  it('reads a filing package like a division file, and refuses a tampered one with exit 2', () => {
    const stats = run('stats', 'v1.zip', '--format', 'json');
    expect(stats.status).toBe(0);
    expect(run('diff', DEMO_PATH, 'v1.zip', '--format', 'json').stdout).toContain('"changes": []');
    const refused = run('validate', 'tampered.zip', '--lang', 'en');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('division.geojson');
    expect(refused.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('makes a real filing package of the demo (fonts embedded) that every command reads', () => {
    // From the project folder, where the fonts are installed (as beside an installed bundle).
    const at = (name: string): string => path.join(folder, name);
    const made = runIn(
      root,
      'package',
      DEMO_PATH,
      '--out',
      at('v2.zip'),
      '--base',
      at('v1.zip'),
      '--note',
      '第二版',
      '--lang',
      'en',
    );
    expect(made.stderr).toBe('');
    expect(made.status).toBe(1); // written; the demo's errors said
    const entries = unzipSync(readFileSync(path.join(folder, 'v2.zip')));
    expect(Object.keys(entries).sort()).toEqual(
      [
        'base.geojson',
        'diff.html',
        'diff.json',
        'division.geojson',
        'manifest.json',
        'notices.pdf',
        'report.html',
        'report.json',
        'report.pdf',
      ].sort(),
    );
    const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json'])) as {
      version: number;
      note: string;
    };
    expect(manifest).toMatchObject({ version: 2, note: '第二版' });
    for (const pdf of ['report.pdf', 'notices.pdf']) {
      writeFileSync(path.join(folder, pdf), entries[pdf]!);
      const fonts = spawnSync('pdffonts', [pdf], { encoding: 'utf8', cwd: folder });
      expect(fonts.status).toBe(0);
      expect(fonts.stdout).toMatch(/NotoSansSC/);
      const text = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8', cwd: folder });
      expect(text.stdout).toContain('新街街道');
    }
    expect(run('validate', 'v2.zip', '--format', 'json').status).not.toBe(2);
    expect(run('diff', 'v1.zip', 'v2.zip', '--format', 'json').stdout).toContain('"changes": []');
  }, 180_000);
});
