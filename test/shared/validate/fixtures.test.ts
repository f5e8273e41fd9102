import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDivisionGeoJson } from '../../../shared/formats/geojson';
import { builtinRuleSet } from '../../../shared/model';
import { validateDivision } from '../../../shared/validate/validate-division';
import { RULES } from '../../../shared/validate/validation-issue';
import type { ValidationReport } from '../../../shared/validate/validation-report';
import { expectedOutput } from '../expected-output';

// Fixture pairs: test/fixtures/validate/<case>/in.geojson → out.json (the expected interchange report,
// messages in Chinese). `REGEN=1` rewrites out.json (a missing one fails); review the diff before committing.
const root = path.resolve(import.meta.dirname, '../../fixtures/validate');
const cases = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

function run(name: string): ValidationReport {
  const parsed = parseDivisionGeoJson(readFileSync(path.join(root, name, 'in.geojson'), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message.en).join('\n'));
  const ruleSet = builtinRuleSet(parsed.value.meta.ruleSetId)!;
  return validateDivision(parsed.value, ruleSet);
}

describe('validation fixtures', () => {
  it.each(cases)('%s', (name) => {
    const report = run(name);
    const expectedPath = path.join(root, name, 'out.json');
    const expected = expectedOutput(expectedPath, JSON.parse(JSON.stringify(report)) as ValidationReport);
    expect(JSON.parse(JSON.stringify(report))).toEqual(expected);
  });

  it('cover every rule of the interchange contract', () => {
    const seen = new Set<string>();
    for (const name of cases) {
      const expected = JSON.parse(
        readFileSync(path.join(root, name, 'out.json'), 'utf8'),
      ) as ValidationReport;
      for (const issue of expected.issues) seen.add(issue.rule);
    }
    expect([...RULES].filter((rule) => !seen.has(rule))).toEqual([]);
  });

  it('clean and noisy divisions report nothing', () => {
    expect(run('clean').issues).toEqual([]);
    expect(run('noise').issues).toEqual([]);
  });
});
