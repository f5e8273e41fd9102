/** One schema step: applied once, in order, recorded in `schema_migrations`. Never edited once shipped. */
export interface CityMigration {
  readonly version: number;
  readonly name: string;
  readonly statements: readonly string[];
}

/**
 * The city office schema (docs/city-office.md). Nothing is overwritten: a filing closes the township's
 * current rows (`valid_to` = the new filing) and inserts the new ones (`valid_from`), so every filed
 * version can be read back. Geometry is CGCS2000 longitude/latitude (SRID 4490), always MultiPolygon.
 */
export const CITY_MIGRATIONS: readonly CityMigration[] = [
  {
    version: 1,
    name: 'townships, filings, communities, grids, comments',
    statements: [
      `CREATE TABLE townships (
         code text PRIMARY KEY CHECK (code ~ '^[0-9]{12}$'),
         name text NOT NULL DEFAULT '',
         county_code text NOT NULL,
         geometry geometry(MultiPolygon, 4490),
         current_filing bigint
       )`,
      `CREATE TABLE filings (
         id bigserial PRIMARY KEY,
         township_code text NOT NULL REFERENCES townships(code),
         version integer NOT NULL,
         base_sha256 text,
         division_sha256 text NOT NULL,
         author text NOT NULL DEFAULT '',
         created_at timestamptz NOT NULL DEFAULT now(),
         manifest jsonb NOT NULL,
         file_hashes jsonb NOT NULL,
         decision text NOT NULL DEFAULT 'filed',
         division text NOT NULL
       )`,
      `ALTER TABLE townships ADD FOREIGN KEY (current_filing) REFERENCES filings(id)`,
      `CREATE TABLE communities (
         id bigserial PRIMARY KEY,
         code text NOT NULL,
         township_code text NOT NULL REFERENCES townships(code),
         name text NOT NULL DEFAULT '',
         attributes jsonb NOT NULL,
         geometry geometry(MultiPolygon, 4490) NOT NULL,
         valid_from bigint NOT NULL REFERENCES filings(id),
         valid_to bigint REFERENCES filings(id)
       )`,
      `CREATE TABLE grids (
         id bigserial PRIMARY KEY,
         code text NOT NULL,
         township_code text NOT NULL REFERENCES townships(code),
         county_code text NOT NULL,
         community_code text NOT NULL,
         name text NOT NULL DEFAULT '',
         attributes jsonb NOT NULL,
         households integer NOT NULL DEFAULT 0,
         population integer NOT NULL DEFAULT 0,
         geometry geometry(MultiPolygon, 4490) NOT NULL,
         valid_from bigint NOT NULL REFERENCES filings(id),
         valid_to bigint REFERENCES filings(id)
       )`,
      `CREATE TABLE comments (
         id bigserial PRIMARY KEY,
         filing_id bigint NOT NULL REFERENCES filings(id),
         grid_code text,
         author text NOT NULL DEFAULT '',
         body text NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now()
       )`,
      `CREATE INDEX grids_geometry_gist ON grids USING gist (geometry)`,
      `CREATE INDEX grids_current_geometry_gist ON grids USING gist (geometry) WHERE valid_to IS NULL`,
      `CREATE INDEX grids_code ON grids (code)`,
      `CREATE INDEX grids_township ON grids (township_code) WHERE valid_to IS NULL`,
      `CREATE INDEX grids_county ON grids (county_code)`,
      // The rows of one filing (the overlap check of `city file` starts from them).
      `CREATE INDEX grids_valid_from ON grids (valid_from)`,
      `CREATE INDEX communities_geometry_gist ON communities USING gist (geometry)`,
      `CREATE INDEX communities_township ON communities (township_code) WHERE valid_to IS NULL`,
      `CREATE INDEX townships_geometry_gist ON townships USING gist (geometry)`,
      `CREATE INDEX filings_township ON filings (township_code, id)`,
    ],
  },
  {
    version: 2,
    name: 'comments: remarks on filings, found by filing, bounded',
    statements: [
      // `city check` and `city pull` list the remarks of the current filings.
      `CREATE INDEX comments_filing ON comments (filing_id, id)`,
      // The same bounds as the command line (MAX_COMMENT_CHARS, MAX_AUTHOR_CHARS in filing-comments.ts).
      `ALTER TABLE comments ADD CONSTRAINT comments_body_length
         CHECK (char_length(body) BETWEEN 1 AND 2000 AND btrim(body) <> '')`,
      `ALTER TABLE comments ADD CONSTRAINT comments_author_length CHECK (char_length(author) <= 200)`,
    ],
  },
  {
    version: 3,
    name: 'micro-grids, filed and closed with their township',
    statements: [
      `CREATE TABLE microgrids (
         id bigserial PRIMARY KEY,
         code text NOT NULL,
         township_code text NOT NULL REFERENCES townships(code),
         county_code text NOT NULL,
         grid_code text NOT NULL,
         name text NOT NULL DEFAULT '',
         attributes jsonb NOT NULL,
         households integer NOT NULL DEFAULT 0,
         population integer NOT NULL DEFAULT 0,
         geometry geometry(MultiPolygon, 4490) NOT NULL,
         valid_from bigint NOT NULL REFERENCES filings(id),
         valid_to bigint REFERENCES filings(id)
       )`,
      `CREATE INDEX microgrids_current_geometry_gist ON microgrids USING gist (geometry) WHERE valid_to IS NULL`,
      `CREATE INDEX microgrids_township ON microgrids (township_code) WHERE valid_to IS NULL`,
      `CREATE INDEX microgrids_county ON microgrids (county_code) WHERE valid_to IS NULL`,
    ],
  },
];
