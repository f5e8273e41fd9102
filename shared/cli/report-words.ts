import type { GridType, LocalText, TargetStatus } from '../model';
import { text } from '../model';

export { RULE_LABELS } from '../validate/rule-labels';

/** Target status words (ui.md colours: under blue, ok green, over orange, none purple). */
export const TARGET_LABELS: Readonly<Record<TargetStatus, LocalText>> = {
  under: text('不足', 'under'),
  ok: text('达标', 'ok'),
  over: text('超出', 'over'),
  none: text('不设目标', 'no target'),
};

export const GRID_TYPE_LABELS: Readonly<Record<GridType | 'unknown', LocalText>> = {
  urban: text('城市社区', 'urban'),
  rural: text('农村', 'rural'),
  exclusive: text('专属', 'exclusive'),
  unknown: text('未填', 'not given'),
};

/** Words of the report layout. */
export const REPORT_WORDS = {
  title: text('网格划分校验报告', 'Grid division validation report'),
  file: text('文件', 'File'),
  ruleSet: text('规则集', 'Rule set'),
  areaNote: (minAreaM2: number): LocalText =>
    text(
      `面积按 CGCS2000 椭球计算（平方米）；小于 ${minAreaM2} 平方米或宽不足 1 厘米的碎片不报告。`,
      `Areas are ellipsoidal (CGCS2000), in m²; pieces under ${minAreaM2} m² or thinner than 1 cm are not reported.`,
    ),
  verdictPass: text('结论：通过（没有错误）', 'Verdict: passed (no errors)'),
  verdictFail: text('结论：不通过', 'Verdict: not passed'),
  counts: (errors: number, warnings: number, accepted: number, grids: number): LocalText =>
    text(
      `${errors} 个错误，${warnings} 个警告${accepted > 0 ? `（其中 ${accepted} 个为已说明的例外）` : ''}，共 ${grids} 个网格。`,
      `${errors} error(s), ${warnings} warning(s)${accepted > 0 ? ` (${accepted} of them accepted exceptions)` : ''}, ${grids} grid(s).`,
    ),
  errors: text('错误', 'Errors'),
  warnings: text('警告', 'Warnings'),
  accepted: text('已说明的例外', 'Accepted exceptions'),
  acceptedTag: text('已说明', 'accepted'),
  at: text('位置', 'at'),
  grids: text('网格', 'Grids'),
  overview: text(
    '总览图（按户数目标着色，问题按编号标出）',
    'Overview (coloured by household target, issues numbered)',
  ),
  microgrids: text('微网格', 'Micro-grids'),
  none: text('无', 'none'),
  columns: {
    rule: text('规则', 'Rule'),
    severity: text('级别', 'Severity'),
    codes: text('编码', 'Codes'),
    area: text('面积（平方米）', 'Area (m²)'),
    message: text('说明', 'Message'),
    code: text('编码', 'Code'),
    name: text('名称', 'Name'),
    parent: text('上级编码', 'Parent'),
    type: text('类型', 'Type'),
    households: text('户数', 'Households'),
    population: text('人口', 'Population'),
    target: text('目标', 'Target'),
  },
  severity: { error: text('错误', 'error'), warning: text('警告', 'warning') },
} as const;
