import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../../shared/cli/parse-cli-args';
import { runCli } from '../../../shared/cli/run-cli';
import type { CliHost } from '../../../shared/cli/run-cli';
import { fail, ok, text } from '../../../shared/model';
import { expectInterchangeReport } from './report-shape';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/validate');

/** A host serving fixture files and a few in-memory ones. */
function host(files: Record<string, string> = {}): CliHost {
  return {
    version: '9.9.9',
    readText(file) {
      if (file in files) return ok(files[file]!);
      try {
        return ok(readFileSync(path.join(fixtures, file), 'utf8'));
      } catch {
        return fail({ kind: 'not-found', message: text('文件不存在。', 'The file does not exist.') });
      }
    },
  };
}

const CUSTOM = JSON.stringify({
  id: 'my-county',
  name: { zh: '本县', en: 'Our county' },
  source: '本县网格化实施细则第五条',
  urban: { minHouseholds: 100, maxHouseholds: 300 },
  rural: null,
});

describe('parseCliArgs', () => {
  it('reads commands, options in any position and --name=value', () => {
    expect(
      parseCliArgs(['validate', '--format=json', 'a.geojson', '--min-area', '5', '--rules', 'ningbo']),
    ).toEqual({
      command: 'validate',
      file: 'a.geojson',
      rules: 'ningbo',
      minAreaM2: 5,
      format: 'json',
      lang: 'zh',
    });
    expect(parseCliArgs(['stats', 'a.geojson', '--lang', 'en'])).toEqual({
      command: 'stats',
      file: 'a.geojson',
      format: 'text',
      lang: 'en',
    });
    expect(parseCliArgs([])).toEqual({ command: 'help', lang: 'zh' });
  });

  it('says what is wrong, in the language asked for', () => {
    const bad = parseCliArgs(['validate', 'a.geojson', '--min-area', 'x', '--lang', 'en']);
    expect(bad).toMatchObject({ command: 'usage-error', lang: 'en' });
    expect(bad.command === 'usage-error' && bad.message.en).toContain('--min-area');
    expect(parseCliArgs(['validate'])).toMatchObject({ command: 'usage-error' });
    expect(parseCliArgs(['check', 'a.geojson'])).toMatchObject({ command: 'usage-error' });
    expect(parseCliArgs(['validate', 'a.geojson', '--format', 'pdf'])).toMatchObject({
      command: 'usage-error',
    });
    expect(parseCliArgs(['stats', 'a.geojson', '--rules', 'zigong'])).toMatchObject({
      command: 'usage-error',
    });
  });
});

describe('options given twice or without their value', () => {
  it('refuses an option given twice instead of taking the last, and an option as the value of another', () => {
    const said = (args: string[]) => {
      const parsed = parseCliArgs([...args, '--lang', 'en']);
      return parsed.command === 'usage-error' ? parsed.message.en : parsed.command;
    };
    // The audit's case: --to csv after --to geojson wrote CSV into the .geojson.
    expect(said(['export', 'a.geojson', '--to', 'geojson', '--out', 'x.geojson', '--to', 'csv'])).toBe(
      'Option --to may be given only once.',
    );
    expect(said(['validate', 'a.geojson', '--out', 'a', '--out', 'b'])).toBe(
      'Option --out may be given only once.',
    );
    expect(said(['stats', 'a.geojson', '--format', 'json', '--format', 'text'])).toBe(
      'Option --format may be given only once.',
    );
    expect(said(['stats', 'a.geojson', '--encoding', '--format', 'json'])).toBe(
      'Option --encoding needs a value.',
    );
    expect(said(['import', 'a.csv', '--as', 'census', '--field', '--out', 'x.geojson'])).toBe(
      'Option --field needs a value.',
    );
    // A value written with = may start with dashes; --lang may come twice (it is read first anyway).
    expect(said(['validate', '--out=--odd-name', 'a.geojson'])).toBe('validate');
    expect(said(['validate', 'a.geojson', '--lang', 'zh'])).toBe('validate');
  });
});

describe('runCli', () => {
  it('exits 0 for a clean division and 1 when errors are found', async () => {
    expect((await runCli(['validate', 'clean/in.geojson'], host())).exitCode).toBe(0);
    expect((await runCli(['validate', 'overlap/in.geojson'], host())).exitCode).toBe(1);
    // Warnings alone (accepted exception and an over-target grid) do not fail a division.
    expect((await runCli(['validate', 'households/in.geojson'], host())).exitCode).toBe(0);
  });

  it('writes the interchange JSON report', async () => {
    const result = await runCli(['validate', 'overlap/in.geojson', '--format', 'json'], host());
    const report = JSON.parse(result.stdout) as { issues: { rule: string; areaM2: number }[] };
    expectInterchangeReport(report);
    expect(report.issues.map((issue) => issue.rule)).toEqual(['overlap']);
  });

  it('reports a readable text in Chinese by default and in English on request', async () => {
    const zh = (await runCli(['validate', 'gap/in.geojson'], host())).stdout;
    expect(zh).toContain('网格划分校验报告');
    expect(zh).toContain('结论：不通过');
    expect(zh).toContain('未被任何网格覆盖');
    const en = (await runCli(['validate', 'gap/in.geojson', '--lang', 'en'], host())).stdout;
    expect(en).toContain('Verdict: not passed');
    expect(en).toContain('is covered by none of its grids');
  });

  it('writes a printable HTML report with coloured targets and problems', async () => {
    const html = (await runCli(['validate', 'households/in.geojson', '--format', 'html'], host())).stdout;
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('@media print');
    expect(html).toContain('target-over');
    expect(html).toContain('target-under');
    expect(html).toContain('target-none');
    expect(html).toContain('已说明');
    expect(html).not.toContain('<script');
  });

  it('honours --min-area', async () => {
    const all = (await runCli(['validate', 'gap/in.geojson', '--format', 'json', '--min-area', '0'], host()))
      .stdout;
    const big = (
      await runCli(['validate', 'gap/in.geojson', '--format', 'json', '--min-area', '200000'], host())
    ).stdout;
    const gaps = (stdout: string): number =>
      (JSON.parse(stdout) as { issues: { rule: string }[] }).issues.filter((issue) => issue.rule === 'gap')
        .length;
    expect(gaps(all)).toBe(2);
    expect(gaps(big)).toBe(0);
  });

  it('uses a built-in or custom rule set', async () => {
    const ningbo = JSON.parse(
      (await runCli(['validate', 'clean/in.geojson', '--rules', 'ningbo', '--format', 'json'], host()))
        .stdout,
    ) as {
      ruleSet: string;
    };
    expect(ningbo.ruleSet).toBe('ningbo');
    const custom = await runCli(
      ['validate', 'clean/in.geojson', '--rules', 'mine.json', '--format', 'json'],
      host({ 'mine.json': CUSTOM }),
    );
    const report = JSON.parse(custom.stdout) as { ruleSet: string; issues: { rule: string }[] };
    expect(report.ruleSet).toBe('my-county');
    expect(report.issues.map((issue) => issue.rule)).toEqual(['household-over', 'household-over']);
  });

  it('exits 2 with a reason on stderr for unreadable input, bad rule sets and bad arguments', async () => {
    const missing = await runCli(['validate', 'nope.geojson'], host());
    expect(missing).toMatchObject({ exitCode: 2, stdout: '' });
    expect(missing.stderr).toContain('文件不存在');
    const notJson = await runCli(
      ['validate', 'x.geojson', '--lang', 'en'],
      host({ 'x.geojson': '{"type": "FeatureCollection", "features": [' }),
    );
    expect(notJson.exitCode).toBe(2);
    expect(notJson.stderr).toContain('Not valid JSON');
    const badRules = await runCli(
      ['validate', 'clean/in.geojson', '--rules', 'bad.json', '--lang', 'en'],
      host({ 'bad.json': '{"id": "x"}' }),
    );
    expect(badRules.exitCode).toBe(2);
    expect(badRules.stderr).toContain('Rule set name');
    expect((await runCli(['validate', 'clean/in.geojson', '--rules', 'shanghai'], host())).exitCode).toBe(2);
    expect((await runCli(['validate'], host())).exitCode).toBe(2);
  });

  it('refuses with exit 2 a file with no area to check instead of passing it, and still counts its points', async () => {
    const censusOnly = JSON.stringify({
      type: 'FeatureCollection',
      features: [1, 2].map((n) => ({
        type: 'Feature',
        properties: { layer: 'census', households: n },
        geometry: { type: 'Point', coordinates: [104.7, 29.3 + n / 1000] },
      })),
    });
    const files = {
      'empty.geojson': '{"type":"FeatureCollection","features":[]}',
      'points.geojson': censusOnly,
    };
    const empty = await runCli(['validate', 'empty.geojson'], host(files));
    expect(empty).toMatchObject({ exitCode: 2, stdout: '' });
    expect(empty.stderr).toContain('没有可校验的网格划分');
    const points = await runCli(
      ['validate', 'points.geojson', '--lang', 'en', '--format', 'json'],
      host(files),
    );
    expect(points.exitCode).toBe(2);
    expect(points.stderr).toContain('(only 2 census points): there is no division to check');
    const stats = await runCli(['stats', 'points.geojson', '--format', 'json'], host(files));
    expect(stats.exitCode).toBe(0);
    expect((JSON.parse(stats.stdout) as { households: number }).households).toBe(3);
  });

  it('still validates a file whose geometry is invalid (exit 1, not 2)', async () => {
    const result = await runCli(['validate', 'invalid-geometry/in.geojson', '--format', 'json'], host());
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout) as { issues: { rule: string }[] };
    expect(report.issues.some((issue) => issue.rule === 'invalid-geometry')).toBe(true);
  });

  it('prints statistics', async () => {
    const result = await runCli(['stats', 'households/in.geojson'], host());
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('网格划分统计');
    const json = JSON.parse(
      (await runCli(['stats', 'households/in.geojson', '--format', 'json'], host())).stdout,
    ) as {
      grids: number;
      households: number;
      gridsByType: Record<string, number>;
    };
    expect(json.grids).toBe(3);
    expect(json.households).toBe(725);
    expect(json.gridsByType.exclusive).toBe(1);
  });

  it('prints help and version', async () => {
    expect((await runCli(['--help'], host())).stdout).toContain('gridplan validate');
    expect((await runCli(['--help', '--lang', 'en'], host())).stdout).toContain('Exit status');
    expect((await runCli(['--version'], host())).stdout).toBe('9.9.9\n');
  });
});
