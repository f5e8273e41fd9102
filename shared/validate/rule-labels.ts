import type { LocalText } from '../model';
import { text } from '../model';
import type { RuleName } from './validation-issue';

/**
 * Short names of the validation rules in the words of ui.md, for the issues panel, the text and HTML
 * reports alike, so a reviewer reads the same term in the app and in the printed report.
 */
export const RULE_LABELS: Readonly<Record<RuleName, LocalText>> = {
  'invalid-geometry': text('几何无效', 'invalid geometry'),
  multipart: text('多部件网格', 'multipart grid'),
  overlap: text('重叠', 'overlap'),
  gap: text('空白/缝隙', 'gap'),
  'outside-parent': text('越界', 'outside its village'),
  'duplicate-code': text('编码重复', 'duplicate code'),
  'bad-code': text('编码不合规', 'bad code'),
  'missing-parent': text('缺少上级', 'missing parent'),
  'missing-attribute': text('缺少属性', 'missing attribute'),
  'household-over': text('户数超出', 'households over target'),
  'household-under': text('户数不足', 'households under target'),
  'unassigned-point': text('未落格人口点', 'census point in no grid'),
};
