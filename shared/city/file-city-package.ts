import type { Feature } from 'geojson';
import { countCensus } from '../geometry/count-census';
import type { CensusTally } from '../geometry/count-census';
import type { FilingPackage } from '../formats/filing-package';
import { DIVISION_PATH } from '../formats/filing-package';
import { toGeoJson } from '../formats/geojson';
import { decodeText } from '../formats/text-encoding';
import { invalidGeometryProblem } from '../geometry/invalid-geometry-problem';
import { isSignificantArea } from '../geometry/piece-size';
import type { Grid, LocalText, MicroGrid } from '../model';
import { text } from '../model';
import type { CityDatabase, CityRow } from './city-database';
import { CityRefusal, numberColumn, stringColumn } from './city-database';
import type { FilingComment } from './filing-comments';
import { insertFilingComment } from './filing-comments';

/** A filing as the office lists it (in answers and refusals). */
export interface FilingSummary {
  readonly id: number;
  readonly township: string;
  readonly version: number;
  readonly divisionSha256: string;
  readonly author: string;
  readonly createdAt: string;
}

/** A grid of the package overlapping a grid another township has filed. */
export interface CrossOverlap {
  readonly code: string;
  readonly otherCode: string;
  readonly otherTownship: string;
  readonly areaM2: number;
}

/** A grid of the package that is not a valid polygon, and why. */
export interface InvalidGrid {
  readonly code: string;
  readonly message: LocalText;
}

/** The answer to `city file`: filed, or refused (and then the database is as it was). */
export type FileOutcome =
  | {
      readonly kind: 'filed';
      readonly filing: FilingSummary;
      readonly grids: number;
      /** Rows of the previous version closed (`valid_to` set). */
      readonly closedGrids: number;
      /** The filer's note (`--note`), recorded as the filing's first remark. */
      readonly comment?: FilingComment;
    }
  | {
      readonly kind: 'stale';
      readonly township: string;
      /** The package's base, undefined when it was made without one. */
      readonly baseSha256: string | undefined;
      /** The township's current filed version, undefined when nothing is filed yet. */
      readonly current: FilingSummary | undefined;
      /** Filings after the package's base (all of them when the base is unknown to the office). */
      readonly since: readonly FilingSummary[];
    }
  /** The package's base is current, but its version number is not after the filed one's (a second "version 2"). */
  | {
      readonly kind: 'version-not-after';
      readonly township: string;
      /** The package's version (manifest.json). */
      readonly version: number;
      readonly current: FilingSummary;
    }
  | { readonly kind: 'overlap'; readonly township: string; readonly overlaps: readonly CrossOverlap[] }
  | { readonly kind: 'bad-township'; readonly township: string }
  | { readonly kind: 'invalid-geometry'; readonly township: string; readonly grids: readonly InvalidGrid[] }
  /** Content the database cannot hold (a count past its integers, a NUL character), each said why. */
  | { readonly kind: 'unstorable'; readonly township: string; readonly problems: readonly LocalText[] };

/** Options of {@link fileCityPackage}. */
export interface FileOptions {
  /** Who files (recorded with the filing). */
  readonly author: string;
  /** Overlaps with other townships' grids at least this large are refused (m², default 1). */
  readonly minAreaM2?: number;
  /** The filer's note to the office, kept with the filing (a refusal keeps nothing, the note neither). */
  readonly note?: string;
}

const FILING_COLUMNS = `id, township_code, version, division_sha256, author, created_at`;

/** A filings row as a {@link FilingSummary}. */
export function filingSummary(row: CityRow): FilingSummary {
  return {
    id: numberColumn(row, 'id'),
    township: stringColumn(row, 'township_code'),
    version: numberColumn(row, 'version'),
    divisionSha256: stringColumn(row, 'division_sha256'),
    author: stringColumn(row, 'author'),
    createdAt: stringColumn(row, 'created_at'),
  };
}

/**
 * Inserts a filing's counted areas (grids or micro-grids) from one JSON array of rows: $1 the rows,
 * $2 the township, $3 the county, $4 the filing. `parent` is the row member naming the parent and
 * `parentColumn` the column it is stored in.
 */
function insertCountedAreas(table: string, parentColumn: string, parent: string): string {
  return `
  INSERT INTO ${table} (code, township_code, county_code, ${parentColumn}, name, attributes, households,
                        population, geometry, valid_from)
  SELECT r.code, $2, $3, r.${parent}, r.name, r.attributes, r.households, r.population,
         ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(r.geometry), 4490)), $4
  FROM jsonb_to_recordset($1::jsonb)
       AS r(code text, ${parent} text, name text, attributes jsonb, households integer,
            population integer, geometry jsonb)`;
}

const INSERT_GRIDS = insertCountedAreas('grids', 'community_code', 'community');
const INSERT_MICROGRIDS = insertCountedAreas('microgrids', 'grid_code', 'grid');

const INSERT_COMMUNITIES = `
  INSERT INTO communities (code, township_code, name, attributes, geometry, valid_from)
  SELECT r.code, $2, r.name, r.attributes, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(r.geometry), 4490)), $3
  FROM jsonb_to_recordset($1::jsonb) AS r(code text, name text, attributes jsonb, geometry jsonb)`;

// The new grids (valid_from = this filing) against every other township's current grids: the GiST index
// finds the candidates (&&), PostGIS cuts each overlap into its pieces (areas only: grids that touch
// along an edge or at a corner do not overlap) and measures each on the ellipsoid (geography area, m²)
// with its box, so that the pieces are judged as the validator judges them (crossOverlaps).
const CROSS_OVERLAP_PIECES = `
  SELECT n.code, o.code AS other_code, o.township_code AS other_township,
         ST_Area(piece.geom::geography) AS area_m2,
         ST_XMin(piece.geom) AS min_x, ST_YMin(piece.geom) AS min_y,
         ST_XMax(piece.geom) AS max_x, ST_YMax(piece.geom) AS max_y
  FROM grids n
  JOIN grids o ON o.geometry && n.geometry AND ST_Intersects(o.geometry, n.geometry)
  CROSS JOIN LATERAL ST_Dump(ST_CollectionExtract(ST_Intersection(n.geometry, o.geometry), 3)) AS piece
  WHERE n.valid_from = $1 AND o.valid_to IS NULL AND o.township_code <> $2
  ORDER BY n.code, o.township_code, o.code`;

/**
 * The overlapping pairs among the pieces of {@link CROSS_OVERLAP_PIECES}, each pair's area the sum of
 * its pieces that count: at least `minAreaM2` and at least 1 cm wide on average, as the validator counts
 * overlaps (a strip of 5 mm along a whole border, digitising noise, is not one: the validator and
 * `city check` do not report it, so filing must not refuse it).
 */
function crossOverlaps(rows: readonly CityRow[], minAreaM2: number): CrossOverlap[] {
  const pairs = new Map<string, { code: string; otherCode: string; otherTownship: string; areaM2: number }>();
  for (const row of rows) {
    const areaM2 = numberColumn(row, 'area_m2');
    const box = {
      minX: numberColumn(row, 'min_x'),
      minY: numberColumn(row, 'min_y'),
      maxX: numberColumn(row, 'max_x'),
      maxY: numberColumn(row, 'max_y'),
    };
    if (!(areaM2 > 0) || !isSignificantArea(areaM2, box, minAreaM2)) continue;
    const code = stringColumn(row, 'code');
    const otherCode = stringColumn(row, 'other_code');
    const otherTownship = stringColumn(row, 'other_township');
    const key = JSON.stringify([code, otherTownship, otherCode]);
    const pair = pairs.get(key);
    if (pair) pair.areaM2 += areaM2;
    else pairs.set(key, { code, otherCode, otherTownship, areaM2 });
  }
  return [...pairs.values()];
}

/**
 * The key of the transaction-level advisory lock every filing holds: one filing at a time in the whole
 * city. The township row lock serialises filings of one township, but the overlap check reads other
 * townships' grids, and a neighbour's filing running at the same time has not committed its grids yet:
 * two overlapping neighbours filed together both passed and both committed. Filings are rare and short
 * (20–340 ms), so taking them one after another costs nothing anyone waits for.
 */
const FILING_LOCK = 0x67726964; // "grid" in ASCII: no other user of advisory locks to collide with

/** PostgreSQL's `integer`, what a grid's household and population counts are stored as. */
const MAX_STORED_COUNT = 2_147_483_647;

/** A community or grid as it is inserted (JSON rows for jsonb_to_recordset). */
interface FeatureRow {
  readonly code: string;
  readonly name: string;
  readonly attributes: unknown;
  readonly geometry: unknown;
}

/** A grid or micro-grid with the households and population counted in it when it was filed. */
interface CountedRow extends FeatureRow {
  readonly households: number;
  readonly population: number;
}

interface GridRow extends CountedRow {
  readonly community: string;
}

interface MicrogridRow extends CountedRow {
  /** The code of the grid it is in. */
  readonly grid: string;
}

interface FeatureRows {
  readonly grids: GridRow[];
  readonly microgrids: MicrogridRow[];
  readonly communities: FeatureRow[];
}

function featureRows(pkg: FilingPackage): FeatureRows {
  const counts = countCensus(pkg.division);
  const features = toGeoJson(pkg.division, { omitCensus: true }).features;
  const byId = new Map<string, Feature>();
  for (const feature of features) byId.set(String(feature.id), feature);
  // A grid or micro-grid as stored: its GeoJSON properties and geometry, and its counts.
  const counted = (entity: Grid | MicroGrid, tally: CensusTally | undefined): CountedRow => ({
    code: entity.code,
    name: entity.name,
    attributes: byId.get(entity.id)?.properties ?? { layer: entity.layer, code: entity.code },
    households: tally?.households ?? 0,
    population: tally?.population ?? 0,
    geometry: byId.get(entity.id)?.geometry ?? entity.geometry,
  });
  const grids = [...pkg.division.grid.values()].map((grid) => ({
    ...counted(grid, counts.byGrid.get(grid.id)),
    community: grid.parentCode,
  }));
  const microgrids = [...pkg.division.microgrid.values()].map((microgrid) => ({
    ...counted(microgrid, counts.byMicrogrid.get(microgrid.id)),
    grid: microgrid.parentCode,
  }));
  const communities = [...pkg.division.community.values()].map((community) => ({
    code: community.code,
    name: community.name,
    attributes: byId.get(community.id)?.properties ?? { layer: 'community', code: community.code },
    geometry: byId.get(community.id)?.geometry ?? community.geometry,
  }));
  return { grids, microgrids, communities };
}

/**
 * Files a checked filing package (`city file`, ../shared/spec/interchange.md) in one transaction. The
 * township row is locked first, so two filings of one township are serialised and the second sees the
 * first as its stale base (optimistic concurrency). Refused, with the database unchanged: a base that is
 * not the township's current filed version (with the filings since), a version number not after the
 * filed one's, or grids overlapping another township's current grids by `minAreaM2` or more (every pair named), or grids that are not valid
 * polygons (checked before the database is touched: PostGIS cannot intersect a self-crossing grid, and
 * a 1,000-point star kept the overlap query busy for 70 s before it failed). Filed: the township's
 * current rows are closed (`valid_to`) and the new ones inserted; nothing is overwritten.
 */
export async function fileCityPackage(
  db: CityDatabase,
  pkg: FilingPackage,
  options: FileOptions,
): Promise<FileOutcome> {
  const { manifest } = pkg;
  const township = manifest.township.code;
  if (!/^\d{9}000$/.test(township)) return { kind: 'bad-township', township };
  const invalid = invalidGrids(pkg);
  if (invalid.length > 0) return { kind: 'invalid-geometry', township, grids: invalid };
  const minAreaM2 = options.minAreaM2 ?? 1;
  const rows = featureRows(pkg);
  const unstorable = unstorableContent(rows, [manifest.township.name, options.author, options.note ?? '']);
  if (unstorable.length > 0) return { kind: 'unstorable', township, problems: unstorable };
  const townshipGeometry = [...pkg.division.township.values()].find((t) => t.code === township)?.geometry;
  const divisionText = decodeText(pkg.files.get(DIVISION_PATH) ?? new Uint8Array(), 'utf-8');
  try {
    return await db.transaction(async (tx): Promise<FileOutcome> => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [FILING_LOCK]);
      await tx.query(
        `INSERT INTO townships (code, name, county_code) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING`,
        [township, manifest.township.name, township.slice(0, 6)],
      );
      const locked = await tx.query(`SELECT current_filing FROM townships WHERE code = $1 FOR UPDATE`, [
        township,
      ]);
      const currentId = locked[0]?.current_filing;
      const currentRows =
        currentId === null || currentId === undefined
          ? []
          : await tx.query(`SELECT ${FILING_COLUMNS} FROM filings WHERE id = $1`, [currentId]);
      const current = currentRows[0] ? filingSummary(currentRows[0]) : undefined;
      if (current?.divisionSha256 !== manifest.baseSha256) {
        const history = await tx.query(
          `SELECT ${FILING_COLUMNS} FROM filings WHERE township_code = $1 ORDER BY id`,
          [township],
        );
        const all = history.map(filingSummary);
        const baseAt = all.findIndex((filing) => filing.divisionSha256 === manifest.baseSha256);
        throw new CityRefusal<FileOutcome>({
          kind: 'stale',
          township,
          baseSha256: manifest.baseSha256,
          current,
          since: all.slice(baseAt + 1),
        });
      }
      if (current && manifest.version <= current.version) {
        throw new CityRefusal<FileOutcome>({
          kind: 'version-not-after',
          township,
          version: manifest.version,
          current,
        });
      }
      // Filing numbers follow one another: the next is the largest + 1, not the id sequence's next value,
      // which a refused filing's rolled-back insert would use up (filings 1, 2, 5). The city-wide lock
      // above makes this safe. The sequence is kept at the last number given, so an older GridPlan that
      // still takes its numbers from it cannot collide with these.
      const inserted = await tx.query(
        `INSERT INTO filings (id, township_code, version, base_sha256, division_sha256, author, manifest,
                              file_hashes, division)
         VALUES ((SELECT coalesce(max(id), 0) + 1 FROM filings), $1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8)
         RETURNING ${FILING_COLUMNS}`,
        [
          township,
          manifest.version,
          manifest.baseSha256 ?? null,
          manifest.divisionSha256,
          options.author,
          JSON.stringify(manifest),
          JSON.stringify(manifest.files),
          divisionText,
        ],
      );
      const filing = filingSummary(inserted[0]!);
      // Only where the role may (setval needs UPDATE on the sequence, which a filing role may lack).
      await tx.query(
        `SELECT CASE WHEN has_sequence_privilege(pg_get_serial_sequence('filings', 'id'), 'UPDATE')
                THEN setval(pg_get_serial_sequence('filings', 'id'), $1) END`,
        [filing.id],
      );
      await tx.query(INSERT_GRIDS, [JSON.stringify(rows.grids), township, township.slice(0, 6), filing.id]);
      // The table grows by whole townships faster than autovacuum re-analyses it; with stale estimates
      // the planner scans every stored grid for each new one (measured: 20 ms → 340 ms per filing from
      // the 1st to the 200th township). The GiST index is always the right path for this join, so
      // sequential scans are off for the rest of this transaction only.
      await tx.query('SET LOCAL enable_seqscan = off');
      const overlaps = crossOverlaps(await tx.query(CROSS_OVERLAP_PIECES, [filing.id, township]), minAreaM2);
      if (overlaps.length > 0) throw new CityRefusal<FileOutcome>({ kind: 'overlap', township, overlaps });
      const closed = await tx.query(
        `UPDATE grids SET valid_to = $1 WHERE township_code = $2 AND valid_to IS NULL AND valid_from <> $1
         RETURNING id`,
        [filing.id, township],
      );
      await tx.query(`UPDATE communities SET valid_to = $1 WHERE township_code = $2 AND valid_to IS NULL`, [
        filing.id,
        township,
      ]);
      await tx.query(`UPDATE microgrids SET valid_to = $1 WHERE township_code = $2 AND valid_to IS NULL`, [
        filing.id,
        township,
      ]);
      await tx.query(INSERT_MICROGRIDS, [
        JSON.stringify(rows.microgrids),
        township,
        township.slice(0, 6),
        filing.id,
      ]);
      await tx.query(INSERT_COMMUNITIES, [JSON.stringify(rows.communities), township, filing.id]);
      await tx.query(
        `UPDATE townships
         SET current_filing = $2, name = $3,
             geometry = coalesce(ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($4::text), 4490)), geometry)
         WHERE code = $1`,
        [
          township,
          filing.id,
          manifest.township.name,
          townshipGeometry ? JSON.stringify(townshipGeometry) : null,
        ],
      );
      const comment =
        options.note !== undefined
          ? await insertFilingComment(tx, filing.id, { author: options.author, body: options.note })
          : undefined;
      return {
        kind: 'filed',
        filing,
        grids: rows.grids.length,
        closedGrids: closed.length,
        ...(comment ? { comment } : {}),
      };
    });
  } catch (error) {
    if (error instanceof CityRefusal) return error.answer as FileOutcome;
    throw error;
  }
}

/**
 * What PostgreSQL cannot store, found before it is asked to (it would fail mid-filing, which reads as a
 * bug): a count past its integers or not whole (1.5 households), and the NUL character, which neither
 * its text nor its JSON holds.
 */
function unstorableContent(rows: FeatureRows, texts: readonly string[]): LocalText[] {
  const problems: LocalText[] = [];
  const grid = text('网格', 'grid');
  const microgrid = text('微网格', 'micro-grid');
  for (const [layer, list] of [
    [grid, rows.grids],
    [microgrid, rows.microgrids],
  ] as const) {
    for (const row of list) {
      for (const [count, zh, en] of [
        [row.households, '户数', 'households'],
        [row.population, '人口', 'population'],
      ] as const) {
        if (count > MAX_STORED_COUNT) {
          problems.push(
            text(
              `${layer.zh} ${row.code} 的${zh} ${count} 超出备案库能保存的范围（至多 ${MAX_STORED_COUNT}）：请检查人口点的户数和人口。`,
              `The ${layer.en} ${row.code} has ${count} ${en}, more than the office's database holds (${MAX_STORED_COUNT} at most): check the census points' households and population.`,
            ),
          );
        } else if (!Number.isInteger(count)) {
          problems.push(
            text(
              `${layer.zh} ${row.code} 的${zh} ${count} 不是整数，备案库只保存整数：请检查人口点的户数和人口。`,
              `The ${layer.en} ${row.code} has ${count} ${en}, not a whole number, and the office's database holds whole counts: check the census points' households and population.`,
            ),
          );
        }
      }
    }
  }
  for (const [layer, list] of [
    [grid, rows.grids],
    [microgrid, rows.microgrids],
    [text('社区/行政村', 'community/village'), rows.communities],
  ] as const) {
    for (const row of list) {
      const { geometry: _geometry, ...texts } = row;
      if (holdsNul(texts)) {
        problems.push(
          text(
            `${layer.zh} ${row.code} 的名称或属性中有空字符（U+0000），数据库无法保存：请在 GridPlan 中改正后重新制作报审包。`,
            `The name or attributes of ${layer.en} ${row.code} hold a NUL character (U+0000), which the database cannot store: correct it in GridPlan and make the package again.`,
          ),
        );
      }
    }
  }
  if (texts.some((value) => value.includes('\u0000'))) {
    problems.push(
      text(
        '乡镇名称、备案人或备注中有空字符（U+0000），数据库无法保存。',
        "The township's name, the author or the note holds a NUL character (U+0000), which the database cannot store.",
      ),
    );
  }
  return problems;
}

/** True when a string anywhere in `value` holds the NUL character (not the text "\\u0000"). */
function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(holdsNul);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).some(([key, item]) => key.includes('\u0000') || holdsNul(item));
  }
  return false;
}

/** The package's grids that are not valid polygons (holes and repeated vertices are fine), by code. */
function invalidGrids(pkg: FilingPackage): InvalidGrid[] {
  const found: InvalidGrid[] = [];
  for (const grid of pkg.division.grid.values()) {
    const problem = invalidGeometryProblem(grid.geometry, text(`网格 ${grid.code}`, `grid ${grid.code}`));
    if (problem) found.push({ code: grid.code, message: problem.message });
  }
  return found.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
