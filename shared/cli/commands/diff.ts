import type { Language, LocalText } from '../../model';
import { text } from '../../model';
import { diffDivisions } from '../../diff/diff-divisions';
import { formatDiffHtml } from '../../diff/format-diff-html';
import { formatDiffText } from '../../diff/format-diff-text';
import type { CliHost } from '../cli-host';
import type { CommandModule } from '../command-module';
import { cannotWriteOut, usageResult, writeOrPrint } from '../command-output';
import type { CommandResult } from '../command-result';
import { optionValue, parseOptions } from '../parse-options';
import { readDivisionFile } from '../read-division-file';
import { divisionTownship } from '../../formats/filing-package';

const HELP: LocalText = text(
  `gridplan diff：对比两个划分（两个版本或两个文件）

用法：
  gridplan diff 原划分 新划分 [--format text|json|html] [--out 路径] [--min-area 平方米] [--lang zh|en]

  原划分、新划分可为 GeoJSON 划分文件或报审包（.zip，文件须与清单相符）。
  网格先按编码对应，再按编码沿革（拆分、合并记录），最后按面积重叠对应：一个原网格成为几个新网格为拆分，
  几个原网格成为一个新网格为合并。每个事件只列一次；未变化的网格不列出。微网格同样对比。
  --format     text（默认）、json（交换格式）或 html（表格和地图，可打印）
  --out        写入文件（先写临时文件再改名），不输出到屏幕
  --min-area   小于此面积（平方米）的边界变化不算变化，默认 1

退出码：0 对比完成（有差别也是 0）；2 文件无法读取、报审包与清单不符或参数有误。
`,
  `gridplan diff: compare two divisions (two versions or two files)

Usage:
  gridplan diff OLD NEW [--format text|json|html] [--out PATH] [--min-area M2] [--lang zh|en]

  OLD and NEW are GeoJSON division files or filing packages (.zip, checked against their manifest).
  Grids are paired by code, then by lineage (split and merge records), then by area overlap: one old grid
  becoming several new ones is a split, several becoming one a merge. Each event is listed once; unchanged
  grids are not listed. Micro-grids are compared the same way.
  --format     text (default), json (interchange format) or html (table and map, printable)
  --out        write to this file (a temporary file renamed) instead of standard output
  --min-area   boundary changes smaller than this (m²) are not changes; default 1

Exit status: 0 compared (differences are not findings); 2 a file could not be read, a package does not
match its manifest, or the arguments are wrong.
`,
);

const OPTIONS = { '--format': 'value', '--out': 'value', '--min-area': 'value' } as const;

const usage = (message: LocalText, lang: Language): CommandResult => usageResult('diff', message, lang);

/** `gridplan diff OLD NEW` (../shared/spec/interchange.md). */
export const diffCommand: CommandModule = {
  name: 'diff',
  summary: text(
    '对比两个划分：新增、删除、拆分、合并、边界和属性变化',
    'compare two divisions: added, removed, split, merged, geometry and attributes',
  ),
  help: HELP,
  run(args, host, lang) {
    return Promise.resolve(runDiff(args, host, lang));
  },
};

function runDiff(args: readonly string[], host: CliHost, lang: Language): CommandResult {
  const parsed = parseOptions(args, OPTIONS);
  if (!parsed.ok) return usage(parsed.problems[0]!.message, lang);
  const options = parsed.value;
  if (options.positional.length !== 2) {
    return usage(
      text(
        `需要两个划分文件（原划分和新划分），收到 ${options.positional.length} 个。`,
        `Give two division files (old and new), not ${options.positional.length}.`,
      ),
      lang,
    );
  }
  const [oldFile, newFile] = options.positional as [string, string];
  const format = optionValue(options, '--format') ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'html') {
    return usage(
      text(
        `--format 只能是 text、json 或 html，收到 ${format}。`,
        `--format is text, json or html, not ${format}.`,
      ),
      lang,
    );
  }
  const minAreaText = optionValue(options, '--min-area');
  const minAreaM2 = minAreaText === undefined ? 1 : Number(minAreaText);
  if (!(Number.isFinite(minAreaM2) && minAreaM2 >= 0)) {
    return usage(
      text(
        `--min-area 须为不小于 0 的数，收到 ${minAreaText}。`,
        `--min-area must be a number ≥ 0, not ${minAreaText}.`,
      ),
      lang,
    );
  }
  const out = optionValue(options, '--out');
  if (out !== undefined && !host.writeBytes) return cannotWriteOut(lang);

  const before = readDivisionFile(host, oldFile, lang);
  if ('failure' in before) return before.failure;
  const after = readDivisionFile(host, newFile, lang);
  if ('failure' in after) return after.failure;

  const diff = diffDivisions(before.division, after.division, { minAreaM2 });
  const output =
    format === 'json'
      ? `${JSON.stringify(diff, null, 2)}\n`
      : format === 'html'
        ? formatDiffHtml(diff, before.division, after.division, { before: oldFile, after: newFile }, lang)
        : formatDiffText(diff, oldFile, newFile, lang);
  const written = writeOrPrint(output, out, 0, text('对比结果已写入', 'Comparison written to'), host, lang);
  const was = divisionTownship(before.division);
  const is = divisionTownship(after.division);
  if (written.exitCode !== 0 || was.code === '' || is.code === '' || was.code === is.code) return written;
  // Not a finding (exit 0 still), but every grid reads as added and removed: say why.
  const note = text(
    `注意：${oldFile} 是乡镇 ${was.code}（${was.name}），${newFile} 是乡镇 ${is.code}（${is.name}），不是同一乡镇的两个版本。`,
    `Note: ${oldFile} is township ${was.code} (${was.name}) and ${newFile} is township ${is.code} (${is.name}): not two versions of one township.`,
  );
  return { ...written, stderr: `${note[lang]}\n${written.stderr}` };
}
