import type { LocalText } from '../model';
import { text } from '../model';
import type { DiffKind } from './division-diff';

/** Words for the kinds of change (ui.md terms: 拆分, 合并). */
export const DIFF_KIND_LABELS: Readonly<Record<DiffKind, LocalText>> = {
  added: text('新增', 'added'),
  removed: text('删除', 'removed'),
  split: text('拆分', 'split'),
  merge: text('合并', 'merged'),
  geometry: text('边界调整', 'geometry changed'),
  attributes: text('属性变更', 'attributes changed'),
};

/** Words for the property names a change lists (`fields`); unknown properties keep their own name. */
export const DIFF_FIELD_LABELS: Readonly<Record<string, LocalText>> = {
  code: text('网格编码', 'code'),
  name: text('名称', 'name'),
  parentCode: text('所属社区/行政村', 'community'),
  gridType: text('类型', 'grid type'),
  exclusiveCategory: text('专属类别', 'exclusive category'),
  staff: text('网格员', 'staff'),
  note: text('备注', 'note'),
  justification: text('情况说明', 'justification'),
  status: text('状态', 'status'),
  locked: text('锁定', 'locked'),
};

/** A list of codes or words as each language writes one: 甲、乙 / a, b. */
export function wordList(words: readonly string[]): LocalText {
  return text(words.join('、'), words.join(', '));
}

/** The changed property names of a change in words ({@link DIFF_FIELD_LABELS}), as a list. */
export function diffFieldsText(fields: readonly string[]): LocalText {
  const zh = wordList(fields.map((field) => DIFF_FIELD_LABELS[field]?.zh ?? field)).zh;
  const en = wordList(fields.map((field) => DIFF_FIELD_LABELS[field]?.en ?? field)).en;
  return text(zh, en);
}

/** Words of the diff text and HTML. */
export const DIFF_WORDS = {
  title: text('网格划分对比', 'Grid division comparison'),
  before: text('原划分', 'Before'),
  after: text('新划分', 'After'),
  noChanges: text('两个划分的网格没有差别。', 'The two divisions have the same grids.'),
  summary: (counts: Readonly<Record<DiffKind, number>>): LocalText =>
    text(
      `新增 ${counts.added}，删除 ${counts.removed}，拆分 ${counts.split}，合并 ${counts.merge}，边界调整 ${counts.geometry}，属性变更 ${counts.attributes}。`,
      `${counts.added} added, ${counts.removed} removed, ${counts.split} split, ${counts.merge} merged, ${counts.geometry} geometry changed, ${counts.attributes} attributes changed.`,
    ),
  microgrid: text('微网格', 'micro-grid'),
  columns: {
    kind: text('变化', 'Change'),
    codes: text('网格编码（新）', 'Codes (new)'),
    fromCodes: text('原网格编码', 'Codes (old)'),
    names: text('名称', 'Names'),
    area: text('变动面积（平方米）', 'Area changed (m²)'),
    households: text('户数（前 → 后）', 'Households (before → after)'),
    fields: text('变更属性', 'Changed attributes'),
  },
  legend: text('图例', 'Legend'),
  unchanged: text('未变化的网格', 'unchanged grid'),
  changed: text(
    '拆分、合并、边界或属性变化（新边界）',
    'split, merged, geometry or attributes changed (new boundary)',
  ),
  areaNote: text(
    '面积按 CGCS2000 椭球计算（平方米）；户数按各自划分中的人口点统计。',
    'Areas are ellipsoidal (CGCS2000), in m²; households are counted from each division’s own census points.',
  ),
};
