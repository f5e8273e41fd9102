import type { CommunityKind, ExclusiveCategory, GridStatus, GridType, Layer, LocalText } from '../model';
import { CATEGORY_LABELS, GRID_STATUS_LABELS } from '../model';

/**
 * Which field of an imported file holds which attribute of GridPlan, and the proposals made from the
 * names domain.md fixes (WGBM, WGMC, CJDM ...) and their common variants (NAME/名称, CODE/编码).
 */

/** Attributes a planner maps fields to. Which ones apply depends on the layer ({@link attributesOf}). */
export const MAPPED_ATTRIBUTES = [
  'code',
  'name',
  'type',
  'parentCode',
  'households',
  'population',
  'address',
  'longitude',
  'latitude',
  'category',
  'status',
  'leader',
  'leaderPhone',
  'note',
] as const;
export type MappedAttribute = (typeof MAPPED_ATTRIBUTES)[number];

/** Attribute → source field (column) name. Unmapped attributes are absent. */
export type FieldMapping = Partial<Record<MappedAttribute, string>>;

/**
 * The attributes that apply to a layer. Grids and micro-grids get households/population only for reading
 * a file's own figures into `extra`: GridPlan counts them from census points (interchange.md).
 * `longitude`/`latitude` apply to census tables only.
 */
export function attributesOf(layer: Layer, table: boolean): readonly MappedAttribute[] {
  switch (layer) {
    case 'township':
      return ['code', 'name'];
    case 'community':
      return ['code', 'name', 'type'];
    case 'grid':
      return ['code', 'name', 'type', 'parentCode', 'category', 'leader', 'leaderPhone', 'status', 'note'];
    case 'microgrid':
      return ['code', 'name', 'parentCode', 'leader', 'leaderPhone', 'note'];
    case 'census':
      return table
        ? ['longitude', 'latitude', 'households', 'population', 'address']
        : ['households', 'population', 'address'];
  }
}

/** Attributes without which a layer cannot be imported. */
export function requiredAttributes(layer: Layer, table: boolean): readonly MappedAttribute[] {
  if (layer === 'census') return table ? ['longitude', 'latitude'] : [];
  return ['code'];
}

// Candidates in order of preference: the domain.md names first, then variants seen in real files.
const CANDIDATES: Record<Layer, Partial<Record<MappedAttribute, readonly string[]>>> = {
  township: {
    code: ['XZDM', 'XZQDM', 'XZQHDM', '乡镇代码', '街道代码', '区划代码', '编码', '代码', 'CODE', 'BM', 'DM'],
    name: ['XZMC', 'XZQMC', '乡镇名称', '街道名称', '名称', 'NAME', 'MC'],
  },
  community: {
    code: [
      'CJDM',
      'CJQYDM',
      'SQDM',
      'CDM',
      '社区代码',
      '村代码',
      '区划代码',
      '统计用区划代码',
      'XZQDM',
      '编码',
      '代码',
      'CODE',
      'BM',
      'DM',
    ],
    name: ['CJMC', 'CJQYMC', 'SQMC', 'CMC', '社区名称', '村名称', 'XZQMC', '名称', 'NAME', 'MC'],
    type: ['LX', 'CJLX', '类型', 'KIND', 'TYPE'],
  },
  grid: {
    code: ['WGBM', 'WGDM', '网格编码', '网格代码', '编码', '代码', 'CODE', 'BM', 'DM'],
    name: ['WGMC', '网格名称', '名称', 'NAME', 'MC'],
    type: ['WGLX', '网格类型', '类型', 'GRIDTYPE', 'TYPE', 'LX'],
    parentCode: ['CJDM', 'CJQYDM', 'SQDM', 'SSSQ', '所属社区', '所属村', '社区代码', 'PARENTCODE', 'PARENT'],
    category: ['ZSLB', '专属类别', '专属网格类别', 'CATEGORY'],
    leader: ['WGZ', '网格长', '网格长姓名', 'LEADER'],
    leaderPhone: ['LXDH', '网格长电话', '网格长联系电话', '联系电话', 'PHONE', 'TEL'],
    status: ['ZT', '状态', 'STATUS'],
    note: ['BZ', '备注', 'NOTE', 'REMARK', 'REMARKS'],
  },
  microgrid: {
    code: ['WGBM', 'WWGBM', '微网格编码', '网格编码', '编码', 'CODE', 'BM'],
    name: ['WGMC', 'WWGMC', '微网格名称', '名称', 'NAME', 'MC'],
    parentCode: ['SJWGBM', '上级网格编码', '所属网格', 'PARENTCODE', 'PARENT'],
    leader: ['WGZ', '微网格长', '网格长', 'LEADER'],
    leaderPhone: ['LXDH', '微网格长电话', '网格长电话', '联系电话', 'PHONE', 'TEL'],
    note: ['BZ', '备注', 'NOTE', 'REMARK', 'REMARKS'],
  },
  census: {
    households: ['HS', '户数', 'HOUSEHOLDS', 'HH', 'HUSHU'],
    population: ['RK', '人口', '人数', '实有人口', 'POPULATION', 'POP', 'RKS'],
    address: ['DZ', '地址', '详细地址', 'ADDRESS', 'ADDR'],
    longitude: ['LON', 'LNG', 'LONGITUDE', '经度', 'JD', 'X'],
    latitude: ['LAT', 'LATITUDE', '纬度', 'WD', 'Y'],
  },
};

const normalise = (name: string): string =>
  name
    .trim()
    .toUpperCase()
    .replace(/[\s_\-（）()]/g, '');

/**
 * Proposes a mapping from field names: every attribute's exact (case-insensitive) match of a known name
 * first, then a field containing a Chinese known name (e.g. "所属社区代码"), given to the attribute whose
 * contained name is longest (网格长电话 holds 网格长, but it is the phone). Each field is proposed at most
 * once.
 */
export function proposeMapping(layer: Layer, fields: readonly string[], table: boolean): FieldMapping {
  const mapping: FieldMapping = {};
  const used = new Set<string>();
  const attributes = attributesOf(layer, table);
  const byName = new Map(fields.map((f) => [normalise(f), f]));
  const take = (attribute: MappedAttribute, field: string): void => {
    mapping[attribute] = field;
    used.add(field);
  };
  for (const attribute of attributes) {
    const field = (CANDIDATES[layer][attribute] ?? [])
      .map((candidate) => byName.get(normalise(candidate)))
      .find((f) => f !== undefined && !used.has(f));
    if (field !== undefined) take(attribute, field);
  }
  const chineseCandidates = (attribute: MappedAttribute): string[] =>
    (CANDIDATES[layer][attribute] ?? []).filter((c) => /[^ -~]/.test(c));
  /**
   * The attribute still without a field whose Chinese name the field holds at the greatest length (the
   * first on a tie). Only those still open: 所属网格编码 holds 网格编码 (the code, already mapped) as
   * long as 所属网格 (the parent), and is the parent's.
   */
  const closest = (field: string): MappedAttribute | undefined => {
    let best: { attribute: MappedAttribute; length: number } | undefined;
    for (const attribute of attributes) {
      if (mapping[attribute] !== undefined) continue;
      for (const candidate of chineseCandidates(attribute)) {
        if (field.includes(candidate) && candidate.length > (best?.length ?? 0))
          best = { attribute, length: candidate.length };
      }
    }
    return best?.attribute;
  };
  for (const attribute of attributes) {
    if (mapping[attribute] !== undefined) continue;
    for (const candidate of chineseCandidates(attribute)) {
      const field = fields.find((f) => !used.has(f) && f.includes(candidate) && closest(f) === attribute);
      if (field !== undefined) {
        take(attribute, field);
        break;
      }
    }
  }
  return mapping;
}

/** Text of a cell value (DBF cells are text, numbers, logicals or null). */
function cellString(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : '';
}

// Values of a community type field (LX) as national and local files write them. Matched whole, after
// trimming and lower-casing, so a name such as "城市社区" or "村委会" is read as one word and not by prefix only.
const URBAN_WORDS: ReadonlySet<string> = new Set([
  'urban',
  'city',
  'town',
  'community',
  '城镇',
  '城市',
  '城区',
  '社区',
  '居委会',
  '居民委员会',
  '城市社区',
  '社区居委会',
  '城镇社区',
]);
const RURAL_WORDS: ReadonlySet<string> = new Set([
  'rural',
  'village',
  'countryside',
  '农村',
  '乡村',
  '村',
  '行政村',
  '村委会',
  '村民委员会',
  '农村社区',
]);

/** The key whose id, Chinese or English label the value is (case and spaces aside); null for none. */
function labelledKey<K extends string>(vocabulary: Readonly<Record<K, LocalText>>, value: unknown): K | null {
  const v = cellString(value).trim().toLowerCase();
  if (!v) return null;
  for (const key of Object.keys(vocabulary) as K[]) {
    const label = vocabulary[key];
    if (v === key || v === label.zh.toLowerCase() || v === label.en.toLowerCase()) return key;
  }
  return null;
}

/** Reads an exclusive grid's category (ZSLB) as GridPlan writes it (学校, School, school). */
export function exclusiveCategoryOf(value: unknown): ExclusiveCategory | null {
  return labelledKey(CATEGORY_LABELS, value);
}

/** Reads a grid's status (ZT) as GridPlan writes it (草稿/待审/已备案/注销, or the English words). */
export function gridStatusOf(value: unknown): GridStatus | null {
  return labelledKey(GRID_STATUS_LABELS, value);
}

/** Reads a grid type from the values files use: WGLX 城市社区/农村/专属, English ids, full terms. */
export function gridTypeOf(value: unknown): GridType | null {
  const v = cellString(value).trim().toLowerCase();
  if (!v) return null;
  if (v === 'exclusive' || v.startsWith('专属') || v === '3') return 'exclusive';
  if (v === '1') return 'urban';
  if (v === '2') return 'rural';
  return communityKindOf(v);
}

/**
 * Reads a community kind from a type value: 城镇/城市/城区/社区/居委会 → urban, 农村/乡村/村/村委会 → rural,
 * the English words (urban, city, town / rural, village) and longer terms that begin with one of them
 * (城市社区网格, 农村网格). `null` when the value says neither, so the caller can report it.
 */
export function communityKindOf(value: unknown): CommunityKind | null {
  const v = cellString(value).trim().toLowerCase();
  if (!v) return null;
  if (URBAN_WORDS.has(v)) return 'urban';
  if (RURAL_WORDS.has(v)) return 'rural';
  // Longer terms: 农村社区 names a rural place although it contains 社区, so rural prefixes are checked first.
  if (['农村', '乡村', '村民', '村委'].some((w) => v.startsWith(w))) return 'rural';
  if (['城镇', '城市', '城区', '社区', '居委', '居民'].some((w) => v.startsWith(w))) return 'urban';
  return null;
}
