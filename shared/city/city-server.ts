import type { CityDatabase } from './city-database';
import { filedGeoJsonSql, numberColumn, stringColumn } from './city-database';

/** A request as the host's HTTP server hands it over. */
export interface CityRequest {
  readonly method: string;
  /** Path without the query, e.g. `/collections/grids/items`. */
  readonly path: string;
  /** Query parameters in order (a name may repeat). */
  readonly query: readonly (readonly [string, string])[];
}

/** The answer the host writes back. */
export interface CityResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array | string;
}

/** Most features one items request returns (OGC API Features lets a server cap `limit`). */
export const MAX_ITEMS_LIMIT = 1000;
/** Default `limit` of an items request. */
export const DEFAULT_ITEMS_LIMIT = 100;
/** Deepest tile zoom served. */
export const MAX_TILE_ZOOM = 20;

const GEOJSON = 'application/geo+json';
const JSON_TYPE = 'application/json';
const MVT = 'application/vnd.mapbox-vector-tile';

function json(status: number, body: unknown, type = JSON_TYPE): CityResponse {
  return { status, headers: { 'content-type': `${type}; charset=utf-8` }, body: JSON.stringify(body) };
}

function badRequest(description: string): CityResponse {
  return json(400, { code: 'InvalidParameterValue', description });
}

const ITEMS_COUNT = `
  SELECT count(*) AS matched FROM grids
  WHERE valid_to IS NULL
    AND ($1::float8 IS NULL OR geometry && ST_MakeEnvelope($1, $2, $3, $4, 4490))`;

const ITEMS_PAGE = `
  SELECT id, code, township_code, county_code, community_code, attributes, households, population,
         ${filedGeoJsonSql('geometry', 8)} AS geometry
  FROM grids
  WHERE valid_to IS NULL
    AND ($1::float8 IS NULL OR geometry && ST_MakeEnvelope($1, $2, $3, $4, 4490))
  ORDER BY id
  LIMIT $5 OFFSET $6`;

const TILE = `
  WITH bounds AS (SELECT ST_TileEnvelope($1, $2, $3) AS env),
  features AS (
    SELECT ST_AsMVTGeom(ST_Transform(g.geometry, 3857), bounds.env, 4096, 64, true) AS geom,
           g.code, g.name, g.township_code AS township, g.community_code AS community,
           g.households, g.population
    FROM grids g, bounds
    WHERE g.valid_to IS NULL AND g.geometry && ST_Transform(bounds.env, 4490)
  )
  SELECT ST_AsMVT(features, 'grids', 4096, 'geom') AS tile FROM features WHERE geom IS NOT NULL`;

/** Reads a whole number in [min, max] from a query value, or undefined. */
function wholeNumber(value: string, min: number, max: number): number | undefined {
  if (!/^\d{1,10}$/.test(value)) return undefined;
  const n = Number(value);
  return n >= min && n <= max ? n : undefined;
}

function parseBbox(value: string): [number, number, number, number] | string {
  const parts = value.split(',');
  if (parts.length !== 4) return 'bbox must be four numbers: minLon,minLat,maxLon,maxLat';
  const numbers = parts.map((part) =>
    /^\s*-?\d+(\.\d+)?([eE][-+]?\d+)?\s*$/.test(part) ? Number(part) : NaN,
  );
  if (numbers.some((n) => !Number.isFinite(n))) return 'bbox must be four numbers';
  const [minX, minY, maxX, maxY] = numbers as [number, number, number, number];
  if (minX < -180 || maxX > 180 || minY < -90 || maxY > 90) return 'bbox is outside longitude/latitude';
  if (minX > maxX || minY > maxY) return 'bbox minimum is above its maximum';
  return [minX, minY, maxX, maxY];
}

/**
 * The read-only HTTP API of `city serve` (../shared/spec/interchange.md): OGC API Features (landing page,
 * conformance, `/collections`, `/collections/grids`, `/collections/grids/items` with `bbox`, `limit`
 * (≤ {@link MAX_ITEMS_LIMIT}), `offset` and next/prev links) over the current filed grids, and Mapbox
 * vector tiles `/tiles/{z}/{x}/{y}.mvt` (z ≤ {@link MAX_TILE_ZOOM}) made by PostGIS' ST_AsMVT. Writes
 * are refused (405), bad parameters answered with 400; a database failure is a 500 without details.
 */
export function cityRequestHandler(
  db: CityDatabase,
  baseUrl: string,
): (request: CityRequest) => Promise<CityResponse> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return {
        status: 405,
        headers: { allow: 'GET, HEAD', 'content-type': `${JSON_TYPE}; charset=utf-8` },
        body: JSON.stringify({ code: 'MethodNotAllowed', description: 'this server is read-only' }),
      };
    }
    const path = request.path.replace(/\/+$/, '') || '/';
    if (path === '/') return json(200, landing(baseUrl));
    if (path === '/conformance') {
      return json(200, {
        conformsTo: [
          'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
          'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
        ],
      });
    }
    if (path === '/collections') return json(200, { links: [], collections: [collection(baseUrl)] });
    if (path === '/collections/grids') return json(200, collection(baseUrl));
    if (path === '/collections/grids/items') return items(db, baseUrl, request.query);
    const tile = /^\/tiles\/(\d+)\/(\d+)\/(\d+)\.mvt$/.exec(path);
    if (tile) return vectorTile(db, tile[1]!, tile[2]!, tile[3]!);
    return json(404, { code: 'NotFound', description: `no such resource: ${path.slice(0, 200)}` });
  };
}

function landing(baseUrl: string): unknown {
  return {
    title: 'GridPlan city office',
    description: 'Filed grid divisions (OGC API Features, vector tiles)',
    links: [
      { href: `${baseUrl}/`, rel: 'self', type: JSON_TYPE },
      { href: `${baseUrl}/conformance`, rel: 'conformance', type: JSON_TYPE },
      { href: `${baseUrl}/collections`, rel: 'data', type: JSON_TYPE },
      { href: `${baseUrl}/tiles/{z}/{x}/{y}.mvt`, rel: 'item', type: MVT, templated: true },
    ],
  };
}

function collection(baseUrl: string): unknown {
  return {
    id: 'grids',
    title: 'Grids (current filed versions)',
    itemType: 'feature',
    crs: ['http://www.opengis.net/def/crs/OGC/1.3/CRS84'],
    links: [
      { href: `${baseUrl}/collections/grids`, rel: 'self', type: JSON_TYPE },
      { href: `${baseUrl}/collections/grids/items`, rel: 'items', type: GEOJSON },
    ],
  };
}

async function items(
  db: CityDatabase,
  baseUrl: string,
  query: readonly (readonly [string, string])[],
): Promise<CityResponse> {
  let bbox: [number, number, number, number] | undefined;
  let limit = DEFAULT_ITEMS_LIMIT;
  let offset = 0;
  const seen = new Set<string>();
  for (const [name, value] of query) {
    if (seen.has(name)) return badRequest(`parameter ${name.slice(0, 40)} given twice`);
    seen.add(name);
    if (name === 'bbox') {
      const parsed = parseBbox(value);
      if (typeof parsed === 'string') return badRequest(parsed);
      bbox = parsed;
    } else if (name === 'limit') {
      // Above the cap is answered with the cap (the spec lets a server do so); nonsense is a 400.
      const n = wholeNumber(value, 1, Number.MAX_SAFE_INTEGER);
      if (n === undefined) return badRequest('limit must be a whole number ≥ 1');
      limit = Math.min(n, MAX_ITEMS_LIMIT);
    } else if (name === 'offset') {
      const n = wholeNumber(value, 0, 1_000_000_000);
      if (n === undefined) return badRequest('offset must be a whole number ≥ 0');
      offset = n;
    } else if (name !== 'f') {
      return badRequest(`unknown parameter ${name.slice(0, 40)}`);
    }
  }
  const box = bbox ?? [null, null, null, null];
  const matchedRows = await db.query(ITEMS_COUNT, box);
  const matched = numberColumn(matchedRows[0] ?? {}, 'matched');
  const rows = await db.query(ITEMS_PAGE, [...box, limit, offset]);
  const features = rows.map((row) => ({
    type: 'Feature',
    id: stringColumn(row, 'id'),
    geometry: JSON.parse(stringColumn(row, 'geometry')) as unknown,
    properties: {
      ...(typeof row.attributes === 'object' && row.attributes !== null ? row.attributes : {}),
      township: stringColumn(row, 'township_code'),
      county: stringColumn(row, 'county_code'),
      households: numberColumn(row, 'households'),
      population: numberColumn(row, 'population'),
    },
  }));
  const page = (at: number) => {
    const box = bbox ? `bbox=${encodeURIComponent(bbox.join(','))}&` : '';
    return `${baseUrl}/collections/grids/items?${box}limit=${limit}&offset=${at}`;
  };
  const links: unknown[] = [{ href: page(offset), rel: 'self', type: GEOJSON }];
  if (offset + rows.length < matched) links.push({ href: page(offset + limit), rel: 'next', type: GEOJSON });
  if (offset > 0) links.push({ href: page(Math.max(0, offset - limit)), rel: 'prev', type: GEOJSON });
  return json(
    200,
    {
      type: 'FeatureCollection',
      numberMatched: matched,
      numberReturned: features.length,
      links,
      features,
    },
    GEOJSON,
  );
}

async function vectorTile(
  db: CityDatabase,
  zText: string,
  xText: string,
  yText: string,
): Promise<CityResponse> {
  const z = wholeNumber(zText, 0, MAX_TILE_ZOOM);
  if (z === undefined) return badRequest(`tile zoom must be 0…${MAX_TILE_ZOOM}`);
  const size = 2 ** z;
  const x = wholeNumber(xText, 0, size - 1);
  const y = wholeNumber(yText, 0, size - 1);
  if (x === undefined || y === undefined)
    return badRequest(`tile x and y must be 0…${size - 1} at zoom ${z}`);
  const rows = await db.query(TILE, [z, x, y]);
  const tile = rows[0]?.tile;
  const body = tile instanceof Uint8Array ? tile : new Uint8Array();
  return { status: 200, headers: { 'content-type': MVT }, body };
}
