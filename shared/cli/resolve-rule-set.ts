import type { Language, Result, RuleSet } from '../model';
import { BUILTIN_RULE_SETS, builtinRuleSet, builtinRuleSetOrDefault, text } from '../model';
import { parseRuleSet } from '../validate/parse-rule-set';
import type { CliHost } from './cli-host';
import type { CommandResult } from './command-result';
import { unreadableResult } from './read-division-file';

/** A rule set, or the exit-2 answer saying why `--rules` cannot be used. */
export type RuleSetAnswer<T> = { readonly ruleSet: T } | { readonly failure: CommandResult };

/**
 * The rule set `--rules` names, for every command that takes it (validate, report, divide, city check):
 * a built-in id (zigong, changji, ningbo, jiaxing) or the path of a rule-set JSON file, read through the
 * host and checked by {@link parseRuleSet}; undefined when the option was not given. An unknown name or a
 * file that cannot be read or is not a rule set is exit 2 naming it and why.
 */
export function readRulesOption(
  rules: string | undefined,
  host: Pick<CliHost, 'readText'>,
  lang: Language,
): RuleSetAnswer<RuleSet | undefined> {
  if (rules === undefined) return { ruleSet: undefined };
  const builtin = builtinRuleSet(rules);
  if (builtin) return { ruleSet: builtin };
  if (!/\.json$/i.test(rules)) {
    const message = text(
      `未知的规则集 ${rules}：可用 ${[...BUILTIN_RULE_SETS.keys()].join('、')}，或一个 .json 规则集文件的路径。`,
      `Unknown rule set ${rules}: use ${[...BUILTIN_RULE_SETS.keys()].join(', ')}, or the path of a .json rule-set file.`,
    );
    return { failure: { stdout: '', stderr: `${message[lang]}\n`, exitCode: 2 } };
  }
  const source = host.readText(rules);
  const parsed: Result<RuleSet> = source.ok ? parseRuleSet(source.value) : source;
  if (!parsed.ok) {
    const lead = text(`无法使用规则集 ${rules}：`, `Cannot use the rule set ${rules}:`);
    return { failure: unreadableResult(lead, parsed.problems, lang) };
  }
  return { ruleSet: parsed.value };
}

/**
 * The rule set a command applies to a division: the one `--rules` names (see {@link readRulesOption}),
 * else the built-in the file's `ruleSet` member names, else (no member, or a blank one) zigong. A member
 * naming no built-in rule set (another township's, or one made in the app from a file) is exit 2 asking
 * for `--rules`: checking it against zigong's bands without a word gave the wrong verdicts.
 */
export function resolveRuleSet(
  rules: string | undefined,
  fileRuleSetId: string | undefined,
  host: Pick<CliHost, 'readText'>,
  lang: Language,
): RuleSetAnswer<RuleSet> {
  const given = readRulesOption(rules, host, lang);
  if ('failure' in given) return given;
  if (given.ruleSet) return { ruleSet: given.ruleSet };
  const named = fileRuleSet(fileRuleSetId);
  if (named) return { ruleSet: named };
  const builtins = [...BUILTIN_RULE_SETS.keys()];
  const message = text(
    `文件指定的规则集 ${fileRuleSetId} 不是内置规则集：请用 --rules 指定 ${builtins.join('、')} 之一，或一个 .json 规则集文件的路径。`,
    `The file names the rule set ${fileRuleSetId}, which is not built in: give --rules ${builtins.join(', ')} or the path of a .json rule-set file.`,
  );
  return { failure: { stdout: '', stderr: `${message[lang]}\n`, exitCode: 2 } };
}

/**
 * The built-in rule set a division file's `ruleSet` member names (zigong when it has none or a blank
 * one), or undefined when it names one that is not built in.
 */
export function fileRuleSet(fileRuleSetId: string | undefined): RuleSet | undefined {
  const named = fileRuleSetId?.trim() ?? '';
  return named === '' ? builtinRuleSetOrDefault(undefined) : builtinRuleSet(named);
}
