import type { GridType, LocalText } from '../model';
import { text } from '../model';

/** Grid types as a notice names them (a fuller phrase than the table words). */
export const GRID_TYPE_WORDS: Readonly<Record<GridType | 'unknown', LocalText>> = {
  urban: text('城市社区网格', 'Urban grid'),
  rural: text('农村网格', 'Rural grid'),
  exclusive: text('专属网格', 'Exclusive grid'),
  unknown: text('未填', 'not given'),
};

/** Words of the notice sheets. */
export const NOTICE_WORDS = {
  notice: text('公示', 'Public notice'),
  documentTitle: (township: string): LocalText =>
    text(`${township} 网格公示`, `${township}: grid public notice`),
  overviewTitle: (township: string): LocalText =>
    text(`${township} 网格划分总览图`, `${township}: grid division overview`),
  code: text('网格编码', 'Grid code'),
  type: text('网格类型', 'Grid type'),
  community: text('所属社区（村）', 'Community / village'),
  area: text('面积', 'Area'),
  areaValue: (m2: string, ha: string): LocalText => text(`${m2} 平方米（${ha} 公顷）`, `${m2} m² (${ha} ha)`),
  households: text('户数', 'Households'),
  population: text('人口', 'Population'),
  householdsValue: (n: string): LocalText => text(`${n} 户`, n),
  populationValue: (n: string): LocalText => text(`${n} 人`, n),
  bounds: text('四至', 'Boundaries'),
  staff: text('网格工作人员', 'Grid staff'),
  role: text('职务', 'Role'),
  name: text('姓名', 'Name'),
  phone: text('联系电话', 'Phone'),
  noStaff: text('（尚未配备）', '(none assigned yet)'),
  microgrids: text('微网格', 'Micro-grids'),
  microgrid: text('微网格名称', 'Micro-grid'),
  microCode: text('编码', 'Code'),
  microLeader: text('微网格长', 'Leader'),
  supervision: text('监督电话', 'Supervision phone'),
  supervisionMissing: text('（乡镇尚未设置）', '(not set by the township)'),
  date: text('公示日期', 'Date of notice'),
  legend: text('图例', 'Legend'),
  notDivided: text('尚未划分网格', 'not yet divided into grids'),
  gridsCount: (grids: number, households: string): LocalText =>
    text(
      `共 ${grids} 个网格，${households} 户`,
      `${grids} ${grids === 1 ? 'grid' : 'grids'}, ${households} households`,
    ),
  exclusive: text('专属网格', 'Exclusive grid'),
  communityBoundary: text('社区（村）界', 'Community / village boundary'),
  townshipBoundary: text('乡镇（街道）界', 'Township boundary'),
  gridBoundary: text('网格界', 'Grid boundary'),
  microBoundary: text('微网格界', 'Micro-grid boundary'),
  road: text('道路', 'Road'),
  thisGrid: text('本网格', 'This grid'),
  continued: text('续', 'continued'),
  inset: text('放大图（小网格密集区域）', 'Enlarged: where grids are small'),
  insetMark: text('放大图范围', 'enlarged'),
  footer: text(
    '本公示仅含网格及网格工作人员信息，不含居民个人信息。',
    "This notice shows grids and grid staff only, no residents' personal data.",
  ),
} as const;

/** An integer with thousands separators (1,234,567). */
export function formatInteger(value: number): string {
  const rounded = Math.round(value);
  const sign = rounded < 0 ? '-' : '';
  return sign + String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
