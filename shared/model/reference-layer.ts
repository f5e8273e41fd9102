import type { Feature, LineString, MultiLineString, MultiPolygon, Polygon } from 'geojson';

/** What a reference layer (参考图层) shows; it decides how it is drawn and how automatic division uses it. */
export const REFERENCE_ROLES = [
  'road',
  'river',
  'railway',
  'compound',
  'building',
  'neighbour',
  'other',
] as const;
export type ReferenceRole = (typeof REFERENCE_ROLES)[number];

/** Line layers (roads, rivers, railways) are preferred boundaries; polygon layers (compounds 小区,
 * buildings) are never cut by automatic division. */
export type ReferenceGeometry = LineString | MultiLineString | Polygon | MultiPolygon;

/**
 * A layer drawn under the division for reference and used by snapping, tracing and automatic division:
 * streets, rivers, railways, residential compounds, building footprints, a neighbour township's border
 * grids. It is not part of the division (never exported as grids, never validated); it is stored in the
 * project beside it. Coordinates are longitude/latitude (CGCS2000/WGS84) like the division.
 */
export interface ReferenceLayer {
  readonly id: string;
  readonly name: string;
  readonly role: ReferenceRole;
  /** Whether it is drawn on the map (switchable); hidden layers still guide division when chosen. */
  readonly visible: boolean;
  /** Features with their original attributes (a street's name is used by the notice's 四至). */
  readonly features: readonly Feature<ReferenceGeometry>[];
  /** The attribute whose value labels a feature on the map (a street's name), when there is one. */
  readonly labelField?: string;
  /** The file it was imported from, for the panel (e.g. `roads.shp`). */
  readonly source?: string;
  /** The city office's remarks (市级意见) that came with a pulled file, kept with its neighbours' layer. */
  readonly cityComments?: readonly CityComment[];
}

/**
 * A remark of the city office on the township's filing, as a `gridplan city pull` file carries it in its
 * foreign member `cityComments`: on the filing as a whole, or on one of its grids (by grid code).
 */
export interface CityComment {
  /** The grid code it is about, when it is about one grid. */
  readonly grid?: string;
  readonly author: string;
  readonly body: string;
  /** When it was written, as the city database gave it (ISO 8601 or PostgreSQL's text form). */
  readonly createdAt: string;
}

/** Whether a role's features are lines that boundaries should follow (else polygons never to be cut). */
export function isLineRole(role: ReferenceRole): boolean {
  return role === 'road' || role === 'river' || role === 'railway' || role === 'other';
}
