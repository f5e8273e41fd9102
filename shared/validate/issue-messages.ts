import type { CensusPoint, GridTarget, Layer, LocalText, RuleSet } from '../model';
import { text } from '../model';
import type { GeometryDefect, GeometryDefectKind } from '../geometry/check-geometry';

/** Names of the layers in both languages (ui.md words). */
export const LAYER_NAMES: Readonly<Record<Layer, LocalText>> = {
  township: text('乡镇/街道', 'township'),
  community: text('社区/村', 'community'),
  grid: text('网格', 'grid'),
  microgrid: text('微网格', 'micro-grid'),
  census: text('人口点', 'census point'),
};

/** What an entity is called in a message: layer, code and name. */
export function entityLabel(layer: Layer, code: string, name: string): LocalText {
  const layerName = LAYER_NAMES[layer];
  const zhCode = code === '' ? '（无编码）' : ` ${code}`;
  const enCode = code === '' ? ' (no code)' : ` ${code}`;
  const zhName = name === '' ? '' : `「${name}」`;
  const enName = name === '' ? '' : ` "${name}"`;
  return text(`${layerName.zh}${zhCode}${zhName}`, `${layerName.en}${enCode}${enName}`);
}

/** An area for people: one decimal below 100 m², whole square metres above. */
export function formatAreaM2(areaM2: number): LocalText {
  const value = areaM2 < 100 ? areaM2.toFixed(1) : Math.round(areaM2).toLocaleString('en-US');
  return text(`${value} 平方米`, `${value} m²`);
}

function capitalise(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}

const DEFECT_TEXT: Readonly<Record<GeometryDefectKind, (count: number) => LocalText>> = {
  empty: () => text('没有可用的几何图形', 'has no usable geometry'),
  'bad-coordinate': (n) =>
    text(
      `有 ${n} 个坐标不是有效的经纬度（不是数字或超出范围）`,
      `has ${n} coordinate(s) that are not a valid longitude/latitude (not a number or out of range)`,
    ),
  'unclosed-ring': (n) =>
    text(
      `有 ${n} 个环未闭合（首尾坐标不同）`,
      `has ${n} ring(s) not closed (first and last positions differ)`,
    ),
  'short-ring': (n) =>
    text(`有 ${n} 个环少于 3 个不同顶点`, `has ${n} ring(s) with fewer than 3 distinct vertices`),
  'duplicate-vertex': (n) => text(`有 ${n} 处连续重复的顶点`, `has ${n} repeated consecutive vertice(s)`),
  'self-intersection': (n) =>
    text(
      `边界自相交（${n} 处，如“8”字形或回折）`,
      `boundary crosses itself (${n} place(s), e.g. a bow-tie or a spike)`,
    ),
  'ring-crossing': (n) =>
    text(`内外环或各部分相互交叉（${n} 处）`, `rings or parts cross each other (${n} place(s))`),
  'hole-outside': (n) => text(`有 ${n} 个洞（内环）不在外环之内`, `has ${n} hole(s) outside the outer ring`),
  hole: (n) =>
    text(`有 ${n} 个洞（内环），此图层不允许有洞`, `has ${n} hole(s), which this layer does not allow`),
};

export function invalidGeometryMessage(label: LocalText, defect: GeometryDefect): LocalText {
  const what = DEFECT_TEXT[defect.kind](defect.count);
  return text(`${label.zh}${what.zh}`, `${capitalise(label.en)} ${what.en}`);
}

export function multipartMessage(label: LocalText, parts: number): LocalText {
  return text(
    `${label.zh}由 ${parts} 个不相连的部分组成，应为一个面`,
    `${capitalise(label.en)} has ${parts} separate parts; it must be a single polygon`,
  );
}

export function overlapMessage(a: LocalText, b: LocalText, areaM2: number): LocalText {
  const area = formatAreaM2(areaM2);
  return text(`${a.zh}与${b.zh}重叠 ${area.zh}`, `${capitalise(a.en)} and ${b.en} overlap by ${area.en}`);
}

export function gapMessage(parent: LocalText, childLayer: Layer, areaM2: number): LocalText {
  const area = formatAreaM2(areaM2);
  const child = LAYER_NAMES[childLayer];
  return text(
    `${parent.zh}内有一块 ${area.zh}未被任何${child.zh}覆盖`,
    `${area.en} of ${parent.en} is covered by none of its ${child.en}s`,
  );
}

export function outsideParentMessage(label: LocalText, parent: LocalText, areaM2: number): LocalText {
  const area = formatAreaM2(areaM2);
  return text(
    `${label.zh}有 ${area.zh}在所属${parent.zh}之外`,
    `${area.en} of ${label.en} lies outside its parent ${parent.en}`,
  );
}

export function duplicateCodeMessage(layer: Layer, code: string, count: number): LocalText {
  const name = LAYER_NAMES[layer];
  return text(
    `编码 ${code} 被 ${count} 个${name.zh}重复使用`,
    `Code ${code} is used by ${count} ${name.en}s`,
  );
}

export function badCodeFormatMessage(label: LocalText, expected: LocalText): LocalText {
  return text(
    `${label.zh}的编码不符合编码规则（应为${expected.zh}）`,
    `${capitalise(label.en)}: code does not follow the code template (expected ${expected.en})`,
  );
}

export function badCodePrefixMessage(label: LocalText, parentLayer: Layer, parentCode: string): LocalText {
  const parent = LAYER_NAMES[parentLayer];
  return text(
    `${label.zh}的编码前缀与所属${parent.zh}编码 ${parentCode} 不一致`,
    `${capitalise(label.en)}: code does not start with the code of its ${parent.en}, ${parentCode}`,
  );
}

export function communityKindCodeMessage(label: LocalText, kind: 'urban' | 'rural'): LocalText {
  return kind === 'urban'
    ? text(
        `${label.zh}是社区，但编码第 10–12 位不在 001–199（居委会）范围内`,
        `${capitalise(label.en)} is an urban community but code digits 10–12 are not in 001–199 (residents' committee)`,
      )
    : text(
        `${label.zh}是村，但编码第 10–12 位不在 200–399（村委会）范围内`,
        `${capitalise(label.en)} is a village but code digits 10–12 are not in 200–399 (villagers' committee)`,
      );
}

export function missingParentMessage(label: LocalText, parentLayer: Layer, parentCode: string): LocalText {
  const parent = LAYER_NAMES[parentLayer];
  return parentCode === ''
    ? text(
        `${label.zh}没有填写所属${parent.zh}编码`,
        `${capitalise(label.en)} names no parent ${parent.en} code`,
      )
    : text(
        `${label.zh}所属${parent.zh} ${parentCode} 不存在`,
        `${capitalise(label.en)}: parent ${parent.en} ${parentCode} does not exist`,
      );
}

/** Names of attributes as reported missing. */
export const ATTRIBUTE_NAMES = {
  code: text('编码', 'code'),
  name: text('名称', 'name'),
  gridType: text('网格类型', 'grid type'),
  kind: text('类型（社区/村）', 'kind (urban/rural)'),
  leader: text('网格长', 'grid leader'),
  exclusiveCategory: text('专属网格类别', 'exclusive grid category'),
} as const;
export type AttributeName = keyof typeof ATTRIBUTE_NAMES;

export function missingAttributeMessage(label: LocalText, missing: readonly AttributeName[]): LocalText {
  return text(
    `${label.zh}缺少${missing.map((m) => ATTRIBUTE_NAMES[m].zh).join('、')}`,
    `${capitalise(label.en)} lacks ${missing.map((m) => ATTRIBUTE_NAMES[m].en).join(', ')}`,
  );
}

/** "300–500 户或约 1000 人（±20%）". */
export function describeTarget(target: GridTarget): LocalText {
  const { minHouseholds: min, maxHouseholds: max } = target;
  let zh =
    min !== undefined && max !== undefined
      ? `${min}–${max} 户`
      : min !== undefined
        ? `不少于 ${min} 户`
        : `不超过 ${max} 户`;
  let en =
    min !== undefined && max !== undefined
      ? `${min}–${max} households`
      : min !== undefined
        ? `at least ${min} households`
        : `at most ${max} households`;
  if (target.aboutPopulation !== undefined) {
    const tolerance = Math.round((target.populationTolerance ?? 0.2) * 100);
    zh += `或约 ${target.aboutPopulation} 人（±${tolerance}%）`;
    en += ` or about ${target.aboutPopulation} people (±${tolerance}%)`;
  }
  if (target.maxPopulation !== undefined) {
    zh += `，人口不超过 ${target.maxPopulation}`;
    en += `, at most ${target.maxPopulation} people`;
  }
  return text(zh, en);
}

/** The regulation and article of a rule set, without the explanation after the colon. */
export function ruleSetArticle(ruleSet: RuleSet): LocalText {
  const cut = (value: string, separator: RegExp): string => value.split(separator)[0]!.trim();
  return text(cut(ruleSet.source.zh, /[：:]/), cut(ruleSet.source.en, /:/));
}

export function householdMessage(
  label: LocalText,
  status: 'over' | 'under',
  counts: { readonly households: number; readonly population: number },
  target: GridTarget,
  ruleSet: RuleSet,
  justification: string | undefined,
): LocalText {
  const wanted = describeTarget(target);
  const article = ruleSetArticle(ruleSet);
  const h = Math.round(counts.households);
  const p = Math.round(counts.population);
  const zhState = status === 'over' ? '超出' : '低于';
  const enState = status === 'over' ? 'above' : 'below';
  let zh = `${label.zh}有 ${h} 户 ${p} 人，${zhState}目标 ${wanted.zh}（${article.zh}）`;
  let en = `${capitalise(label.en)} has ${h} households and ${p} people, ${enState} the target of ${wanted.en} (${article.en})`;
  if (justification !== undefined) {
    zh = `已说明的例外：${zh}。说明：${justification}`;
    en = `Accepted exception: ${en}. Justification: ${justification}`;
  }
  return text(zh, en);
}

function pointLabel(point: CensusPoint | undefined): LocalText {
  if (!point) return text('人口点', 'census point');
  const address = point.address ? `（${point.address}）` : '';
  const addressEn = point.address ? ` (${point.address})` : '';
  return text(
    `人口点 ${point.id}${address}，${point.households} 户 ${point.population} 人，`,
    `Census point ${point.id}${addressEn} with ${point.households} households and ${point.population} people`,
  );
}

export function unassignedPointMessage(
  point: CensusPoint | undefined,
  grid: LocalText | undefined,
): LocalText {
  const label = pointLabel(point);
  return grid
    ? text(
        `${label.zh}在${grid.zh}内但不在其任何微网格内`,
        `${label.en} is in ${grid.en} but in none of its micro-grids`,
      )
    : text(`${label.zh}不在任何网格内`, `${label.en} is in no grid`);
}

export function moreUnassignedMessage(count: number, households: number, population: number): LocalText {
  return text(
    `另有 ${count} 个人口点（${Math.round(households)} 户 ${Math.round(population)} 人）不在任何网格内，未逐一列出`,
    `${count} more census points (${Math.round(households)} households, ${Math.round(population)} people) are in no grid; not listed one by one`,
  );
}
