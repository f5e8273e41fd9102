import type { Language, LocalText } from '../model';
import { BUILTIN_RULE_SETS, errorDetail, text } from '../model';
import { validateDivision } from '../validate/validate-division';
import { divisionStats } from './division-stats';
import { formatHtmlReport } from './format-html-report';
import { overviewMapSvg } from '../report/overview-map-svg';
import { formatStats } from './format-stats';
import { formatTextReport } from './format-text-report';
import { parseCliArgs } from './parse-cli-args';
import { jsonTerminalSafe, terminalSafe } from './terminal-text';
import type { CliHost } from './cli-host';
import { COMMAND_MODULES, commandModule } from './command-registry';
import type { CommandResult } from './command-result';
import type { TransferHost } from './run-transfer';
import { runExport, runImport } from './run-transfer';
import { readDivisionFile } from './read-division-file';
import { resolveRuleSet } from './resolve-rule-set';
import { nothingToCheck } from './nothing-to-check';
import { builtinCommandHelp } from './builtin-command-help';
import { cannotWriteOut, writeOrPrint } from './command-output';
import { readInEncodingNote } from './encoding-note';

export type { CliHost } from './cli-host';

/** What the command produced; the host writes it out and exits with `exitCode`. */
export type CliResult = CommandResult;

const HELP: LocalText = text(
  `gridplan：网格划分校验与统计

用法：
  gridplan validate 文件.geojson [--rules 规则集] [--min-area 平方米] [--format text|json|html]
                   [--out 路径] [--lang zh|en]
  gridplan stats 文件.geojson [--format text|json] [--out 路径] [--lang zh|en]
  gridplan export 文件.geojson --to geojson|shapefile|xlsx|csv --out 路径
                 [--layer grids|communities|township|microgrids|census] [--crs source|4490|4326|EPSG:45xx]
                 [--encoding utf-8|gbk] [--with-census] [--with-personal-fields]
  gridplan import 路径 --as grids|communities|township|microgrids|census --out 划分.geojson
                 [--into 已有划分.geojson] [--encoding utf-8|gbk|utf-16] [--zone EPSG] [--field 属性=字段名 ...]
                 [--from wgs84|gcj02|bd09] [--skip-bad-rows] [--shapefile-layer 图层名]

  --rules      内置规则集 ${[...BUILTIN_RULE_SETS.keys()].join('、')}，或自定义规则集 JSON 文件的路径；
               默认使用文件中 ruleSet 指定的规则集（没有则为 zigong）
  --min-area   小于此面积（平方米）的重叠、空白不报告，默认 1
  --format     text（默认，供审核人阅读）、json（交换格式）或 html（可打印的报告）
  --out        把报告写入文件而不输出到屏幕（失败时原文件不变）
  --lang       zh（默认）或 en
  gridplan 命令 --help 查看某一命令的说明；gridplan --version 显示版本。

  export：--to shapefile 每次导出一个图层（--layer，默认网格）为 .zip，含 .prj（--crs，默认 CGCS2000；source 为
          源数据的高斯-克吕格投影带）和 .cpg（--encoding，默认 UTF-8）；xlsx/csv 导出网格表（编码、名称、类型、社区、
          户数、人口、面积、网格员）。户数、人口按人口点统计，面积按椭球计算。GeoJSON 的网格带导出时统计的
          computedHouseholds 等；人口点只在加 --with-census 时导出，居民个人信息只在再加 --with-personal-fields 时导出。
  import：路径可为 .zip、.shp（同名 .dbf/.shx/.prj/.cpg 一并读取）、.csv、.xlsx 或 .geojson。
          --field 指定字段，如 --field code=WGBM --field name=WGMC，属性有 code、name、type、parentCode、
          households、population、address、longitude、latitude，网格还有 category、leader、leaderPhone、
          status、note；未指定的按字段名自动匹配。
          --zone 为无 .prj 的投影坐标或人口表中以米计的 X/Y 列指定 CGCS2000 投影带（EPSG 4513–4554 等）；--from 把 GCJ-02/BD-09 转为 WGS84。
          人口表有错误行时不导入并列出行号；--skip-bad-rows 只导入正确的行。--into 保留已有划分的其他图层。

退出码：0 没有错误；1 发现错误；2 文件无法读取或参数有误（原因写在标准错误输出）。
`,
  `gridplan: validate and summarise a grid division

Usage:
  gridplan validate FILE.geojson [--rules RULES] [--min-area M2] [--format text|json|html]
                   [--out PATH] [--lang zh|en]
  gridplan stats FILE.geojson [--format text|json] [--out PATH] [--lang zh|en]
  gridplan export FILE.geojson --to geojson|shapefile|xlsx|csv --out PATH
                 [--layer grids|communities|township|microgrids|census] [--crs source|4490|4326|EPSG:45xx]
                 [--encoding utf-8|gbk] [--with-census] [--with-personal-fields]
  gridplan import PATH --as grids|communities|township|microgrids|census --out FILE.geojson
                 [--into EXISTING.geojson] [--encoding utf-8|gbk|utf-16] [--zone EPSG] [--field ATTRIBUTE=FIELD ...]
                 [--from wgs84|gcj02|bd09] [--skip-bad-rows] [--shapefile-layer NAME]

  --rules      a built-in rule set (${[...BUILTIN_RULE_SETS.keys()].join(', ')}) or the path of a custom
               rule-set JSON file; default: the file's ruleSet member (zigong when absent)
  --min-area   overlaps and gaps smaller than this (m²) are not reported; default 1
  --format     text (default, for a reviewer), json (interchange report) or html (printable report)
  --out        write the report to a file instead of the screen (a failure leaves it as it was)
  --lang       zh (default) or en
  gridplan COMMAND --help explains one command; gridplan --version prints the version.

  export: --to shapefile writes one layer (--layer, default grids) as a .zip with a .prj (--crs, default
          CGCS2000; source: the source data's Gauss-Kruger zone) and a .cpg (--encoding, default UTF-8); xlsx/csv
          write the grid table (code, name, type, community, households, population, area, staff). Households
          and population are counted from census points, areas are ellipsoidal. GeoJSON grids carry
          computedHouseholds etc. as counted at export; census points only with --with-census, residents'
          personal fields only with --with-personal-fields too.
  import: PATH is a .zip, a .shp (its .dbf/.shx/.prj/.cpg are read too), .csv, .xlsx or .geojson.
          --field picks fields, e.g. --field code=WGBM --field name=WGMC, for code, name, type, parentCode,
          households, population, address, longitude, latitude, and for grids category, leader, leaderPhone,
          status, note; the rest is matched by field name.
          --zone names the CGCS2000 zone of projected data without a .prj or of a census table's X/Y in metres
          (EPSG 4513–4554 ...); --from converts GCJ-02/BD-09 to WGS84. A census table with bad rows is
          refused with their line numbers;
          --skip-bad-rows imports the good rows. --into keeps the other layers of an existing division.

Exit status: 0 no errors; 1 errors found; 2 the file could not be read or the arguments are wrong
(the reason is on standard error).
`,
);

/** The language asked for with `--lang en|zh` anywhere on the line; Chinese by default. */
function languageOf(args: readonly string[]): Language {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--lang' && (args[i + 1] === 'en' || args[i + 1] === 'zh')) return args[i + 1] as Language;
    if (arg === '--lang=en' || arg === '--lang=zh') return arg.slice(7) as Language;
  }
  return 'zh';
}

/** The general help: the built-in commands' usage, then one line per command module. */
function generalHelp(lang: Language): string {
  if (COMMAND_MODULES.length === 0) return HELP[lang];
  const heading = text(
    '其他命令（gridplan 命令 --help 查看详情）：',
    'More commands (gridplan COMMAND --help):',
  );
  const lines = COMMAND_MODULES.map((module) => `  ${module.name.padEnd(10)} ${module.summary[lang]}`);
  return `${HELP[lang]}\n${heading[lang]}\n${lines.join('\n')}\n`;
}

/**
 * The `gridplan` command: arguments in, output and exit status out. Pure (the host reads the files),
 * so tests run it without a process and the app could run it too. An exception is a bug: exit 3 with one
 * line saying so (the stack only with `--debug`), never exit 1, which means "errors found".
 */
export async function runCli(args: readonly string[], host: CliHost): Promise<CliResult> {
  const lang = languageOf(args);
  host.beginCommand?.();
  try {
    return safeForTerminal(await dispatch(args, host, lang));
  } catch (error) {
    const detail = errorDetail(error);
    const stack = args.includes('--debug') && error instanceof Error && error.stack ? `${error.stack}\n` : '';
    const line = text(
      `内部错误（程序缺陷，请报告）：${detail}`,
      `Internal error (a bug in gridplan, please report it): ${detail}`,
    );
    return safeForTerminal({
      stdout: '',
      stderr: `${line[lang].replace(/[\r\n]+/g, ' ')}\n${stack}`,
      exitCode: 3,
    });
  }
}

/**
 * What a command prints may hold names from a hostile file: escapes and bidi controls are made visible
 * (JSON keeps its meaning through JSON escapes; an HTML report is a document, not terminal text).
 */
function safeForTerminal(result: CliResult): CliResult {
  const out = result.stdout;
  const stdout = /^\s*[[{]/.test(out)
    ? jsonTerminalSafe(out)
    : /^\s*<!doctype html/i.test(out)
      ? out
      : terminalSafe(out);
  return { ...result, stdout, stderr: terminalSafe(result.stderr) };
}

async function dispatch(args: readonly string[], host: CliHost, lang: Language): Promise<CliResult> {
  const module = commandModule(args[0]);
  if (module) {
    const rest = args.slice(1);
    if (rest.includes('--help') || rest.includes('-h')) {
      return { stdout: module.help[lang], stderr: '', exitCode: 0 };
    }
    return module.run(rest, host, lang);
  }
  return Promise.resolve(runBuiltin(args, host));
}

function runBuiltin(args: readonly string[], host: CliHost): CliResult {
  const command = parseCliArgs(args);
  const lang = command.lang;
  switch (command.command) {
    case 'usage-error':
      return { stdout: '', stderr: `${command.message[lang]}\n`, exitCode: 2 };
    case 'help':
      return {
        stdout: command.topic ? builtinCommandHelp(command.topic)[lang] : generalHelp(lang),
        stderr: '',
        exitCode: 0,
      };
    case 'version':
      return { stdout: `${host.version ?? 'unknown'}\n`, stderr: '', exitCode: 0 };
    case 'import':
    case 'export': {
      const { readBytes, writeBytes, fileSize } = host;
      if (!readBytes || !writeBytes || !fileSize) {
        return {
          stdout: '',
          stderr: `${text('此环境不能读写文件，无法导入导出。', 'This host cannot read and write files: import and export are unavailable.')[lang]}\n`,
          exitCode: 2,
        };
      }
      const transferHost: TransferHost = {
        readText: (p) => host.readText(p),
        readBytes,
        writeBytes,
        fileSize,
        readPieces: host.readPieces,
        ...(host.deflateRaw ? { deflateRaw: host.deflateRaw } : {}),
        ...(host.inflateRaw ? { inflateRaw: host.inflateRaw } : {}),
        ...(host.writePieces ? { writePieces: host.writePieces } : {}),
      };
      return command.command === 'import'
        ? runImport(command, transferHost)
        : runExport(command, transferHost);
    }
    case 'stats':
    case 'validate':
      break;
  }

  if (command.out !== undefined && !host.writeBytes) return cannotWriteOut(lang);
  const read = readDivisionFile(host, command.file, lang, { encoding: command.encoding });
  if ('failure' in read) return read.failure;
  const division = read.division;
  // Never a file read in GBK or UTF-16 without a word (the report itself stays as the contract says).
  const note = read.readAs
    ? `${readInEncodingNote(command.file, read.readAs.encoding, read.readAs.source)[lang]}\n`
    : '';

  if (command.command === 'stats') {
    const stats = divisionStats(division);
    const stdout =
      command.format === 'json'
        ? `${JSON.stringify(stats, null, 2)}\n`
        : formatStats(stats, command.file, lang);
    return noted(
      note,
      writeOrPrint(stdout, command.out, 0, text('统计已写入', 'Summary written to'), host, lang),
    );
  }

  const empty = nothingToCheck(division, command.file, lang);
  if (empty) return noted(note, empty);
  const resolved = resolveRuleSet(command.rules, division.meta.ruleSetId, host, lang);
  if ('failure' in resolved) return resolved.failure;
  const { ruleSet } = resolved;
  const report = validateDivision(division, ruleSet, { minAreaM2: command.minAreaM2, lang });
  const stdout =
    command.format === 'json'
      ? `${JSON.stringify(report, null, 2)}\n`
      : command.format === 'html'
        ? formatHtmlReport(report, ruleSet, command.file, lang, overviewMapSvg(division, report, { lang }))
        : formatTextReport(report, ruleSet, command.file, lang);
  const { errors, warnings } = report.summary;
  const written = text(
    `校验报告（${errors} 个错误、${warnings} 个警告）已写入`,
    `Report (${errors} errors, ${warnings} warnings) written to`,
  );
  return noted(note, writeOrPrint(stdout, command.out, errors > 0 ? 1 : 0, written, host, lang));
}

function noted(note: string, result: CliResult): CliResult {
  return note ? { ...result, stderr: note + result.stderr } : result;
}
