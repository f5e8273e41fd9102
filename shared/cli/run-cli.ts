import { parseDivisionGeoJson } from '../formats/geojson';
import type { Language, LocalText, Problem, Result, RuleSet } from '../model';
import { BUILTIN_RULE_SETS, builtinRuleSet, text } from '../model';
import { parseRuleSet } from '../validate/parse-rule-set';
import { validateDivision } from '../validate/validate-division';
import { divisionStats } from './division-stats';
import { formatHtmlReport } from './format-html-report';
import { formatStats } from './format-stats';
import { formatTextReport } from './format-text-report';
import { parseCliArgs } from './parse-cli-args';

/** What the command core needs from its host: reading a text file (UTF-8). */
export interface CliHost {
  readText(path: string): Result<string>;
  /** Version of the package, for `--version`. */
  readonly version?: string;
}

/** What the command produced; the host writes it out and exits with `exitCode`. */
export interface CliResult {
  readonly stdout: string;
  readonly stderr: string;
  /** 0 no errors, 1 errors found, 2 input could not be read (or the command line was wrong). */
  readonly exitCode: 0 | 1 | 2;
}

const HELP: LocalText = text(
  `gridplan：网格划分校验与统计

用法：
  gridplan validate 文件.geojson [--rules 规则集] [--min-area 平方米] [--format text|json|html] [--lang zh|en]
  gridplan stats 文件.geojson [--format text|json] [--lang zh|en]

  --rules      内置规则集 ${[...BUILTIN_RULE_SETS.keys()].join('、')}，或自定义规则集 JSON 文件的路径；
               默认使用文件中 ruleSet 指定的规则集（没有则为 zigong）
  --min-area   小于此面积（平方米）的重叠、空白不报告，默认 1
  --format     text（默认，供审核人阅读）、json（交换格式）或 html（可打印的报告）
  --lang       zh（默认）或 en

退出码：0 没有错误；1 发现错误；2 文件无法读取或参数有误（原因写在标准错误输出）。
`,
  `gridplan: validate and summarise a grid division

Usage:
  gridplan validate FILE.geojson [--rules RULES] [--min-area M2] [--format text|json|html] [--lang zh|en]
  gridplan stats FILE.geojson [--format text|json] [--lang zh|en]

  --rules      a built-in rule set (${[...BUILTIN_RULE_SETS.keys()].join(', ')}) or the path of a custom
               rule-set JSON file; default: the file's ruleSet member (zigong when absent)
  --min-area   overlaps and gaps smaller than this (m²) are not reported; default 1
  --format     text (default, for a reviewer), json (interchange report) or html (printable report)
  --lang       zh (default) or en

Exit status: 0 no errors; 1 errors found; 2 the file could not be read or the arguments are wrong
(the reason is on standard error).
`,
);

function problemsText(problems: readonly Problem[], lang: Language): string {
  return problems.map((problem) => problem.message[lang]).join('\n');
}

function unreadable(lead: LocalText, problems: readonly Problem[], lang: Language): CliResult {
  return { stdout: '', stderr: `${lead[lang]}\n${problemsText(problems, lang)}\n`, exitCode: 2 };
}

function resolveRuleSet(
  rules: string | undefined,
  fallbackId: string,
  host: CliHost,
): Result<RuleSet> | { readonly ok: 'unknown' } {
  if (rules === undefined) {
    return { ok: true, value: builtinRuleSet(fallbackId) ?? builtinRuleSet('zigong')! };
  }
  const builtin = builtinRuleSet(rules);
  if (builtin) return { ok: true, value: builtin };
  if (!/\.json$/i.test(rules)) return { ok: 'unknown' };
  const source = host.readText(rules);
  if (!source.ok) return source;
  return parseRuleSet(source.value);
}

/**
 * The `gridplan` command: arguments in, output and exit status out. Pure (the host reads the files),
 * so tests run it without a process and the app could run it too.
 */
export function runCli(args: readonly string[], host: CliHost): CliResult {
  const command = parseCliArgs(args);
  const lang = command.lang;
  switch (command.command) {
    case 'usage-error':
      return { stdout: '', stderr: `${command.message[lang]}\n`, exitCode: 2 };
    case 'help':
      return { stdout: HELP[lang], stderr: '', exitCode: 0 };
    case 'version':
      return { stdout: `${host.version ?? 'unknown'}\n`, stderr: '', exitCode: 0 };
    case 'stats':
    case 'validate':
      break;
  }

  const source = host.readText(command.file);
  if (!source.ok) {
    return unreadable(
      text(`无法读取文件 ${command.file}：`, `Cannot read ${command.file}:`),
      source.problems,
      lang,
    );
  }
  const parsed = parseDivisionGeoJson(source.value);
  if (!parsed.ok) {
    return unreadable(
      text(
        `无法读取 ${command.file}（不是可用的 GridPlan GeoJSON）：`,
        `Cannot read ${command.file} (not usable GridPlan GeoJSON):`,
      ),
      parsed.problems,
      lang,
    );
  }
  const division = parsed.value;

  if (command.command === 'stats') {
    const stats = divisionStats(division);
    const stdout =
      command.format === 'json'
        ? `${JSON.stringify(stats, null, 2)}\n`
        : formatStats(stats, command.file, lang);
    return { stdout, stderr: '', exitCode: 0 };
  }

  const ruleSet = resolveRuleSet(command.rules, division.meta.ruleSetId, host);
  if (ruleSet.ok === 'unknown') {
    return {
      stdout: '',
      stderr: `${
        text(
          `未知的规则集 ${command.rules}：可用 ${[...BUILTIN_RULE_SETS.keys()].join('、')}，或一个 .json 规则集文件的路径。`,
          `Unknown rule set ${command.rules}: use ${[...BUILTIN_RULE_SETS.keys()].join(', ')}, or the path of a .json rule-set file.`,
        )[lang]
      }\n`,
      exitCode: 2,
    };
  }
  if (!ruleSet.ok) {
    return unreadable(
      text(`无法使用规则集 ${command.rules}：`, `Cannot use the rule set ${command.rules}:`),
      ruleSet.problems,
      lang,
    );
  }
  const report = validateDivision(division, ruleSet.value, { minAreaM2: command.minAreaM2, lang });
  const stdout =
    command.format === 'json'
      ? `${JSON.stringify(report, null, 2)}\n`
      : command.format === 'html'
        ? formatHtmlReport(report, ruleSet.value, command.file, lang)
        : formatTextReport(report, ruleSet.value, command.file, lang);
  return { stdout, stderr: '', exitCode: report.summary.errors > 0 ? 1 : 0 };
}
