import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_RULE_SETS } from '../../../shared/model';
import { parseRuleSet } from '../../../shared/validate/parse-rule-set';

const presets = path.resolve(import.meta.dirname, '../../../resources/rule-sets');

function problemsOf(source: string): string[] {
  const result = parseRuleSet(source);
  return result.ok ? [] : result.problems.map((problem) => problem.message.en);
}

describe('parseRuleSet', () => {
  it('reads every shipped preset as it is', () => {
    for (const id of BUILTIN_RULE_SETS.keys()) {
      const result = parseRuleSet(readFileSync(path.join(presets, `${id}.json`), 'utf8'));
      expect(result).toEqual({ ok: true, value: BUILTIN_RULE_SETS.get(id) });
    }
  });

  it('accepts one string for both languages and fills optional members', () => {
    const result = parseRuleSet(
      JSON.stringify({
        id: 'county',
        name: '本县',
        source: '本县细则第五条',
        urban: { maxHouseholds: 400 },
        rural: null,
      }),
    );
    expect(result).toEqual({
      ok: true,
      value: {
        id: 'county',
        name: { zh: '本县', en: '本县' },
        source: { zh: '本县细则第五条', en: '本县细则第五条' },
        urban: { maxHouseholds: 400 },
        rural: null,
        microgrid: null,
        usesMicrogrids: false,
        requiresLeader: false,
      },
    });
  });

  it('names each wrong member, in both languages', () => {
    const result = parseRuleSet(
      JSON.stringify({
        id: 'bad id!',
        name: 3,
        source: 'x',
        urban: { minHousehold: 300, maxHouseholds: -1 },
        rural: { minHouseholds: 500, maxHouseholds: 300, populationTolerance: 2 },
        requiresLeader: 'yes',
        gridCodeTemplate: '{village}{seq3}',
        colour: 'red',
      }),
    );
    expect(result.ok).toBe(false);
    const messages = result.ok ? [] : result.problems.map((p) => p.message);
    const en = messages.map((m) => m.en);
    expect(en).toEqual(
      expect.arrayContaining([
        expect.stringContaining('colour: unknown member'),
        expect.stringContaining('id: must be an identifier'),
        expect.stringContaining('name: must be a text'),
        expect.stringContaining('urban.minHousehold: unknown'),
        expect.stringContaining('urban.maxHouseholds: must be a number not below 0, found -1'),
        expect.stringContaining('rural: minHouseholds 500 is above maxHouseholds 300'),
        expect.stringContaining('rural.populationTolerance: is a fraction between 0 and 1'),
        expect.stringContaining('requiresLeader: must be true or false'),
        expect.stringContaining('unknown token {village}'),
      ]),
    );
    for (const message of messages) expect(message.zh).toMatch(/^规则集/);
  });

  it('refuses text that is not JSON or not an object, and targets without households', () => {
    expect(problemsOf('{"id": ')[0]).toContain('not valid JSON');
    expect(problemsOf('[]')[0]).toContain('must be a JSON object');
    expect(
      problemsOf(
        JSON.stringify({ id: 'a', name: 'a', source: 'a', urban: { aboutPopulation: 1000 }, rural: null }),
      ),
    ).toEqual([expect.stringContaining('urban: needs minHouseholds or maxHouseholds')]);
    expect(problemsOf(JSON.stringify({ id: 'a', name: 'a', source: 'a', urban: null }))).toEqual([
      expect.stringContaining('rural: is missing'),
    ]);
  });
});
