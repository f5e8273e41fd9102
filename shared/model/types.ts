import type { MultiPolygon, Polygon } from 'geojson';

/** The layers of a division, as named in the interchange profile (`properties.layer`). */
export const LAYERS = ['township', 'community', 'grid', 'microgrid', 'census'] as const;
export type Layer = (typeof LAYERS)[number];

/** Properties this program does not know, kept as they came so that a round trip is lossless. */
export type ExtraProperties = Readonly<Record<string, unknown>>;

export type AreaGeometry = Polygon | MultiPolygon;

interface EntityBase {
  /** Stable identifier inside a project (the GeoJSON feature `id` on export). */
  readonly id: string;
  readonly extra: ExtraProperties;
}

/** 乡镇/街道. `code` is 12 digits ending in 000 (9-digit township code + 000). */
export interface Township extends EntityBase {
  readonly layer: 'township';
  readonly code: string;
  readonly name: string;
  /**
   * 监督电话: the number residents call about their grid's staff, printed on every public notice (公示).
   * GeoJSON member `supervisionPhone` (optional).
   */
  readonly supervisionPhone?: string;
  readonly geometry: AreaGeometry;
}

export const COMMUNITY_KINDS = ['urban', 'rural'] as const;
export type CommunityKind = (typeof COMMUNITY_KINDS)[number];

/** Operations recorded in code lineage (编码沿革). `delete` retires a code with no successor. */
export const LINEAGE_OPERATIONS = ['create', 'split', 'merge', 'carve', 'fill', 'delete'] as const;
export type LineageOperation = (typeof LINEAGE_OPERATIONS)[number];

/**
 * One step of code lineage: grid `code` came from the grids coded `from` by `operation` at `at`
 * (ISO 8601). A split that keeps the old code on one part records that code with itself in `from`;
 * a deleted grid's code is recorded with `delete` and an empty `from`. Codes named here are never
 * given out again.
 */
export interface LineageRecord {
  readonly code: string;
  readonly from: readonly string[];
  readonly operation: LineageOperation;
  readonly at: string;
}

/** 社区 (urban) or 行政村 (rural), with its 12-digit statistics code. */
export interface Community extends EntityBase {
  readonly layer: 'community';
  readonly code: string;
  readonly name: string;
  /** null when the source file names no valid kind (the validator reports it as a missing attribute). */
  readonly kind: CommunityKind | null;
  readonly geometry: AreaGeometry;
  /**
   * Lineage of the codes of this community's grids, oldest first. It lives on the community because
   * codes are numbered per community and because an edit is a Change of entities: putting the community
   * with its lineage extended makes the record part of the same undoable change as the grids.
   */
  readonly lineage?: readonly LineageRecord[];
}

export const GRID_TYPES = ['urban', 'rural', 'exclusive'] as const;
export type GridType = (typeof GRID_TYPES)[number];

/** Categories of 专属网格, in the order of ui.md. */
export const EXCLUSIVE_CATEGORIES = [
  'government',
  'institution',
  'office-building',
  'industrial-park',
  'market',
  'school',
  'hospital',
  'transport',
  'park',
  'other',
] as const;
export type ExclusiveCategory = (typeof EXCLUSIVE_CATEGORIES)[number];

export const STAFF_ROLES = ['leader', 'full-time', 'part-time', 'instructor', 'micro-leader'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** A member of a grid's staff. Staff names and phones are public (公示), unlike residents' data. */
export interface StaffMember {
  readonly role: StaffRole;
  readonly name: string;
  readonly phone?: string;
}

export const GRID_STATUSES = ['draft', 'pending', 'filed', 'retired'] as const;
export type GridStatus = (typeof GRID_STATUSES)[number];

/** 网格. Households and population are never stored here: they are counted from census points. */
export interface Grid extends EntityBase {
  readonly layer: 'grid';
  readonly code: string;
  readonly name: string;
  /** Code of the community (12 digits) the grid belongs to. */
  readonly parentCode: string;
  /** null when the source file names no valid type (reported as a missing attribute, never guessed). */
  readonly gridType: GridType | null;
  readonly exclusiveCategory?: ExclusiveCategory;
  readonly staff?: readonly StaffMember[];
  readonly note?: string;
  /** 情况说明: why an out-of-range household count is accepted. */
  readonly justification?: string;
  readonly status?: GridStatus;
  /**
   * 锁定: no tool changes this grid (split, merge, vertex edits, automatic division and rebalancing leave
   * it as it is) until it is unlocked. GeoJSON member `locked: true`.
   */
  readonly locked?: boolean;
  readonly geometry: AreaGeometry;
}

/** 微网格, inside one grid. */
export interface MicroGrid extends EntityBase {
  readonly layer: 'microgrid';
  readonly code: string;
  readonly name: string;
  /** Code of the grid it belongs to. */
  readonly parentCode: string;
  readonly staff?: readonly StaffMember[];
  readonly note?: string;
  readonly geometry: AreaGeometry;
}

/**
 * Residents' personal data on a census point. Optional, kept local, never exported unless the user
 * explicitly asks for it (the regulations forbid leaking it).
 */
export interface PersonalData {
  readonly [key: string]: string;
}

/** A census point (实有人口/房屋): a building or household location with counts. */
export interface CensusPoint extends EntityBase {
  readonly layer: 'census';
  readonly lon: number;
  readonly lat: number;
  readonly households: number;
  readonly population: number;
  readonly address?: string;
  readonly personal?: PersonalData;
}

export type Entity = Township | Community | Grid | MicroGrid | CensusPoint;
export type EntityOf<L extends Layer> = Extract<Entity, { layer: L }>;

/** Anything of a division that has an area: every layer but census. */
export type AreaEntity = Township | Community | Grid | MicroGrid;

/** Project-wide facts that travel with the division. */
export interface DivisionMeta {
  readonly name: string;
  /** Identifier of the rule set the division is checked against (`zigong`, `changji`, ... or custom). */
  readonly ruleSetId: string;
  /**
   * EPSG code of the CGCS2000 Gauss-Kruger zone (4491–4554) the division's data was imported from, so
   * that exports can be written back in it. Absent when the data came in longitude/latitude. GeoJSON
   * member `gridplanSourceCrs` (`"EPSG:4523"`).
   */
  readonly sourceZoneEpsg?: number;
  /** Foreign members of the FeatureCollection, kept for a lossless round trip. */
  readonly extra: ExtraProperties;
}

/** A whole division: the document the editor changes and the file other systems read. */
export interface Division {
  readonly meta: DivisionMeta;
  readonly township: ReadonlyMap<string, Township>;
  readonly community: ReadonlyMap<string, Community>;
  readonly grid: ReadonlyMap<string, Grid>;
  readonly microgrid: ReadonlyMap<string, MicroGrid>;
  readonly census: ReadonlyMap<string, CensusPoint>;
}

/** A reference to one entity, as used by deletes. */
export interface EntityRef {
  readonly layer: Layer;
  readonly id: string;
}
