import type { Feature, Geometry } from 'geojson';
import { CITY_FILING_MEMBER, pulledContentSha256 } from '../formats/embedded-city-filing';
import { parseDivisionGeoJson } from '../formats/geojson';
import type { ReferenceLayer } from '../model';
import type { CityDatabase } from './city-database';
import { filedGeoJsonSql, numberColumn, stringColumn } from './city-database';
import { commentsOfFilings } from './filing-comments';

/** How near (degrees, about 5 m) a neighbour's grid must come to the township to be a border grid. */
export const BORDER_DISTANCE_DEG = 0.00005;

/** Value of `properties.referenceLayer` on every neighbour grid of a pulled file. */
export const NEIGHBOUR_MARKER = 'neighbour';

const FILED = `
  SELECT f.id, f.division, f.version, f.division_sha256
  FROM townships t JOIN filings f ON f.id = t.current_filing
  WHERE t.code = $1`;

// The township's own boundary when it was filed, else the union of its grids; the GiST index on grids
// finds the other townships' current grids within the distance.
const BORDER_GRIDS = `
  WITH own AS (
    SELECT coalesce(
      (SELECT geometry FROM townships WHERE code = $1),
      (SELECT ST_Multi(ST_Union(geometry)) FROM grids WHERE township_code = $1 AND valid_to IS NULL)
    ) AS geom
  )
  SELECT g.code, g.township_code, g.attributes, ${filedGeoJsonSql('g.geometry')} AS geometry
  FROM grids g, own
  WHERE g.valid_to IS NULL AND g.township_code <> $1 AND ST_DWithin(g.geometry, own.geom, $2)
  ORDER BY g.township_code, g.code`;

/** What `city pull` gives a township. */
export type PullOutcome =
  | {
      readonly kind: 'pulled';
      /** The filed division.geojson with the foreign member `referenceLayers` added. */
      readonly text: string;
      readonly version: number;
      /** SHA-256 of the filed division.geojson: the base a township's next package must name. */
      readonly divisionSha256: string;
      readonly neighbourGrids: number;
    }
  | { readonly kind: 'not-filed'; readonly township: string };

/**
 * The township's current filed division (its `division.geojson` as filed) plus its neighbours' border
 * grids as a reference layer: the FeatureCollection's foreign member `referenceLayers` holds one
 * {@link ReferenceLayer} of role `neighbour` whose features carry `referenceLayer: "neighbour"` and
 * `township` in their properties. Foreign members survive GridPlan's reader, so the file stays a division
 * file any command reads; the app shows the layer for snapping to the neighbour's border.
 */
export async function pullTownship(
  db: CityDatabase,
  township: string,
  distanceDeg = BORDER_DISTANCE_DEG,
): Promise<PullOutcome> {
  const filed = await db.query(FILED, [township]);
  const row = filed[0];
  if (!row) return { kind: 'not-filed', township };
  const neighbours = await db.query(BORDER_GRIDS, [township, distanceDeg]);
  const features: Feature[] = neighbours.map((grid) => ({
    type: 'Feature',
    id: `${stringColumn(grid, 'township_code')}/${stringColumn(grid, 'code')}`,
    properties: {
      ...(typeof grid.attributes === 'object' && grid.attributes !== null ? grid.attributes : {}),
      referenceLayer: NEIGHBOUR_MARKER,
      township: stringColumn(grid, 'township_code'),
    },
    geometry: JSON.parse(stringColumn(grid, 'geometry')) as Geometry,
  }));
  const layer: ReferenceLayer = {
    id: `city-neighbours-${township}`,
    name: '相邻乡镇边界网格 / Neighbours’ border grids',
    role: 'neighbour',
    visible: true,
    features: features as ReferenceLayer['features'],
  };
  const division = JSON.parse(stringColumn(row, 'division')) as Record<string, unknown>;
  const referenceLayers = Array.isArray(division.referenceLayers)
    ? (division.referenceLayers as unknown[]).filter(
        (item) =>
          !(typeof item === 'object' && item !== null && (item as { role?: unknown }).role === 'neighbour'),
      )
    : [];
  // The office's remarks on this filing, as the optional foreign member `cityComments` (replaced, never
  // accumulated, when a pulled file is filed and pulled again).
  const remarks = (await commentsOfFilings(db, [numberColumn(row, 'id')])).get(numberColumn(row, 'id'));
  const { cityComments: _previous, [CITY_FILING_MEMBER]: _filing, ...asFiled } = division;
  // Which filed version this is, so that a package made against it names it as its base
  // (embedded-city-filing.ts); the content hash tells an edited copy from the version itself.
  const filedText = stringColumn(row, 'division');
  const parsed = parseDivisionGeoJson(filedText);
  const filing = parsed.ok
    ? {
        [CITY_FILING_MEMBER]: {
          township,
          version: Number(row.version),
          divisionSha256: stringColumn(row, 'division_sha256'),
          contentSha256: pulledContentSha256(parsed.value),
        },
      }
    : {};
  const text = `${JSON.stringify({
    ...asFiled,
    referenceLayers: [...referenceLayers, layer],
    ...(remarks ? { cityComments: remarks } : {}),
    ...filing,
  })}\n`;
  return {
    kind: 'pulled',
    text,
    version: Number(row.version),
    divisionSha256: stringColumn(row, 'division_sha256'),
    neighbourGrids: features.length,
  };
}
