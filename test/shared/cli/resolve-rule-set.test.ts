import { describe, expect, it } from 'vitest';
import { readRulesOption, resolveRuleSet } from '../../../shared/cli/resolve-rule-set';
import { builtinRuleSet } from '../../../shared/model';
import { memoryHost } from './memory-host';

const CUSTOM = JSON.stringify({
  id: 'my-county',
  name: { zh: '本县', en: 'Our county' },
  source: '本县网格化实施细则第五条',
  urban: { minHouseholds: 150, maxHouseholds: 250 },
  rural: null,
});

function host(files: Record<string, string> = {}) {
  return memoryHost(
    new Map(Object.entries(files).map(([name, body]) => [name, new TextEncoder().encode(body)])),
  );
}

// The one resolver behind `--rules` of validate, report, divide and city check.
describe('resolveRuleSet', () => {
  it('takes a built-in id, else the file’s rule set, else zigong', () => {
    expect(resolveRuleSet('ningbo', 'changji', host(), 'en')).toEqual({ ruleSet: builtinRuleSet('ningbo') });
    expect(resolveRuleSet(undefined, 'changji', host(), 'en')).toEqual({
      ruleSet: builtinRuleSet('changji'),
    });
    expect(resolveRuleSet(undefined, undefined, host(), 'en')).toEqual({ ruleSet: builtinRuleSet('zigong') });
    expect(resolveRuleSet(undefined, ' ', host(), 'en')).toEqual({ ruleSet: builtinRuleSet('zigong') });
    expect(resolveRuleSet('ningbo', 'no-such', host(), 'en')).toEqual({ ruleSet: builtinRuleSet('ningbo') });
  });

  it('answers exit 2 asking for --rules when the file names a rule set that is not built in', () => {
    const answer = resolveRuleSet(undefined, 'no-such', host(), 'zh');
    expect('failure' in answer && answer.failure.exitCode).toBe(2);
    expect('failure' in answer && answer.failure.stderr).toBe(
      '文件指定的规则集 no-such 不是内置规则集：请用 --rules 指定 zigong、changji、ningbo、jiaxing 之一，或一个 .json 规则集文件的路径。\n',
    );
    const en = resolveRuleSet(undefined, 'no-such', host(), 'en');
    expect('failure' in en && en.failure.stderr).toContain('give --rules');
  });

  it('reads a rule-set JSON file through the host', () => {
    const answer = resolveRuleSet('rules/county.JSON', 'zigong', host({ 'rules/county.JSON': CUSTOM }), 'en');
    if (!('ruleSet' in answer)) throw new Error(answer.failure.stderr);
    expect(answer.ruleSet.id).toBe('my-county');
    expect(answer.ruleSet.urban).toMatchObject({ minHouseholds: 150, maxHouseholds: 250 });
  });

  it('answers exit 2 naming an unknown name, a missing file or a file that is not a rule set', () => {
    const cases: [string, Record<string, string>, string][] = [
      ['shanghai', {}, 'Unknown rule set shanghai: use zigong'],
      ['gone.json', {}, 'Cannot use the rule set gone.json:\nThe file does not exist.'],
      ['bad.json', { 'bad.json': '{"id": "x"}' }, 'Cannot use the rule set bad.json:'],
      ['broken.json', { 'broken.json': '{' }, 'Cannot use the rule set broken.json:'],
    ];
    for (const [rules, files, message] of cases) {
      const answer = resolveRuleSet(rules, 'zigong', host(files), 'en');
      if (!('failure' in answer)) throw new Error(`${rules} was accepted`);
      expect(answer.failure.exitCode, rules).toBe(2);
      expect(answer.failure.stdout).toBe('');
      expect(answer.failure.stderr, rules).toContain(message);
    }
    const zh = resolveRuleSet('shanghai', 'zigong', host(), 'zh');
    expect('failure' in zh && zh.failure.stderr).toContain('未知的规则集 shanghai');
  });

  it('leaves the rule set open when --rules is not given (city check then takes the filings’)', () => {
    expect(readRulesOption(undefined, host(), 'en')).toEqual({ ruleSet: undefined });
    expect(readRulesOption('jiaxing', host(), 'en')).toEqual({ ruleSet: builtinRuleSet('jiaxing') });
  });
});
