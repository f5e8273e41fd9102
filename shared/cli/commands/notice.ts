import { englishCount, text } from '../../model';
import type { CommandModule } from '../command-module';
import type { CommandResult } from '../command-result';
import { usageResult } from '../command-output';
import { oneFileAndOut, optionValue, parseOptions } from '../parse-options';
import { readDivisionFile } from '../read-division-file';
import { nothingToCheck } from '../nothing-to-check';
import { dateOption, loadReportFonts, readReferenceFiles } from '../report-assets';

function usage(message: string): CommandResult {
  return { stdout: '', stderr: `${message}\n`, exitCode: 2 };
}

/**
 * `gridplan notice FILE --out PDF [--community CODE]...`: the public notice (公示) as a PDF, one A4 page
 * per grid after an A3 overview of the township, with the Chinese font embedded.
 */
export const noticeCommand: CommandModule = {
  name: 'notice',
  summary: text(
    '生成网格公示 PDF（每个网格一页 A4，附 A3 总览图）',
    'Public notice PDF (an A4 page per grid, A3 overview)',
  ),
  help: text(
    `用法：gridplan notice 划分.geojson --out 公示.pdf [--community 社区编码]... [--reference 道路.geojson]...
                     [--date YYYY-MM-DD] [--no-overview] [--lang zh|en]

生成网格公示（公示）PDF：先是乡镇（街道）A3 横向总览图（各网格着色并标注、图例、比例尺、指北针），
然后每个网格一页 A4：网格矢量图（含相邻网格、道路和标注）、编码、四至、面积、户数、人口、
网格工作人员及电话、微网格、乡镇监督电话和公示日期。内嵌中文字体（思源黑体 Noto Sans SC 子集）。
居民个人信息从不出现在公示中。

  --community  只公示这些社区（村）的网格，可重复；默认整个乡镇
  --reference  参考图层 GeoJSON（道路线要素带 name 属性），用于地图和四至，可重复
  --date       公示日期，默认今天
  --no-overview 不要总览图

退出码：0 已生成；1 指定的社区不存在；2 文件无法读取或参数有误；3 内部错误。
`,
    `Usage: gridplan notice FILE.geojson --out NOTICE.pdf [--community CODE]... [--reference ROADS.geojson]...
                     [--date YYYY-MM-DD] [--no-overview] [--lang zh|en]

Writes the public notice (公示) as a PDF: an A3 landscape overview of the township (grids coloured and
labelled, legend, scale bar, north arrow), then one A4 page per grid: its vector map with neighbours,
streets and labels, code, four boundaries (四至), area, households, population, staff with phones,
micro-grids, the township's supervision phone and the date. The Chinese font (Noto Sans SC) is embedded
as a subset. Residents' personal data never appears.

  --community  only the grids of these communities (repeatable); default the whole township
  --reference  a reference layer in GeoJSON (street lines with a name) for the maps and the four
               boundaries (repeatable)
  --date       date of the notice; default today
  --no-overview leave out the overview page

Exit status: 0 written; 1 a named community does not exist; 2 unreadable input or wrong arguments;
3 internal error.
`,
  ),
  async run(args, host, lang) {
    const parsed = parseOptions(args, {
      '--out': 'value',
      '--community': 'values',
      '--reference': 'values',
      '--date': 'value',
      '--no-overview': 'flag',
    });
    if (!parsed.ok) return usageResult('notice', parsed.problems[0]!.message, lang);
    const options = parsed.value;
    const paths = oneFileAndOut(options);
    if (!paths.ok) return usage(paths.problems[0]!.message[lang]);
    const { file, out } = paths.value;
    const dated = dateOption(optionValue(options, '--date'));
    if (!dated.ok) return usage(dated.problems[0]!.message[lang]);
    const date = dated.value;
    if (!host.writeBytes) {
      return usage(text('此环境不能写文件。', 'This host cannot write files.')[lang]);
    }
    const read = readDivisionFile(host, file, lang);
    if ('failure' in read) return read.failure;
    const division = read.division;
    const communities = options.values.get('--community') ?? [];
    const known = new Set([...division.community.values()].map((community) => community.code));
    const unknown = communities.filter((code) => !known.has(code));
    if (unknown.length > 0) {
      return {
        stdout: '',
        stderr: `${text(`划分中没有这些社区（村）：${unknown.join('、')}`, `No such community in the division: ${unknown.join(', ')}`)[lang]}\n`,
        exitCode: 1,
      };
    }
    const empty = nothingToCheck(division, file, lang);
    if (empty) return empty;
    const chosen = new Set(communities);
    const gridsShown = [...division.grid.values()].filter(
      (grid) => chosen.size === 0 || chosen.has(grid.parentCode),
    ).length;
    if (gridsShown === 0) {
      const message =
        chosen.size === 0
          ? text(
              `${file} 中没有网格，没有可公示的内容。`,
              `${file} has no grids: there is nothing to publish.`,
            )
          : text(
              `社区（村）${communities.join('、')} 没有网格，没有可公示的内容。`,
              `${communities.join(', ')} ${chosen.size > 1 ? 'have' : 'has'} no grids: there is nothing to publish.`,
            );
      return { stdout: '', stderr: `${message[lang]}\n`, exitCode: 1 };
    }
    const references = readReferenceFiles(host, options.values.get('--reference') ?? [], lang);
    if ('failure' in references) return references.failure;
    const fonts = loadReportFonts(host, lang);
    if ('failure' in fonts) return fonts.failure;
    // Loaded when a PDF is made: pdf-lib and fontkit take a large part of a second to start, which every
    // other command (import, export, validate) would otherwise pay (bench/import-export-bench.ts).
    const { noticePdf } = await import('../../report/notice-pdf');
    const bytes = await noticePdf(division, {
      fonts: fonts.fonts,
      communities,
      referenceLayers: references.layers,
      date,
      lang,
      overview: !options.flags.has('--no-overview'),
    });
    const written = host.writeBytes(out, bytes);
    if (!written.ok) {
      return {
        stdout: '',
        stderr: `${text(`无法写入 ${out}：`, `Cannot write ${out}:`)[lang]}\n${written.problems.map((p) => p.message[lang]).join('\n')}\n`,
        exitCode: 2,
      };
    }
    const grids = [...division.grid.values()].filter(
      (grid) => communities.length === 0 || communities.includes(grid.parentCode),
    ).length;
    // The regulations want the supervision phone on every notice: written without it, but said.
    const phone = [...division.township.values()][0]?.supervisionPhone?.trim();
    const noPhone = phone
      ? ''
      : `${text('注意：乡镇没有监督电话，公示上印为“（乡镇尚未设置）”：请在乡镇属性中填写后重新生成。', 'Note: the township has no supervision phone, so the notice says "(not set by the township)": enter it in the township\'s attributes and make the notice again.')[lang]}\n`;
    return {
      stdout: `${text(`已生成 ${out}：${grids} 个网格。`, `Wrote ${out}: ${englishCount(grids, 'grid')}.`)[lang]}\n`,
      stderr: noPhone,
      exitCode: 0,
    };
  },
};
