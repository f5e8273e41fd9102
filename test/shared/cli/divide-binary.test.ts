import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BinaryRun, buildCliInto, runBinary } from './built-binary';
import { generateTownship } from '../../../bench/township-generator';
import { stringifyDivision } from '../../../shared/formats/geojson';
import type { ValidationReport } from '../../../shared/validate/validation-report';
import type { DivideJson } from './divide-fixtures';
import { expectContract, SMALL } from './divide-fixtures';

// End to end: the bundled CLI (built as `npm run build:cli` does, into a temporary folder) divides a
// generated township from files, and its own `validate` finds the result clean.
let folder: string;
let binary: string;

function run(...args: string[]): BinaryRun {
  return runBinary(binary, folder, args);
}

beforeAll(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'gridplan-divide-'));
  binary = buildCliInto(folder);
  const township = generateTownship(SMALL);
  writeFileSync(path.join(folder, 'township.geojson'), stringifyDivision(township.division));
  for (const layer of township.guides) {
    writeFileSync(
      path.join(folder, `${layer.id}.geojson`),
      JSON.stringify({ type: 'FeatureCollection', features: layer.features }),
    );
  }
});

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

describe('gridplan divide (built binary)', () => {
  it('divides a generated township and the output validates clean', () => {
    const divided = run(
      'divide',
      'township.geojson',
      '--out',
      'divided.geojson',
      '--guides',
      'roads.geojson',
      '--guides',
      'river.geojson',
      '--guides',
      'compounds.geojson',
      '--format',
      'json',
    );
    expect(divided.stderr).toBe('');
    const json = JSON.parse(divided.stdout) as DivideJson;
    expectContract(json);
    const outside = json.communities.flatMap((c) => c.outOfBand.map((g) => g.code));
    expect(divided.status).toBe(outside.length > 0 ? 1 : 0);

    const validated = run('validate', 'divided.geojson', '--format', 'json');
    const report = JSON.parse(validated.stdout) as ValidationReport;
    expect(report.grids).toHaveLength(json.communities.reduce((sum, c) => sum + c.grids, 0));
    // Clean: no topology, code or census problem. The rule set asks for a grid leader (网格长), which a
    // proposal cannot know, and only the grids the command listed may miss the band.
    const problems = report.issues.filter(
      (issue) =>
        !(issue.rule === 'missing-attribute' && issue.severity === 'error') &&
        !(
          ['household-over', 'household-under'].includes(issue.rule) &&
          issue.codes.every((c) => outside.includes(c))
        ),
    );
    expect(problems).toEqual([]);
  });

  it('leaves --out untouched when the input cannot be read', () => {
    writeFileSync(path.join(folder, 'kept.geojson'), 'previous');
    const result = run('divide', 'missing.geojson', '--out', 'kept.geojson', '--lang', 'en');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('missing.geojson');
    expect(readFileSync(path.join(folder, 'kept.geojson'), 'utf8')).toBe('previous');
    const unknown = run('divide', 'township.geojson', '--out', 'new.geojson', '--community', '510302003777');
    expect(unknown.status).toBe(2);
    expect(existsSync(path.join(folder, 'new.geojson'))).toBe(false);
  });
});
