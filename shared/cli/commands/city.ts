import type {
  CheckCityOptions,
  CityDatabase,
  CityTotals,
  FileOutcome,
  FilingComment,
  FilingSummary,
} from '../../city';
import {
  checkCity,
  cityRequestHandler,
  citySchemaVersion,
  commentOnFiling,
  databaseUnusable,
  commentProblem,
  MAX_AUTHOR_CHARS,
  MAX_COMMENT_CHARS,
  fileCityPackage,
  initCity,
  loadCityDivision,
  pullTownship,
  scrubSecrets,
} from '../../city';
import { exportShapefileZip } from '../../formats/division-export';
import { looksLikeZip, readFilingPackage } from '../../formats/filing-package';
import { stringifyDivision } from '../../formats/geojson';
import { encodeText } from '../../formats/text-encoding';
import type { Language, LocalText, Problem, RuleSet } from '../../model';
import { builtinRuleSetOrDefault, englishCount, errorDetail, text } from '../../model';
import type { CliHost } from '../cli-host';
import type { CommandModule } from '../command-module';
import type { CommandResult, ExitCode } from '../command-result';
import { usageResult, writeOrPrint } from '../command-output';
import { formatTextReport } from '../format-text-report';
import type { ParsedOptions } from '../parse-options';
import { optionValue, parseOptions } from '../parse-options';
import { readRulesOption } from '../resolve-rule-set';

const HELP: LocalText = text(
  `gridplan city：市级网格办的备案库（PostgreSQL + PostGIS）

用法：
  gridplan city init --db postgres://…                     建立或升级数据库架构（可重复运行）
  gridplan city file 报审包.zip --db … [--author 姓名] [--note 说明] [--min-area 平方米] [--format text|json]
  gridplan city comment --township 乡镇代码 --note 意见 --db … [--grid 网格编码] [--filing 备案号] [--author 姓名]
  gridplan city check --db … [--format text|json] [--rules 规则集] [--county 县级代码] [--min-area 平方米] [--out 报告文件]
  gridplan city export --db … --to geojson|shapefile --out 路径 [--county 县级代码]
  gridplan city pull --township 乡镇代码 --db … --out 文件.geojson
  gridplan city serve --db … --port 端口 [--host 127.0.0.1]

  file    备案一个报审包（一个事务）：清单中的文件须与哈希相符；报审包的上一版（baseSha256）须是该乡镇当前
          备案版本，否则拒绝并列出此后的备案；版本号须大于当前备案的版本号；与其他乡镇已备案网格
          重叠达到最小面积（默认 1 平方米）的网格全部列出并拒绝。拒绝时数据库不变。备案时旧版本的
          网格保留为历史，不覆盖。--note 随备案记下说明。
  comment 对乡镇当前备案（或 --filing 指定的备案）记下审核意见，可针对其中一个网格（--grid）。
          check 的报告和 pull 的文件附带当前备案的全部意见。
  check   用 GridPlan 自己的校验规则检查全市当前备案：乡镇之间的重叠和缝隙、全市重复编码，另给各乡镇、
          各县区的合计。报告格式同 gridplan validate。
  export  导出全市当前备案的网格：GeoJSON 划分文件或网格 shapefile（zip）。
  pull    给乡镇它的备案版本，并附相邻乡镇的边界网格作为参考图层（referenceLayers，role: neighbour）。
  serve   只读服务：OGC API Features（/collections/grids/items?bbox=&limit=&offset=）和矢量瓦片
          （/tiles/{z}/{x}/{y}.mvt）；默认只在 127.0.0.1 上监听；按 Ctrl+C 停止。
  数据库地址中的密码不会出现在任何输出中。

退出码：0 完成；1 备案被拒绝、检查发现错误、乡镇尚未备案、没有可导出的备案网格，或意见针对的备案/网格不属于该乡镇；2 文件或数据库无法使用、报审包与清单不符、
参数有误；3 内部错误。
`,
  `gridplan city: the city grid office's filing database (PostgreSQL + PostGIS)

Usage:
  gridplan city init --db postgres://…                     create or upgrade the schema (idempotent)
  gridplan city file PACKAGE.zip --db … [--author NAME] [--note TEXT] [--min-area M2] [--format text|json]
  gridplan city comment --township CODE --note TEXT --db … [--grid CODE] [--filing ID] [--author NAME]
  gridplan city check --db … [--format text|json] [--rules RULES] [--county CODE] [--min-area M2] [--out REPORT]
  gridplan city export --db … --to geojson|shapefile --out PATH [--county CODE]
  gridplan city pull --township CODE --db … --out FILE.geojson
  gridplan city serve --db … --port PORT [--host 127.0.0.1]

  file    files a filing package in one transaction: its files must match its manifest; its base
          (baseSha256) must be the township's current filed version, else it is refused with the filings
          since; its version must be above the filed one's; grids overlapping another township's filed
          grids by the minimum area (default 1 m²) are all named and refused. A refusal leaves the
          database unchanged. Older versions are kept. --note records the filer's note with the filing.
  comment records a reviewer's remark on a township's current filing (or the one --filing names),
          optionally on one of its grids (--grid). check's report and pull's file carry the remarks
          on the current filings.
  check   checks the city's current filings with GridPlan's own rules: overlaps and gaps between
          townships, city-wide duplicate codes, with totals per township and county. Same report format
          as gridplan validate.
  export  exports the city's current grids: a GeoJSON division file or a grid shapefile (zip).
  pull    gives a township its filed version with its neighbours' border grids as a reference layer
          (referenceLayers, role: neighbour).
  serve   read-only: OGC API Features (/collections/grids/items?bbox=&limit=&offset=) and vector tiles
          (/tiles/{z}/{x}/{y}.mvt); listens on 127.0.0.1 unless told otherwise; stop with Ctrl+C.
  The password of the database URL never appears in any output.

Exit status: 0 done; 1 a filing refused, errors found by check, a township not filed, no filed grids
to export, or a remark on a filing or grid the township does not have; 2 a file or the
database cannot be used, a package does not match its manifest, or the arguments are wrong; 3 a bug.
`,
);

const SUBCOMMANDS = ['init', 'file', 'comment', 'check', 'export', 'pull', 'serve'] as const;
type Subcommand = (typeof SUBCOMMANDS)[number];

const OPTIONS = {
  '--db': 'value',
  '--author': 'value',
  '--note': 'value',
  '--grid': 'value',
  '--filing': 'value',
  '--min-area': 'value',
  '--format': 'value',
  '--rules': 'value',
  '--county': 'value',
  '--to': 'value',
  '--out': 'value',
  '--township': 'value',
  '--port': 'value',
  '--host': 'value',
} as const;

/**
 * The options each subcommand takes besides --db: another is refused before connecting, as an option
 * accepted and silently ignored (`check --out` writing nothing) misleads a pipeline.
 */
const OPTIONS_OF: Readonly<Record<Subcommand, readonly (keyof typeof OPTIONS)[]>> = {
  init: [],
  file: ['--author', '--note', '--min-area', '--format'],
  comment: ['--author', '--note', '--grid', '--filing', '--township', '--format'],
  check: ['--min-area', '--format', '--rules', '--county', '--out'],
  export: ['--to', '--out', '--county'],
  pull: ['--township', '--out'],
  serve: ['--port', '--host'],
};

function answer(stdout: string, stderr: string, exitCode: ExitCode): CommandResult {
  return { stdout, stderr, exitCode };
}

function usage(message: LocalText, lang: Language): CommandResult {
  return usageResult('city', message, lang);
}

function problemsText(problems: readonly Problem[], lang: Language): string {
  return problems.map((problem) => problem.message[lang]).join('\n');
}

/** `gridplan city init|file|check|export|pull|serve --db postgres://…` (../shared/spec/interchange.md). */
export const cityCommand: CommandModule = {
  name: 'city',
  summary: text(
    '市级网格办备案库（PostGIS）：备案、全市检查、导出、下发、服务',
    'the city office on PostGIS: file, check the city, export, pull, serve',
  ),
  help: HELP,
  run: runCity,
};

async function runCity(args: readonly string[], host: CliHost, lang: Language): Promise<CommandResult> {
  const parsed = parseOptions(args, OPTIONS);
  if (!parsed.ok) return usage(parsed.problems[0]!.message, lang);
  const options = parsed.value;
  const sub = options.positional[0];
  if (!SUBCOMMANDS.includes(sub as Subcommand)) {
    return usage(
      text(
        `需要子命令 ${SUBCOMMANDS.join('、')} 之一${sub === undefined ? '' : `，收到 ${sub}`}。`,
        `Give one of the subcommands ${SUBCOMMANDS.join(', ')}${sub === undefined ? '' : `, not ${sub}`}.`,
      ),
      lang,
    );
  }
  const url = optionValue(options, '--db');
  if (url === undefined)
    return usage(text('缺少 --db 数据库地址。', 'The --db database URL is missing.'), lang);
  if (!/^postgres(ql)?:\/\//i.test(url)) {
    return usage(text('--db 须为 postgres://… 形式的地址。', '--db must be a postgres://… URL.'), lang);
  }
  if (!host.openCityDatabase) {
    return answer(
      '',
      `${text('此环境不能连接数据库。', 'This host cannot connect to a database.')[lang]}\n`,
      2,
    );
  }
  // Arguments are checked before connecting: a wrong command line never touches the database.
  const checked = checkArguments(sub as Subcommand, options, host, lang);
  if ('failure' in checked) return checked.failure;

  const opened = await host.openCityDatabase(url);
  if (!opened.ok) {
    const lead = text('无法连接城市数据库：', 'Cannot connect to the city database:');
    return answer('', scrubSecrets(`${lead[lang]}\n${problemsText(opened.problems, lang)}\n`, url), 2);
  }
  const db = opened.value;
  try {
    if (sub !== 'init' && (await citySchemaVersion(db)) === 0) {
      return answer(
        '',
        `${text('数据库尚未建立备案库架构：请先运行 gridplan city init。', 'The database has no city schema yet: run gridplan city init first.')[lang]}\n`,
        2,
      );
    }
    const result = await runSubcommand(sub as Subcommand, options, checked, db, host, lang);
    return { ...result, stdout: scrubSecrets(result.stdout, url), stderr: scrubSecrets(result.stderr, url) };
  } catch (error) {
    const detail = errorDetail(error);
    if (databaseUnusable(error)) {
      const lead = text(
        '城市数据库现在无法使用（连接中断、只读或资源不足），未作任何更改：',
        'The city database cannot be used now (connection lost, read-only, or out of resources); nothing was changed:',
      );
      return answer('', scrubSecrets(`${lead[lang]} ${detail.split('\n')[0] ?? ''}\n`, url), 2);
    }
    const lead = text('内部错误（数据库操作失败）：', 'Internal error (a database operation failed):');
    return answer('', scrubSecrets(`${lead[lang]} ${detail.split('\n')[0] ?? ''}\n`, url), 3);
  } finally {
    await db.close();
  }
}

interface CheckedArguments {
  readonly minAreaM2: number;
  readonly format: 'text' | 'json';
  /** The rule set `--rules` names, when given. */
  readonly ruleSet?: RuleSet;
  readonly packageBytes?: Uint8Array;
  readonly port?: number;
}

function checkArguments(
  sub: Subcommand,
  options: ParsedOptions,
  host: CliHost,
  lang: Language,
): CheckedArguments | { readonly failure: CommandResult } {
  const fail = (message: LocalText) => ({ failure: usage(message, lang) });
  const foreign = (Object.keys(OPTIONS) as (keyof typeof OPTIONS)[]).filter(
    (name) => name !== '--db' && optionValue(options, name) !== undefined && !OPTIONS_OF[sub].includes(name),
  );
  // --note, --grid and --filing have their own message (remarkProblem).
  const misplaced = foreign.filter((name) => !['--note', '--grid', '--filing'].includes(name));
  if (misplaced.length > 0) {
    const takes = OPTIONS_OF[sub].join(' ') || text('（无）', '(none)')[lang];
    return fail(
      text(
        `city ${sub} 不接受 ${misplaced.join('、')}；它的选项有 ${takes}。`,
        `city ${sub} does not take ${misplaced.join(', ')}; its options are ${takes}.`,
      ),
    );
  }
  const minAreaText = optionValue(options, '--min-area');
  const minAreaM2 = minAreaText === undefined ? 1 : Number(minAreaText);
  if (!(Number.isFinite(minAreaM2) && minAreaM2 >= 0)) {
    return fail(
      text(
        `--min-area 须为不小于 0 的数，收到 ${minAreaText}。`,
        `--min-area must be a number ≥ 0, not ${minAreaText}.`,
      ),
    );
  }
  const format = optionValue(options, '--format') ?? 'text';
  if (format !== 'text' && format !== 'json') {
    return fail(
      text(`--format 只能是 text 或 json，收到 ${format}。`, `--format is text or json, not ${format}.`),
    );
  }
  const extra = options.positional.length - 1 - (sub === 'file' ? 1 : 0);
  if (extra !== 0) {
    return fail(
      sub === 'file' && extra < 0
        ? text('缺少报审包。', 'The filing package is missing.')
        : text(
            `多余的参数：${options.positional.slice(sub === 'file' ? 2 : 1).join(' ')}`,
            `Unexpected arguments: ${options.positional.slice(sub === 'file' ? 2 : 1).join(' ')}`,
          ),
    );
  }
  // A built-in rule set or a rule-set file, as validate takes it (read before connecting).
  const rules = readRulesOption(optionValue(options, '--rules'), host, lang);
  if ('failure' in rules) return rules;
  const ruleSet = rules.ruleSet !== undefined ? { ruleSet: rules.ruleSet } : {};
  const county = optionValue(options, '--county');
  if (county !== undefined && !/^\d{6}$/.test(county)) {
    return fail(text('--county 须为 6 位县级代码。', '--county must be a 6-digit county code.'));
  }
  const out = optionValue(options, '--out');
  if ((sub === 'export' || sub === 'pull') && out === undefined) {
    return fail(text('缺少 --out 输出文件。', 'The --out file is missing.'));
  }
  if (out !== undefined && !host.writeBytes) {
    return fail(
      text('此环境不能写文件，无法使用 --out。', 'This host cannot write files: --out is unavailable.'),
    );
  }
  if (sub === 'export') {
    const to = optionValue(options, '--to');
    if (to !== 'geojson' && to !== 'shapefile') {
      return fail(text('--to 须为 geojson 或 shapefile。', '--to must be geojson or shapefile.'));
    }
  }
  const remark = remarkProblem(sub, options);
  if (remark) return fail(remark);
  if ((sub === 'pull' || sub === 'comment') && !/^\d{9}000$/.test(optionValue(options, '--township') ?? '')) {
    return fail(
      text(
        '--township 须为 12 位乡镇代码（以 000 结尾）。',
        '--township must be a 12-digit township code (ending in 000).',
      ),
    );
  }
  let port: number | undefined;
  if (sub === 'serve') {
    const portText = optionValue(options, '--port') ?? '';
    port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
    if (!(port >= 0 && port <= 65535)) {
      return fail(text('--port 须为 0–65535 的端口号。', '--port must be a port number 0–65535.'));
    }
    if (!host.serveHttp) {
      return fail(text('此环境不能提供网络服务。', 'This host cannot serve HTTP.'));
    }
  }
  if (sub === 'file') {
    const file = options.positional[1]!;
    if (!host.readBytes) return fail(text('此环境不能读文件。', 'This host cannot read files.'));
    const bytes = host.readBytes(file);
    if (!bytes.ok) {
      return {
        failure: answer(
          '',
          `${text(`无法读取 ${file}：`, `Cannot read ${file}:`)[lang]}\n${problemsText(bytes.problems, lang)}\n`,
          2,
        ),
      };
    }
    if (!looksLikeZip(bytes.value)) {
      return {
        failure: answer(
          '',
          `${text(`${file} 不是报审包（zip）。`, `${file} is not a filing package (zip).`)[lang]}\n`,
          2,
        ),
      };
    }
    return { minAreaM2, format, ...ruleSet, packageBytes: bytes.value };
  }
  return { minAreaM2, format, ...ruleSet, ...(port !== undefined ? { port } : {}) };
}

async function runSubcommand(
  sub: Subcommand,
  options: ParsedOptions,
  checked: CheckedArguments,
  db: CityDatabase,
  host: CliHost,
  lang: Language,
): Promise<CommandResult> {
  switch (sub) {
    case 'init': {
      const done = await initCity(db);
      const line =
        done.applied.length === 0
          ? text(
              `备案库架构已是最新（版本 ${done.version}），未做改动。`,
              `The city schema is current (version ${done.version}); nothing changed.`,
            )
          : text(
              `备案库架构已建立到版本 ${done.version}（本次应用 ${done.applied.join('、')}）。`,
              `The city schema is at version ${done.version} (applied ${done.applied.join(', ')}).`,
            );
      return answer(`${line[lang]}\n`, '', 0);
    }
    case 'file':
      return fileCommand(options, checked, db, lang);
    case 'comment':
      return commentCommand(options, checked, db, lang);
    case 'check': {
      const county = optionValue(options, '--county');
      const checkOptions: CheckCityOptions = {
        minAreaM2: checked.minAreaM2,
        lang,
        ...(checked.ruleSet !== undefined ? { ruleSet: checked.ruleSet } : {}),
        ...(county !== undefined ? { county } : {}),
      };
      const report = await checkCity(db, checkOptions);
      if (!report.ok) {
        return answer(
          '',
          `${text('备案数据无法读取：', 'The filed data cannot be read:')[lang]}\n${problemsText(report.problems, lang)}\n`,
          2,
        );
      }
      const ruleSet = checkOptions.ruleSet ?? builtinRuleSetOrDefault(report.value.ruleSet);
      const output =
        checked.format === 'json'
          ? `${JSON.stringify(report.value, null, 2)}\n`
          : formatTextReport(report.value, ruleSet, text('全市备案', 'city filings')[lang], lang) +
            remarksText(report.value.townships, lang);
      const out = optionValue(options, '--out');
      const done = text('全市检查报告已写入', 'City check report written to');
      return writeOrPrint(output, out, report.value.summary.errors > 0 ? 1 : 0, done, host, lang);
    }
    case 'export': {
      const loaded = await loadCityDivision(db, optionValue(options, '--county'));
      if (!loaded.ok) {
        return answer(
          '',
          `${text('备案数据无法读取：', 'The filed data cannot be read:')[lang]}\n${problemsText(loaded.problems, lang)}\n`,
          2,
        );
      }
      const out = optionValue(options, '--out')!;
      const county = optionValue(options, '--county');
      if (loaded.value.division.grid.size === 0) {
        // Both formats alike: an empty shapefile layer cannot be written, and an empty GeoJSON is no export.
        const where = county === undefined ? text('', '') : text(`（县 ${county}）`, ` in county ${county}`);
        return answer(
          '',
          `${text(`市级库中没有已备案的网格${where.zh}，未写出 ${out}。`, `The city database holds no filed grids${where.en}; ${out} was not written.`)[lang]}\n`,
          1,
        );
      }
      let bytes: Uint8Array;
      if (optionValue(options, '--to') === 'geojson') {
        bytes = encodeText(`${stringifyDivision(loaded.value.division)}\n`, 'utf-8').bytes;
      } else {
        const zip = exportShapefileZip(loaded.value.division, 'grid', {
          crs: 'cgcs2000',
          encoding: 'utf-8',
          ...(host.deflateRaw ? { deflateRaw: host.deflateRaw } : {}),
        });
        if (!zip.ok) return answer('', `${problemsText(zip.problems, lang)}\n`, 1);
        bytes = zip.value.bytes;
      }
      const written = host.writeBytes!(out, bytes);
      if (!written.ok)
        return answer(
          '',
          `${text(`无法写入 ${out}：`, `Cannot write ${out}:`)[lang]}\n${problemsText(written.problems, lang)}\n`,
          2,
        );
      const grids = loaded.value.division.grid.size;
      return answer(
        `${text(`已导出 ${grids} 个网格到 ${out}`, `Exported ${englishCount(grids, 'grid')} to ${out}`)[lang]}\n`,
        '',
        0,
      );
    }
    case 'pull': {
      const township = optionValue(options, '--township')!;
      const pulled = await pullTownship(db, township);
      if (pulled.kind === 'not-filed') {
        return answer(
          '',
          `${text(`乡镇 ${township} 尚未备案。`, `Township ${township} has not filed.`)[lang]}\n`,
          1,
        );
      }
      const out = optionValue(options, '--out')!;
      const written = host.writeBytes!(out, encodeText(pulled.text, 'utf-8').bytes);
      if (!written.ok)
        return answer(
          '',
          `${text(`无法写入 ${out}：`, `Cannot write ${out}:`)[lang]}\n${problemsText(written.problems, lang)}\n`,
          2,
        );
      const line = text(
        `已写出 ${township} 第 ${pulled.version} 版备案和相邻乡镇边界网格 ${pulled.neighbourGrids} 个到 ${out}`,
        `Wrote ${township}'s filed version ${pulled.version} and ${pulled.neighbourGrids} neighbours' border grids to ${out}`,
      );
      return answer(`${line[lang]}\n`, '', 0);
    }
    case 'serve': {
      const bind = optionValue(options, '--host') ?? '127.0.0.1';
      const served = await host.serveHttp!({ port: checked.port!, host: bind }, (baseUrl) =>
        cityRequestHandler(db, baseUrl),
      );
      if (!served.ok) return answer('', `${problemsText(served.problems, lang)}\n`, 2);
      return answer(`${text('服务已停止。', 'The server has stopped.')[lang]}\n`, '', 0);
    }
  }
}

/** The remarks on the current filings, after the text report (nothing when there are none). */
function remarksText(townships: readonly CityTotals[], lang: Language): string {
  const lines = townships.flatMap((township) => (township.comments ?? []).map((c) => remarkLine(c, lang)));
  if (lines.length === 0) return '';
  const head = text('当前备案的意见：', 'Remarks on the current filings:');
  return `\n${head[lang]}\n${lines.join('\n')}\n`;
}

function filingLine(filing: FilingSummary, lang: Language): string {
  return text(
    `  第 ${filing.version} 版（备案号 ${filing.id}，${filing.createdAt}${filing.author ? `，${filing.author}` : ''}，SHA-256 ${filing.divisionSha256.slice(0, 12)}…）`,
    `  version ${filing.version} (filing ${filing.id}, ${filing.createdAt}${filing.author ? `, ${filing.author}` : ''}, SHA-256 ${filing.divisionSha256.slice(0, 12)}…)`,
  )[lang];
}

async function fileCommand(
  options: ParsedOptions,
  checked: CheckedArguments,
  db: CityDatabase,
  lang: Language,
): Promise<CommandResult> {
  const file = options.positional[1]!;
  const pkg = readFilingPackage(checked.packageBytes!, file);
  if (!pkg.ok) {
    const lead = text(
      `无法使用报审包 ${file}（文件与清单不符或已损坏）：`,
      `Cannot use the filing package ${file} (its files do not match its manifest, or it is damaged):`,
    );
    return answer('', `${lead[lang]}\n${problemsText(pkg.problems, lang)}\n`, 2);
  }
  const note = optionValue(options, '--note');
  const outcome: FileOutcome = await fileCityPackage(db, pkg.value, {
    author: optionValue(options, '--author') ?? '',
    minAreaM2: checked.minAreaM2,
    ...(note !== undefined ? { note } : {}),
  });
  const exitCode: ExitCode = outcome.kind === 'filed' ? 0 : 1;
  if (checked.format === 'json') {
    const json = { status: outcome.kind === 'filed' ? 'filed' : 'refused', ...outcome };
    return answer(`${JSON.stringify(json, null, 2)}\n`, '', exitCode);
  }
  switch (outcome.kind) {
    case 'filed':
      return answer(
        `${
          text(
            `已备案：乡镇 ${outcome.filing.township} 第 ${outcome.filing.version} 版（备案号 ${outcome.filing.id}），网格 ${outcome.grids} 个；上一版网格 ${outcome.closedGrids} 个保留为历史。`,
            `Filed: township ${outcome.filing.township} version ${outcome.filing.version} (filing ${outcome.filing.id}), ${englishCount(outcome.grids, 'grid')}; ${englishCount(outcome.closedGrids, 'grid')} of the previous version kept as history.`,
          )[lang]
        }\n${outcome.comment ? `${remarkLine(outcome.comment, lang)}\n` : ''}`,
        '',
        0,
      );
    case 'bad-township':
      return answer(
        '',
        `${text(`报审包的乡镇代码“${outcome.township}”不是 12 位乡镇代码，拒绝备案。`, `The package's township code "${outcome.township}" is not a 12-digit township code; refused.`)[lang]}\n`,
        1,
      );
    case 'invalid-geometry': {
      const head = text(
        `拒绝备案：乡镇 ${outcome.township} 的 ${outcome.grids.length} 个网格图形无效，无法与其他乡镇的网格比对：`,
        `Refused: ${englishCount(outcome.grids.length, 'grid')} of township ${outcome.township} ${outcome.grids.length === 1 ? 'is not a valid polygon' : 'are not valid polygons'} and cannot be compared with other townships' grids:`,
      );
      const lines = outcome.grids.map((grid) => `  ${grid.message[lang]}`);
      const hint = text(
        '请修复这些网格（gridplan validate 的“几何无效”），重新制作报审包后再备案。',
        'Repair these grids (invalid geometry in gridplan validate), make the package again and file it.',
      );
      return answer(`${[head[lang], ...lines, hint[lang]].join('\n')}\n`, '', 1);
    }
    case 'unstorable': {
      const head = text(
        `拒绝备案：乡镇 ${outcome.township} 的报审包中有数据库无法保存的内容：`,
        `Refused: the package of township ${outcome.township} holds what the database cannot store:`,
      );
      return answer(`${[head[lang], ...outcome.problems.map((p) => `  ${p[lang]}`)].join('\n')}\n`, '', 1);
    }
    case 'stale': {
      const head = outcome.current
        ? text(
            `拒绝备案：报审包的上一版（${outcome.baseSha256 === undefined ? '无' : `${outcome.baseSha256.slice(0, 12)}…`}）不是乡镇 ${outcome.township} 当前备案的版本。此后已备案：`,
            `Refused: the package's base (${outcome.baseSha256 === undefined ? 'none' : `${outcome.baseSha256.slice(0, 12)}…`}) is not township ${outcome.township}'s current filed version. Filed since:`,
          )
        : text(
            `拒绝备案：乡镇 ${outcome.township} 尚无备案，报审包却基于上一版（${outcome.baseSha256?.slice(0, 12) ?? ''}…）。请不带 --base 制作首个报审包。`,
            `Refused: township ${outcome.township} has filed nothing, but the package is based on a previous version (${outcome.baseSha256?.slice(0, 12) ?? ''}…). Make the first package without --base.`,
          );
      const since = outcome.since.map((filing) => filingLine(filing, lang));
      const hint = text(
        '请基于当前备案版本（gridplan city pull）重新制作报审包。',
        'Make the package again based on the current filed version (gridplan city pull).',
      );
      return answer(`${[head[lang], ...since, hint[lang]].join('\n')}\n`, '', 1);
    }
    case 'version-not-after': {
      const next = outcome.current.version + 1;
      return answer(
        `${
          text(
            `拒绝备案：报审包为第 ${outcome.version} 版，而乡镇 ${outcome.township} 已备案到第 ${outcome.current.version} 版（备案号 ${outcome.current.id}）。请用 --version ${next} 重新制作报审包（以 gridplan city pull 取得的当前备案版本为 --base 时，版本号自动为 ${next}）。`,
            `Refused: the package is version ${outcome.version}, but township ${outcome.township} has already filed version ${outcome.current.version} (filing ${outcome.current.id}). Make the package again with --version ${next} (with the current filed version from gridplan city pull as --base, it is numbered ${next} by itself).`,
          )[lang]
        }\n`,
        '',
        1,
      );
    }
    case 'overlap': {
      const head = text(
        `拒绝备案：乡镇 ${outcome.township} 的 ${new Set(outcome.overlaps.map((o) => o.code)).size} 个网格与其他乡镇已备案的网格重叠：`,
        `Refused: ${englishCount(new Set(outcome.overlaps.map((o) => o.code)).size, 'grid')} of township ${outcome.township} overlap grids other townships have filed:`,
      );
      const lines = outcome.overlaps.map(
        (o) =>
          text(
            `  ${o.code} 与 ${o.otherCode}（乡镇 ${o.otherTownship}）重叠 ${o.areaM2.toFixed(1)} 平方米`,
            `  ${o.code} overlaps ${o.otherCode} (township ${o.otherTownship}) by ${o.areaM2.toFixed(1)} m²`,
          )[lang],
      );
      const hint = text('请对齐乡镇边界后重新备案。', 'Align the border and file again.');
      return answer(`${[head[lang], ...lines, hint[lang]].join('\n')}\n`, '', 1);
    }
  }
}

/**
 * What is wrong with the remark options, or undefined: `--note` belongs to file and comment (and comment
 * needs it), `--grid` and `--filing` to comment; a note is not empty nor longer than the office keeps;
 * an author name is bounded too.
 */
function remarkProblem(sub: Subcommand, options: ParsedOptions): LocalText | undefined {
  const note = optionValue(options, '--note');
  const grid = optionValue(options, '--grid');
  const filing = optionValue(options, '--filing');
  const author = optionValue(options, '--author');
  if (note !== undefined && sub !== 'file' && sub !== 'comment') {
    return text('--note 只用于 file 和 comment。', '--note is for file and comment only.');
  }
  if ((grid !== undefined || filing !== undefined) && sub !== 'comment') {
    return text('--grid 和 --filing 只用于 comment。', '--grid and --filing are for comment only.');
  }
  if (sub === 'comment' && note === undefined) {
    return text('缺少 --note 意见。', 'The --note remark is missing.');
  }
  const problem = note === undefined ? undefined : commentProblem(note);
  if (problem === 'empty') return text('--note 不能为空。', '--note must not be empty.');
  if (problem === 'too-long') {
    return text(
      `--note 最长 ${MAX_COMMENT_CHARS} 个字符。`,
      `--note is at most ${MAX_COMMENT_CHARS} characters.`,
    );
  }
  if (author !== undefined && [...author].length > MAX_AUTHOR_CHARS) {
    return text(
      `--author 最长 ${MAX_AUTHOR_CHARS} 个字符。`,
      `--author is at most ${MAX_AUTHOR_CHARS} characters.`,
    );
  }
  if (filing !== undefined && !/^[1-9]\d{0,14}$/.test(filing)) {
    return text('--filing 须为备案号（正整数）。', '--filing must be a filing number (a whole number ≥ 1).');
  }
  return undefined;
}

/** One remark as a line of text: township, grid, author, time, body. */
export function remarkLine(remark: FilingComment, lang: Language): string {
  const about = remark.grid !== undefined ? text(`网格 ${remark.grid}`, `grid ${remark.grid}`)[lang] : '';
  const who = remark.author !== '' ? remark.author : text('（未署名）', '(unsigned)')[lang];
  return `  ${[remark.township, about, who, remark.createdAt].filter((part) => part !== '').join(' · ')}: ${remark.body}`;
}

async function commentCommand(
  options: ParsedOptions,
  checked: CheckedArguments,
  db: CityDatabase,
  lang: Language,
): Promise<CommandResult> {
  const township = optionValue(options, '--township')!;
  const grid = optionValue(options, '--grid');
  const filing = optionValue(options, '--filing');
  const outcome = await commentOnFiling(db, {
    township,
    ...(grid !== undefined ? { grid } : {}),
    ...(filing !== undefined ? { filing: Number(filing) } : {}),
    author: optionValue(options, '--author') ?? '',
    body: optionValue(options, '--note')!,
  });
  const exitCode: ExitCode = outcome.kind === 'added' ? 0 : 1;
  if (checked.format === 'json') {
    const json = { status: outcome.kind === 'added' ? 'added' : 'refused', ...outcome };
    return answer(`${JSON.stringify(json, null, 2)}\n`, '', exitCode);
  }
  switch (outcome.kind) {
    case 'added':
      return answer(
        `${text(`已记下对乡镇 ${township} 备案号 ${outcome.comment.filing} 的意见：`, `Remark recorded on township ${township}'s filing ${outcome.comment.filing}:`)[lang]}\n${remarkLine(outcome.comment, lang)}\n`,
        '',
        0,
      );
    case 'not-filed':
      return answer(
        '',
        `${text(`乡镇 ${township} 尚未备案，无处记下意见。`, `Township ${township} has not filed: there is nothing to remark on.`)[lang]}\n`,
        1,
      );
    case 'no-such-filing':
      return answer(
        '',
        `${text(`备案号 ${outcome.filing} 不是乡镇 ${township} 的备案。`, `Filing ${outcome.filing} is not a filing of township ${township}.`)[lang]}\n`,
        1,
      );
    case 'no-such-grid':
      return answer(
        '',
        `${text(`乡镇 ${township} 的备案号 ${outcome.filing} 中没有网格 ${outcome.grid}。`, `Township ${township}'s filing ${outcome.filing} has no grid ${outcome.grid}.`)[lang]}\n`,
        1,
      );
  }
}
