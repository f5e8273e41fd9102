import type { Language } from '../model';
import { appendAll, text } from '../model';
import type { DivisionStats } from './division-stats';
import { formatNumber } from './format-text-report';
import { GRID_TYPE_LABELS, REPORT_WORDS } from './report-words';
import { textTable } from './text-table';

const STATS_WORDS = {
  title: text('网格划分统计', 'Grid division statistics'),
  townships: text('乡镇/街道', 'Townships'),
  communities: text('社区/行政村', 'Communities'),
  grids: text('网格', 'Grids'),
  microgrids: text('微网格', 'Micro-grids'),
  census: text('人口点', 'Census points'),
  households: text('户数', 'Households'),
  population: text('人口', 'Population'),
  unassigned: text('不在任何网格内的人口点', 'Census points in no grid'),
  gridArea: text('网格总面积（平方米）', 'Total grid area (m²)'),
  byCommunity: text('按社区/行政村', 'By community'),
  compactness: text('紧凑度 平均/最低', 'Compactness mean/min'),
  multipart: text('不连续网格', 'Non-contiguous grids'),
} as const;

/** `gridplan stats` as text: totals, grids by type, and one line per community. */
export function formatStats(stats: DivisionStats, file: string, lang: Language): string {
  const s = STATS_WORDS;
  const c = REPORT_WORDS.columns;
  const byType = (['urban', 'rural', 'exclusive', 'unknown'] as const)
    .filter((type) => stats.gridsByType[type] > 0)
    .map((type) => `${GRID_TYPE_LABELS[type][lang]} ${stats.gridsByType[type]}`)
    .join(lang === 'zh' ? '，' : ', ');
  const lines = [
    s.title[lang],
    '',
    `${REPORT_WORDS.file[lang]}${lang === 'zh' ? '：' : ': '}${file}`,
    ...textTable([
      [s.townships[lang], String(stats.townships)],
      [s.communities[lang], String(stats.communities)],
      [s.grids[lang], `${stats.grids}${byType ? ` (${byType})` : ''}`],
      [s.microgrids[lang], String(stats.microgrids)],
      [s.census[lang], formatNumber(stats.censusPoints)],
      [s.households[lang], formatNumber(stats.households)],
      [s.population[lang], formatNumber(stats.population)],
      [
        s.unassigned[lang],
        `${formatNumber(stats.unassigned.points)} (${formatNumber(stats.unassigned.households)} ${c.households[lang]}, ${formatNumber(stats.unassigned.population)} ${c.population[lang]})`,
      ],
      [s.gridArea[lang], formatNumber(stats.gridAreaM2)],
    ]),
  ];
  if (stats.byCommunity.length > 0) {
    lines.push('', s.byCommunity[lang]);
    const rows = [
      [c.code, c.name, s.grids, c.households, c.population, c.area, s.compactness, s.multipart].map(
        (label) => label[lang],
      ),
      ...stats.byCommunity.map((row) => [
        row.code,
        row.name,
        String(row.grids),
        formatNumber(row.households),
        formatNumber(row.population),
        formatNumber(row.areaM2),
        row.compactnessMean === undefined
          ? ''
          : `${row.compactnessMean.toFixed(2)} / ${(row.compactnessMin ?? 0).toFixed(2)}`,
        row.multipartGrids === undefined ? '' : String(row.multipartGrids),
      ]),
    ];
    appendAll(
      lines,
      textTable(rows, new Set([2, 3, 4, 5, 6, 7])).map((line) => `  ${line}`),
    );
  }
  return `${lines.join('\n')}\n`;
}
