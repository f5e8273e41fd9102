import { divideBand, targetOfKind } from '../../divide/divide-band';
import { divideCommunities } from '../../divide/divide-communities';
import type { CommunityOutcome } from '../../divide/divide-outcome';
import { stringifyDivision } from '../../formats/geojson';
import type { Community, Language, LocalText, ReferenceLayer, RuleSet } from '../../model';
import { appendAll, applyChange, BUILTIN_RULE_SETS, communityKindOf, text } from '../../model';
import type { CliHost } from '../cli-host';
import type { CommandModule } from '../command-module';
import { usageResult, writeOutFile } from '../command-output';
import type { CommandResult } from '../command-result';
import { oneFileAndOut, optionValue, parseOptions } from '../parse-options';
import { readDivisionFile, unreadableResult } from '../read-division-file';
import { resolveRuleSet } from '../resolve-rule-set';
import { readGuideLayers } from '../read-guide-layers';
import { textTable } from '../text-table';
import { coverageFaults, faultLine } from '../divide-coverage-faults';

const OPTIONS = {
  '--out': 'value',
  '--community': 'values',
  '--rules': 'value',
  '--guides': 'values',
  '--grids': 'value',
  '--format': 'value',
} as const;

const HELP: LocalText = text(
  `gridplan divide：自动划分网格

用法：
  gridplan divide 文件.geojson --out 输出.geojson [--community 社区编码]... [--rules 规则集]
                  [--guides 参考图层]... [--grids 数量] [--format text|json] [--lang zh|en]

把没有网格的社区/行政村（或 --community 指定的）自动划分为网格：每个网格的户数在规则集的范围内，
网格连片、紧凑，边界尽量沿道路、河流和小区边界，不切开小区，不拆开同一楼栋（同一位置或同一地址）的人口点；
已有的专属网格和锁定的网格保持不变。新网格的编码按编码模板从北到南编排，类型随社区（城市社区网格/农村网格），
状态为草稿。

  --out        输出文件：整个划分连同新网格（先写临时文件再改名；失败时不改动）
  --community  只划分这个社区/行政村（12 位编码），可重复
  --rules      内置规则集 ${[...BUILTIN_RULE_SETS.keys()].join('、')}，或规则集 JSON 文件的路径；
               默认使用文件中 ruleSet 指定的规则集；指定时输出文件的 ruleSet 随之改为它
  --guides     参考图层：线（道路、河流、铁路）或面（小区）的 GeoJSON 或 Shapefile 压缩包（.zip），可重复；
               线作为优先边界，面不被切开
  --grids      每个社区划分的网格数；默认在可行范围内取最接近户数范围中值的数量
  --format     text（默认，供人阅读）或 json（{"communities":[{"code","households","grids","inBand",
               "compactnessMean","compactnessMin","seconds"}]}）
  --lang       zh（默认）或 en

退出码：0 所有新网格都在户数范围内；1 有新网格超出范围（逐一列出原因，仍写出最接近的划分），
或文件的内容无法划分（如几何无效、编码已用完；原因写在标准错误输出，不写输出文件），
或校验发现划分结果留有空白、重叠（程序缺陷，写在标准错误输出，仍写出划分）；
2 文件无法读取或参数有误（原因写在标准错误输出，不写输出文件）；3 程序内部错误。
`,
  `gridplan divide: divide communities into grids automatically

Usage:
  gridplan divide FILE.geojson --out OUT.geojson [--community CODE]... [--rules RULES]
                  [--guides LAYER]... [--grids N] [--format text|json] [--lang zh|en]

Divides every community/village without grids (or those named with --community) into grids within the
rule set's household band: contiguous, compact, with boundaries along roads, rivers and compound edges
where they exist, never cutting a compound and never separating the census points of one building (same
position or same address). Exclusive and locked grids stay as they are. New grids get codes from the
code template (north to south), their type from the community (urban/rural) and the status draft.

  --out        output file: the whole division with the new grids (written to a temporary file and
               renamed; untouched on failure)
  --community  divide only this community/village (12-digit code); repeatable
  --rules      a built-in rule set (${[...BUILTIN_RULE_SETS.keys()].join(', ')}) or the path of a rule-set
               JSON file; default: the file's ruleSet member. When given, the output's ruleSet is set to it
  --guides     a guide layer: lines (roads, rivers, railways) or polygons (compounds) as GeoJSON or a
               zipped shapefile (.zip); repeatable. Lines are preferred boundaries, polygons are never cut
  --grids      number of grids per community; default: the feasible count closest to the band's middle
  --format     text (default, for people) or json ({"communities":[{"code","households","grids","inBand",
               "compactnessMean","compactnessMin","seconds"}]})
  --lang       zh (default) or en

Exit status: 0 every new grid is within the band; 1 a new grid is outside it (each listed with the
reason; the nearest division is still written), or what the file holds cannot be divided (geometry that
is not valid, codes used up; the reason is on standard error, nothing is written), or validating the
result finds a gap or overlap it made (a defect, on standard error; the division is written); 2 unreadable input or
wrong arguments (the reason is on standard error; nothing is written); 3 internal error.
`,
);

const usage = (message: LocalText, lang: Language): CommandResult => usageResult('divide', message, lang);

function fixed(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

/** The JSON of the interchange contract, with optional members (population, feasible range, reasons). */
function jsonOutput(outcomes: readonly CommunityOutcome[], lang: Language): string {
  const communities = outcomes.map((o) => ({
    code: o.code,
    households: o.households,
    grids: o.grids,
    ...(o.gridsRequested === undefined ? {} : { gridsRequested: o.gridsRequested }),
    inBand: o.inBand,
    compactnessMean: fixed(o.compactnessMean, 3),
    compactnessMin: fixed(o.compactnessMin, 3),
    seconds: fixed(o.seconds, 3),
    population: o.population,
    feasible: o.feasible,
    ...(o.streetShare === undefined ? {} : { streetShare: fixed(o.streetShare, 3) }),
    outOfBand: o.outOfBand.map((g) => ({
      code: g.code,
      households: g.households,
      population: g.population,
      reason: g.reason[lang],
    })),
  }));
  return `${JSON.stringify({ communities }, null, 2)}\n`;
}

function textOutput(
  outcomes: readonly CommunityOutcome[],
  communities: ReadonlyMap<string, Community>,
  out: string,
  ruleSet: RuleSet,
  lang: Language,
): string {
  const zh = lang === 'zh';
  const header = zh
    ? ['社区编码', '名称', '户数', '网格', '在范围内', '可行网格数', '紧凑度均值', '最小', '沿路比例', '用时']
    : [
        'community',
        'name',
        'households',
        'grids',
        'in band',
        'feasible',
        'compact. mean',
        'min',
        'on streets',
        'time',
      ];
  // The kind division worked with: the community's own, else what its code says (communityKindOf).
  const kindOf = (code: string) => {
    const community = communities.get(code);
    return community ? communityKindOf(community) : null;
  };
  const rows = outcomes.map((o) => [
    o.code,
    communities.get(o.code)?.name ?? '',
    String(o.households),
    String(o.grids),
    String(o.inBand),
    // A village without a band has no feasible range to show; a community whose band cannot be met has none.
    o.feasible
      ? `${o.feasible.min}–${o.feasible.max}`
      : divideBand(targetOfKind(ruleSet, kindOf(o.code)))
        ? zh
          ? '无'
          : 'none'
        : '–',
    o.compactnessMean.toFixed(2),
    o.compactnessMin.toFixed(2),
    o.streetShare === undefined ? '–' : `${Math.round(o.streetShare * 100)}%`,
    `${o.seconds.toFixed(2)} s`,
  ]);
  const lines = [
    zh
      ? `自动划分（规则集：${ruleSet.name.zh}）→ ${out}`
      : `Automatic division (rule set: ${ruleSet.name.en}) → ${out}`,
    '',
  ];
  if (outcomes.length === 0) {
    // Nothing was chosen: every community already has grids. Say how to divide one anyway.
    lines.push(
      zh
        ? '没有需要划分的社区/行政村：每个都已有网格。用 --community 编码 指定要划分的社区（只划分其中未划入网格的部分）。'
        : 'No community or village to divide: each already has grids. Name one with --community CODE to divide what its grids leave uncovered.',
    );
    return `${lines.join('\n')}\n`;
  }
  appendAll(lines, textTable([header, ...rows], new Set([2, 3, 4, 6, 7, 8, 9])));
  const covered = outcomes.filter((o) => o.grids === 0 && o.households === 0);
  for (const o of covered) {
    lines.push(
      zh
        ? `${o.code}：已全部划入网格，没有可划分的部分。`
        : `${o.code}: already covered by grids; nothing left to divide.`,
    );
  }
  for (const o of outcomes) {
    if (o.gridsRequested === undefined || o.grids >= o.gridsRequested || o.households === 0) continue;
    lines.push(
      zh
        ? `${o.code}：要求 ${o.gridsRequested} 个网格，只划出 ${o.grids} 个：可以分开的单元（街区、小区、楼栋）不够更多网格。`
        : `${o.code}: ${o.gridsRequested} grids were asked for, ${o.grids} made: there are not enough units that may be parted (blocks, compounds, buildings) for more.`,
    );
  }
  const outside = outcomes.flatMap((o) => o.outOfBand);
  if (outside.length > 0) {
    lines.push(
      '',
      zh ? `超出户数范围的网格（${outside.length} 个）：` : `Grids outside the band (${outside.length}):`,
    );
    for (const grid of outside) {
      lines.push(
        zh
          ? `  ${grid.code}：${grid.households} 户，${grid.population} 人。${grid.reason.zh}`
          : `  ${grid.code}: ${grid.households} households, ${grid.population} people. ${grid.reason.en}`,
      );
    }
  } else {
    const total = outcomes.reduce((sum, o) => sum + o.grids, 0);
    lines.push(
      '',
      zh
        ? `共新建 ${total} 个网格，全部在户数范围内。`
        : `${total === 1 ? '1 new grid, within' : `${total} new grids, all within`} the band.`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** `gridplan divide` (../shared/spec/interchange.md): automatic division from the command line. */
export const divideCommand: CommandModule = {
  name: 'divide',
  summary: text(
    '自动划分网格（户数范围、沿道路、不切小区）',
    'divide communities into grids within the band, along streets',
  ),
  help: HELP,
  run(args, host, lang) {
    return Promise.resolve(runDivide(args, host, lang));
  },
};

function runDivide(args: readonly string[], host: CliHost, lang: Language): CommandResult {
  const parsed = parseOptions(args, OPTIONS);
  if (!parsed.ok) return usage(parsed.problems[0]!.message, lang);
  const options = parsed.value;
  const paths = oneFileAndOut(
    options,
    text('缺少要划分的划分文件。', 'The division file to divide is missing.'),
  );
  if (!paths.ok) return usage(paths.problems[0]!.message, lang);
  const { file, out } = paths.value;
  const format = optionValue(options, '--format') ?? 'text';
  if (format !== 'text' && format !== 'json') {
    return usage(
      text(`--format 只能是 text 或 json，收到 ${format}。`, `--format is text or json, not ${format}.`),
      lang,
    );
  }
  const gridsText = optionValue(options, '--grids');
  const gridCount = gridsText === undefined ? undefined : Number(gridsText);
  if (gridCount !== undefined && !(Number.isInteger(gridCount) && gridCount >= 1 && gridCount <= 10_000)) {
    return usage(
      text(
        `--grids 须为正整数，收到 ${gridsText}。`,
        `--grids must be a positive whole number, not ${gridsText}.`,
      ),
      lang,
    );
  }
  const { writeBytes, readBytes } = host;
  if (!writeBytes || !readBytes) {
    return {
      stdout: '',
      stderr: `${text('此环境不能读写文件，无法划分。', 'This host cannot read and write files: divide is unavailable.')[lang]}\n`,
      exitCode: 2,
    };
  }

  const read = readDivisionFile(host, file, lang);
  if ('failure' in read) return read.failure;
  const division = read.division;
  const resolved = resolveRuleSet(optionValue(options, '--rules'), division.meta.ruleSetId, host, lang);
  if ('failure' in resolved) return resolved.failure;
  const { ruleSet } = resolved;

  const byCode = new Map([...division.community.values()].map((c) => [c.code, c]));
  const communityIds: string[] = [];
  for (const code of options.values.get('--community') ?? []) {
    const community = byCode.get(code);
    if (!community) {
      return {
        stdout: '',
        stderr: `${text(`${file} 中没有编码为 ${code} 的社区/行政村。`, `${file} has no community or village coded ${code}.`)[lang]}\n`,
        exitCode: 2,
      };
    }
    if (!communityIds.includes(community.id)) communityIds.push(community.id);
  }

  const guides: ReferenceLayer[] = [];
  const guidePaths = options.values.get('--guides') ?? [];
  for (const [index, path] of guidePaths.entries()) {
    const bytes = readBytes(path);
    const layers = bytes.ok ? readGuideLayers({ path, bytes: bytes.value }, index) : bytes;
    if (!layers.ok) {
      return unreadableResult(
        text(`无法读取参考图层 ${path}：`, `Cannot read the guide layer ${path}:`),
        layers.problems,
        lang,
      );
    }
    appendAll(guides, layers.value);
  }

  const proposal = divideCommunities(division, communityIds, {
    ruleSet,
    ...(guides.length > 0 ? { guides } : {}),
    ...(gridCount === undefined ? {} : { gridCount }),
    seed: 1,
  });
  if (!proposal.ok) {
    const result = unreadableResult(
      text(`无法划分 ${file}：`, `Cannot divide ${file}:`),
      proposal.problems,
      lang,
    );
    // The file was read and the arguments are right: what cannot be divided (geometry that is not valid,
    // codes used up) is a refusal for the file's content (exit 1), not unreadable input.
    return { ...result, exitCode: 1 };
  }
  const changed = applyChange(division, proposal.value.change).division;
  // Balanced for the rule set named: the file says so, or validating it would judge it by another.
  const divided = optionValue(options, '--rules')
    ? { ...changed, meta: { ...changed.meta, ruleSetId: ruleSet.id } }
    : changed;
  const failed = writeOutFile(writeBytes, out, stringifyDivision(divided), lang);
  if (failed) return failed;
  const outcomes = proposal.value.communities;
  const communities = new Map([...division.community.values()].map((c) => [c.code, c]));
  const stdout =
    format === 'json' ? jsonOutput(outcomes, lang) : textOutput(outcomes, communities, out, ruleSet, lang);
  const outside = outcomes.some((o) => o.outOfBand.length > 0);
  const faults = coverageFaults(divided, ruleSet, proposal.value.change.put, outcomes);
  const stderr = faults.map((issue) => `${faultLine(issue)[lang]}\n`).join('');
  return { stdout, stderr, exitCode: outside || faults.length > 0 ? 1 : 0 };
}
