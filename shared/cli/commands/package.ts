import type { Division, Language, LocalText, RuleSet } from '../../model';
import { BUILTIN_RULE_SETS, englishCount, text } from '../../model';
import { filedVersionOf } from '../../formats/embedded-city-filing';
import { divisionTownship } from '../../formats/filing-package';
import { fileRuleSet } from '../resolve-rule-set';
import { buildFilingPackage } from '../build-filing-package';
import type { FilingPdfMakers } from '../build-filing-package';
import type { CliHost } from '../cli-host';
import type { CommandModule } from '../command-module';
import { usageResult, writeOutFile } from '../command-output';
import type { CommandResult } from '../command-result';
import { oneFileAndOut, optionValue, parseOptions } from '../parse-options';
import { readDivisionFile, unreadableResult } from '../read-division-file';
import { nothingToCheck } from '../nothing-to-check';

const HELP: LocalText = text(
  `gridplan package：制作报审包（备案包）

用法：
  gridplan package 划分文件 --out 报审包.zip [--base 上一版] [--version 版本号] [--note 说明] [--lang zh|en]

  报审包含 manifest.json（乡镇、版本号、制作时间、规则集、数量、各文件的 SHA-256）、division.geojson、
  report.json、report.html（校验报告）、report.pdf（审核报告）、notices.pdf（公示），
  给出 --base（上一版划分文件或报审包）时另含 diff.json、diff.html（与上一版的对比）和 base.geojson。
  居民个人信息不写入。
  --version    版本号（正整数）；默认为上一版报审包的版本号加 1，没有上一版时为 1
  --note       提交说明，写入 manifest.json

  其他命令（validate、stats、export、diff 等）都可直接读取报审包；文件与清单不符的报审包被拒绝。
退出码：0 已写出；1 已写出但校验发现错误，或上一版属于其他乡镇、版本号不大于上一版（未写出）；2 文件无法读取、
报审包与清单不符或参数有误。
`,
  `gridplan package: make a filing package (报审包/备案包)

Usage:
  gridplan package FILE --out PACKAGE.zip [--base PREVIOUS] [--version N] [--note TEXT] [--lang zh|en]

  The package holds manifest.json (township, version, time, rule set, counts, each file's SHA-256),
  division.geojson, report.json and report.html (validation report), report.pdf (reviewer's report),
  notices.pdf (public notices), and with --base (the previous division file or package) diff.json,
  diff.html (the comparison with it) and base.geojson. Residents' personal data is not written.
  --version    version number (a whole number ≥ 1); default the base package's version + 1, else 1
  --note       the submitter's note, written to manifest.json

  Every other command (validate, stats, export, diff …) reads a package directly; a package whose files
  do not match its manifest is refused.
Exit status: 0 written; 1 written but the check found errors, or (nothing written) the base is another
township's or the version is not above the base's; 2 a file could not be read, a package does not match
its manifest, or the arguments are wrong.
`,
);

const OPTIONS = { '--out': 'value', '--base': 'value', '--version': 'value', '--note': 'value' } as const;

const usage = (message: LocalText, lang: Language): CommandResult => usageResult('package', message, lang);

/**
 * `gridplan package FILE --out ZIP` (../shared/spec/interchange.md). `pdfsFor` gives the PDF makers for a
 * host (shared/report with the host's fonts: `filingPdfMakers`), passed in so the package can be tested
 * apart from the drawing.
 */
export function packageCommand(
  pdfsFor: (
    host: CliHost,
    lang: Language,
  ) => { readonly pdfs: FilingPdfMakers } | { readonly failure: CommandResult },
  clock: () => Date = () => new Date(),
): CommandModule {
  return {
    name: 'package',
    summary: text('制作报审包（备案包）', 'make a filing package (报审包)'),
    help: HELP,
    run: (args, host, lang) => runPackage(args, host, lang, pdfsFor, clock),
  };
}

async function runPackage(
  args: readonly string[],
  host: CliHost,
  lang: Language,
  pdfsFor: (
    host: CliHost,
    lang: Language,
  ) => { readonly pdfs: FilingPdfMakers } | { readonly failure: CommandResult },
  clock: () => Date,
): Promise<CommandResult> {
  const parsed = parseOptions(args, OPTIONS);
  if (!parsed.ok) return usage(parsed.problems[0]!.message, lang);
  const options = parsed.value;
  const paths = oneFileAndOut(options);
  if (!paths.ok) return usage(paths.problems[0]!.message, lang);
  const { file, out } = paths.value;
  const versionText = optionValue(options, '--version');
  // Digits only: Number() also reads 0x10, 1e3 and 9007199254740993 (rounded), none of them a version.
  const givenVersion =
    versionText === undefined ? undefined : /^\d{1,15}$/.test(versionText) ? Number(versionText) : NaN;
  if (givenVersion !== undefined && !(Number.isSafeInteger(givenVersion) && givenVersion >= 1)) {
    return usage(
      text(
        `--version 须为正整数，收到 ${versionText}。`,
        `--version must be a whole number ≥ 1, not ${versionText}.`,
      ),
      lang,
    );
  }
  const { writeBytes, readBytes } = host;
  if (!writeBytes || !readBytes) {
    return {
      stdout: '',
      stderr: `${text('此环境不能读写文件，无法制作报审包。', 'This host cannot read and write files: package is unavailable.')[lang]}\n`,
      exitCode: 2,
    };
  }

  const read = readDivisionFile(host, file, lang);
  if ('failure' in read) return read.failure;
  const division = read.division;
  // A package of nothing would be refused by every command that reads it.
  const empty = nothingToCheck(division, file, lang);
  if (empty) return empty;
  const makers = pdfsFor(host, lang);
  if ('failure' in makers) return makers.failure;

  let base: { division: typeof division; sha256?: string; name: string } | undefined;
  let baseVersion: number | undefined;
  const basePath = optionValue(options, '--base');
  if (basePath !== undefined) {
    const baseRead = readDivisionFile(host, basePath, lang);
    if ('failure' in baseRead) return baseRead.failure;
    // A package names its division's SHA-256; a plain file's is that of base.geojson as the package
    // stores it, which is what the package of that division said (not the bytes of the file as given).
    // A file pulled from the city office (and not edited since) names the filed version it is.
    const filed = baseRead.filingPackage?.manifest ?? filedVersionOf(baseRead.division);
    baseVersion = filed?.version;
    base = {
      division: baseRead.division,
      name: basePath,
      ...(filed ? { sha256: filed.divisionSha256 } : {}),
    };
  }
  const version = givenVersion ?? (baseVersion !== undefined ? baseVersion + 1 : 1);
  if (base) {
    const refusal = baseRefusal(division, base.division, file, base.name, version, baseVersion);
    if (refusal) return { stdout: '', stderr: `${refusal[lang]}\n`, exitCode: 1 };
  }
  // The package's report and manifest follow the file's rule set: one not built in cannot be applied.
  const ruleSet: RuleSet | undefined = fileRuleSet(division.meta.ruleSetId);
  if (!ruleSet) {
    const builtins = [...BUILTIN_RULE_SETS.keys()];
    const message = text(
      `${file} 指定的规则集 ${division.meta.ruleSetId} 不是内置规则集，无法按它生成报审包：请把文件的 ruleSet 改为 ${builtins.join('、')} 之一。`,
      `${file} names the rule set ${division.meta.ruleSetId}, which is not built in, so no filing package can be checked by it: set the file's ruleSet to one of ${builtins.join(', ')}.`,
    );
    return { stdout: '', stderr: `${message[lang]}\n`, exitCode: 2 };
  }
  const note = optionValue(options, '--note');

  const made = await buildFilingPackage(division, {
    version,
    createdAt: clock().toISOString(),
    ruleSet,
    lang,
    pdfs: makers.pdfs,
    ...(host.deflateRaw ? { deflateRaw: host.deflateRaw } : {}),
    ...(base ? { base } : {}),
    ...(note !== undefined ? { note } : {}),
  });
  if (!made.ok) {
    return unreadableResult(
      text(`无法制作报审包 ${out}：`, `Cannot make the package ${out}:`),
      made.problems,
      lang,
    );
  }
  const failed = writeOutFile(writeBytes, out, made.value.bytes, lang);
  if (failed) return failed;
  const { manifest, summary } = made.value;
  const files = Object.keys(manifest.files).length + 1;
  const line = text(
    `已写出报审包 ${out}：第 ${manifest.version} 版，${manifest.counts.grids} 个网格，${files} 个文件，division.geojson 的 SHA-256 ${manifest.divisionSha256}`,
    `Filing package written to ${out}: version ${manifest.version}, ${englishCount(manifest.counts.grids, 'grid')}, ${englishCount(files, 'file')}, division.geojson SHA-256 ${manifest.divisionSha256}`,
  );
  // Written either way (a reviewer may return it with comments), but a division with errors is a
  // finding, as for validate and report: said, and exit 1.
  const found =
    summary.errors > 0
      ? text(
          `校验发现 ${summary.errors} 个错误、${summary.warnings} 个警告（见包内 report.html）：审核人不会通过有未处理错误的划分。`,
          `The check found ${englishCount(summary.errors, 'error')} and ${englishCount(summary.warnings, 'warning')} (see report.html in the package): a reviewer does not approve a division with errors not dealt with.`,
        )
      : undefined;
  return {
    stdout: `${line[lang]}\n${found ? `${found[lang]}\n` : ''}`,
    stderr: '',
    exitCode: found ? 1 : 0,
  };
}

/**
 * Why a division cannot be packaged against this base, or undefined: the base is another township's
 * (the diff would list every grid added and removed, and the office would take the wrong filing for
 * the base), or the package's version is not after the base's.
 */
function baseRefusal(
  division: Division,
  baseDivision: Division,
  file: string,
  baseName: string,
  version: number,
  baseVersion: number | undefined,
): LocalText | undefined {
  const township = divisionTownship(division);
  const baseTownship = divisionTownship(baseDivision);
  if (township.code !== '' && baseTownship.code !== '' && township.code !== baseTownship.code) {
    return text(
      `上一版 ${baseName} 是乡镇 ${baseTownship.code}（${baseTownship.name}），而 ${file} 是乡镇 ${township.code}（${township.name}）：报审包只能基于同一乡镇的上一版。`,
      `The base ${baseName} is township ${baseTownship.code} (${baseTownship.name}), but ${file} is township ${township.code} (${township.name}): a package can only be based on the same township's previous version.`,
    );
  }
  if (baseVersion !== undefined && version <= baseVersion) {
    return text(
      `第 ${version} 版不能基于第 ${baseVersion} 版（${baseName}）：版本号须大于上一版的。不写 --version 时为 ${baseVersion + 1}。`,
      `Version ${version} cannot be based on version ${baseVersion} (${baseName}): the version must be above the base's. Without --version it is ${baseVersion + 1}.`,
    );
  }
  return undefined;
}
