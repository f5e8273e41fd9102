import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BinaryRun, buildCliInto, runBinary } from './built-binary';
import { encodeText } from '../../../shared/formats/text-encoding';
import { expectInterchangeReport } from './report-shape';

// End to end: build the real bundle the way `npm run build:cli` does (into a temporary folder, so the
// test never races a build in dist-cli/), then run it with node on fixture files.
const root = path.resolve(import.meta.dirname, '../../..');
const fixtures = path.join(root, 'test/fixtures/validate');
let folder: string;
let binary: string;

function run(...args: string[]): BinaryRun {
  return runBinary(binary, fixtures, args);
}

beforeAll(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'gridplan-cli-'));
  binary = buildCliInto(folder);
});

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

describe('gridplan binary', () => {
  it('is an executable node script with a shebang', () => {
    expect(readFileSync(binary, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(statSync(binary).mode & 0o111).not.toBe(0);
  });

  it('exits 0 on a clean division and prints the JSON report', () => {
    const result = run('validate', 'clean/in.geojson', '--format', 'json');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as { issues: unknown[]; ruleSet: string };
    expectInterchangeReport(report);
    expect(report.issues).toEqual([]);
    expect(report.ruleSet).toBe('zigong');
  });

  it('exits 1 when there are errors, and the report matches the fixture', () => {
    const result = run('validate', 'microgrids/in.geojson', '--format', 'json');
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual(
      JSON.parse(readFileSync(path.join(fixtures, 'microgrids/out.json'), 'utf8')),
    );
  });

  it('exits 2 with a clear message on stderr when the file cannot be read', () => {
    const missing = run('validate', 'no-such-file.geojson');
    expect(missing.status).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain('no-such-file.geojson');
    expect(missing.stderr).toContain('文件不存在');
    const broken = path.join(folder, 'broken.geojson');
    writeFileSync(
      broken,
      '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"layer": "grid"}}]}',
    );
    const refused = run('validate', broken, '--lang', 'en');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('Feature 1');
  });

  it('writes text, HTML and statistics', () => {
    expect(run('validate', 'gap/in.geojson').stdout).toContain('网格划分校验报告');
    expect(run('validate', 'gap/in.geojson', '--format', 'html').stdout).toContain('<table>');
    const stats = run('stats', 'clean/in.geojson', '--lang', 'en');
    expect(stats.status).toBe(0);
    expect(stats.stdout).toContain('Grid division statistics');
  });
});

describe('gridplan binary with hostile input and closed pipes', () => {
  it('ends quietly when the reader closes the pipe (| head)', () => {
    const script = `node ${JSON.stringify(binary)} validate households/in.geojson --format json | head -c 10 > /dev/null; node ${JSON.stringify(binary)} stats households/in.geojson | head -c 5`;
    const result = spawnSync('bash', ['-c', script], { encoding: 'utf8', cwd: fixtures });
    expect(result.stderr).toBe('');
  });

  it('reads a GBK GeoJSON as GBK, never as U+FFFD', () => {
    const source = readFileSync(path.join(fixtures, 'households/in.geojson'), 'utf8');
    const file = path.join(folder, 'gbk.geojson');
    writeFileSync(file, encodeText(source, 'gbk').bytes);
    const result = run('validate', file, '--format', 'json');
    const names = (JSON.parse(result.stdout) as { grids: { name: string }[] }).grids.map((g) => g.name);
    expect(names.join('')).toMatch(/[\u4e00-\u9fff]/);
    expect(result.stdout).not.toContain('\uFFFD');
  });
});
