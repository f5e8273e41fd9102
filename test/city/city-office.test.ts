import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CityDatabase, CityReport } from '../../shared/city';
import type { MicroGrid } from '../../shared/model';
import { cityRequestHandler, MAX_ITEMS_LIMIT, NEIGHBOUR_MARKER } from '../../shared/city';
import type { CliHost } from '../../shared/cli/run-cli';
import { runCli } from '../../shared/cli/run-cli';
import { parseDivisionGeoJson, stringifyDivision } from '../../shared/formats/geojson';
import { readZip, writeZip } from '../../shared/formats/zip-archive';
import { writeFileSync } from 'node:fs';
import type { RunningServer } from '../../scripts/city-host';
import { openCityDatabase, startHttpServer } from '../../scripts/city-host';
import { nodeHost } from '../shared/cli/node-host';
import { nodeCliHost } from '../../scripts/gridplan-node-host';
import type { TownshipShape } from '../../bench/city-townships';
import { LAT0, LON0, packageOf, townshipCode, townshipDivision } from '../../bench/city-townships';
import type { PgCluster } from './pg-cluster';
import { startPgCluster } from './pg-cluster';

// The city office against a real PostgreSQL 15 + PostGIS server started for this file (no mock).

const SHAPE: Omit<TownshipShape, 'index'> = {
  communities: 2,
  gridsX: 2,
  gridsY: 3,
  width: 0.02,
  height: 0.02,
};
const GRIDS_PER_TOWNSHIP = 2 * 2 * 3;

let cluster: PgCluster;
let db: CityDatabase;
let dir: string;
const outputs: string[] = [];

const host: CliHost = {
  ...nodeHost,
  openCityDatabase: (url) => openCityDatabase(url, 2),
};

async function city(...args: string[]) {
  const result = await runCli(['city', ...args, '--db', cluster.url, '--lang', 'en'], host);
  outputs.push(result.stdout, result.stderr);
  return result;
}

async function writePackage(name: string, bytes: Uint8Array): Promise<string> {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return Promise.resolve(file);
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const rows = await db.query(sql, params);
  return Number(rows[0]?.n ?? NaN);
}

async function snapshot(): Promise<string> {
  const rows = await db.query(
    `SELECT (SELECT count(*) FROM filings) AS filings, (SELECT count(*) FROM grids) AS grids,
            (SELECT count(*) FROM grids WHERE valid_to IS NULL) AS current,
            (SELECT string_agg(code || ':' || coalesce(current_filing::text, '-'), ',' ORDER BY code)
             FROM townships) AS townships`,
  );
  return JSON.stringify(rows[0]);
}

beforeAll(async () => {
  cluster = await startPgCluster();
  dir = mkdtempSync(path.join(tmpdir(), 'gridplan-city-'));
  const opened = await openCityDatabase(cluster.url, 2);
  if (!opened.ok) throw new Error('cannot open the test database');
  db = opened.value;
}, 90_000);

afterAll(async () => {
  await db?.close();
  cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('gridplan city on PostGIS', () => {
  it('init creates the schema once and is idempotent', async () => {
    const first = await city('init');
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toContain('applied 1, 2, 3');
    const second = await city('init');
    expect(second.exitCode).toBe(0);
    expect(second.stdout).toContain('nothing changed');
    expect(await count('SELECT count(*) AS n FROM schema_migrations')).toBe(3);
    const indexes = await db.query(
      `SELECT indexname FROM pg_indexes WHERE tablename = 'grids' AND indexdef LIKE '%gist%'`,
    );
    expect(indexes.length).toBeGreaterThan(0);
  });

  it('files first versions, then a new version against the current base, keeping history', async () => {
    for (const index of [0, 1]) {
      const { bytes } = await packageOf(townshipDivision({ ...SHAPE, index }));
      const result = await city('file', await writePackage(`t${index}-v1.zip`, bytes), '--author', 'tester');
      expect(result.exitCode, result.stderr).toBe(0);
      expect(result.stdout).toContain(`Filed: township ${townshipCode(index)} version 1`);
    }
    const v1 = await packageOf(townshipDivision({ ...SHAPE, index: 0 }));
    const v2 = await packageOf(townshipDivision({ ...SHAPE, index: 0, nameSuffix: '（二）' }), {
      version: 2,
      base: v1.pkg,
    });
    const filed = await city('file', await writePackage('t0-v2.zip', v2.bytes), '--format', 'json');
    expect(filed.exitCode, filed.stderr).toBe(0);
    const json = JSON.parse(filed.stdout) as { status: string; grids: number; closedGrids: number };
    expect(json).toMatchObject({
      status: 'filed',
      grids: GRIDS_PER_TOWNSHIP,
      closedGrids: GRIDS_PER_TOWNSHIP,
    });
    // History kept: both versions' rows are there, only the new ones current.
    expect(await count(`SELECT count(*) AS n FROM grids WHERE township_code = $1`, [townshipCode(0)])).toBe(
      2 * GRIDS_PER_TOWNSHIP,
    );
    expect(
      await count(
        `SELECT count(*) AS n FROM grids WHERE township_code = $1 AND valid_to IS NULL AND name LIKE '%（二）'`,
        [townshipCode(0)],
      ),
    ).toBe(GRIDS_PER_TOWNSHIP);
    // Counted from the package's census points by GridPlan's own counting.
    expect(await count(`SELECT sum(households) AS n FROM grids WHERE valid_to IS NULL`)).toBe(
      2 * GRIDS_PER_TOWNSHIP * 400,
    );
  });

  it('refuses a tampered package or a wrong command line with exit 2, the database unchanged', async () => {
    const before = await snapshot();
    const { bytes } = await packageOf(townshipDivision({ ...SHAPE, index: 7 }));
    const unpacked = readZip(bytes, 'p.zip');
    if (!unpacked.ok) throw new Error('the package does not unzip');
    const altered = writeZip(
      unpacked.value.map((file) =>
        file.name === 'division.geojson'
          ? {
              name: file.name,
              bytes: new TextEncoder().encode(new TextDecoder().decode(file.bytes).replace('社区1', '社区X')),
            }
          : file,
      ),
    );
    const tampered = await city('file', await writePackage('tampered.zip', altered));
    expect(tampered.exitCode).toBe(2);
    expect(tampered.stderr).toContain('division.geojson');
    expect((await city('file')).exitCode).toBe(2);
    expect((await city('bogus')).exitCode).toBe(2);
    expect((await city('serve', '--port', '99999')).exitCode).toBe(2);
    expect((await city('pull', '--township', '12', '--out', path.join(dir, 'x.geojson'))).exitCode).toBe(2);
    const noDb = await runCli(['city', 'check', '--lang', 'en'], host);
    expect(noDb.exitCode).toBe(2);
    expect(noDb.stderr).toContain('--db');
    expect(await snapshot()).toBe(before);
  });

  it('refuses a stale base, naming the filing made since, and leaves the database unchanged', async () => {
    const before = await snapshot();
    const v1 = await packageOf(townshipDivision({ ...SHAPE, index: 0 }));
    const other = await packageOf(townshipDivision({ ...SHAPE, index: 0, nameSuffix: '（丙）' }), {
      version: 2,
      base: v1.pkg,
    });
    const result = await city('file', await writePackage('t0-stale.zip', other.bytes));
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('is not township');
    expect(result.stdout).toMatch(/version 2 \(filing \d+/);
    expect(await snapshot()).toBe(before);
    // A first package with a base the office never saw is stale too.
    const fresh = await packageOf(townshipDivision({ ...SHAPE, index: 5 }), { version: 2, base: v1.pkg });
    const unknown = await city('file', await writePackage('t5.zip', fresh.bytes));
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stdout).toContain('has filed nothing');
    expect(await count(`SELECT count(*) AS n FROM townships WHERE current_filing IS NOT NULL`)).toBe(2);
  });

  it('refuses grids overlapping a neighbour, naming every one, and leaves the database unchanged', async () => {
    const before = await snapshot();
    const shift = -0.002;
    const division = townshipDivision({ ...SHAPE, index: 2, westShift: shift });
    const { bytes } = await packageOf(division);
    const result = await city('file', await writePackage('t2-overlap.zip', bytes), '--format', 'json');
    expect(result.exitCode).toBe(1);
    const answer = JSON.parse(result.stdout) as {
      status: string;
      kind: string;
      overlaps: { code: string; otherCode: string; otherTownship: string; areaM2: number }[];
    };
    expect(answer.status).toBe('refused');
    expect(answer.kind).toBe('overlap');
    // Expected pairs from the lattice itself: township 2's westmost grids against township 1's eastmost.
    const west = LON0 + 2 * SHAPE.width;
    const mine = [...division.grid.values()].filter(
      (g) => g.geometry.type === 'Polygon' && g.geometry.coordinates[0]![0]![0]! < west,
    );
    expect(mine.length).toBe(SHAPE.gridsY);
    const named = new Set(answer.overlaps.map((o) => o.code));
    expect(named).toEqual(new Set(mine.map((g) => g.code)));
    for (const overlap of answer.overlaps) {
      expect(overlap.otherTownship).toBe(townshipCode(1));
      // Each is 0.002° wide × a third of the township's height: check the area PostGIS gave against our own.
      expect(overlap.areaM2).toBeGreaterThan(1);
    }
    expect(answer.overlaps.length).toBe(SHAPE.gridsY);
    expect(await snapshot()).toBe(before);
    const text = await city('file', await writePackage('t2-overlap.zip', bytes));
    expect(text.stdout).toContain('overlap grids other townships have filed');
    for (const code of named) expect(text.stdout).toContain(code);
  });

  it('refuses a package with a self-crossing grid before PostGIS sees it, naming it, the database unchanged', async () => {
    const before = await snapshot();
    const division = townshipDivision({ ...SHAPE, index: 2, westShift: -0.002 });
    const grid = [...division.grid.values()][0]!;
    const ring = (grid.geometry.type === 'Polygon' ? grid.geometry.coordinates[0]! : []).slice(0, 4);
    // The same corners in bow-tie order: the boundary crosses itself once.
    const bowTie = [ring[0]!, ring[2]!, ring[1]!, ring[3]!, ring[0]!];
    const broken = {
      ...division,
      grid: new Map(division.grid).set(grid.id, {
        ...grid,
        geometry: { type: 'Polygon' as const, coordinates: [bowTie] },
      }),
    };
    const { bytes } = await packageOf(broken);
    const result = await city('file', await writePackage('t2-bow-tie.zip', bytes), '--format', 'json');
    expect(result.exitCode).toBe(1);
    const answer = JSON.parse(result.stdout) as { status: string; kind: string; grids: { code: string }[] };
    expect([answer.status, answer.kind]).toEqual(['refused', 'invalid-geometry']);
    expect(answer.grids.map((g) => g.code)).toEqual([grid.code]);
    expect(await snapshot()).toBe(before);
    const text = await city('file', await writePackage('t2-bow-tie.zip', bytes));
    expect(text.stdout).toContain('is not a valid polygon');
    expect(text.stdout).toContain(grid.code);
  });

  it('checks the whole city with the validator; overlaps and gaps agree with PostGIS', async () => {
    // Township 2 filed with a strip left uncovered along its border with 1 (a gap), township 3 overlapping
    // township 2 (accepted with a huge --min-area, as an office might during a transition).
    const gap = await packageOf(townshipDivision({ ...SHAPE, index: 2, westShift: 0.001 }));
    expect((await city('file', await writePackage('t2-gap.zip', gap.bytes))).exitCode).toBe(0);
    const over = await packageOf(townshipDivision({ ...SHAPE, index: 3, westShift: -0.0015 }));
    const forced = await city('file', await writePackage('t3.zip', over.bytes), '--min-area', '1e12');
    expect(forced.exitCode, forced.stdout).toBe(0);

    const result = await city('check', '--format', 'json');
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout) as CityReport;
    expect(report.summary.grids).toBe(4 * GRIDS_PER_TOWNSHIP);
    expect(report.grids).toHaveLength(4 * GRIDS_PER_TOWNSHIP);
    expect(report.townships.map((t) => t.code)).toEqual([0, 1, 2, 3].map((i) => townshipCode(i)));
    expect(report.townships.every((t) => t.households === GRIDS_PER_TOWNSHIP * 400)).toBe(true);
    expect(report.counties).toEqual([
      expect.objectContaining({ code: '510302', townships: 4, grids: 4 * GRIDS_PER_TOWNSHIP }),
    ]);

    // Overlaps between grids of different townships: the validator's total against PostGIS.
    const overlapIssues = report.issues.filter(
      (issue) =>
        issue.rule === 'overlap' &&
        issue.codes.some((c) => c.startsWith(townshipCode(3).slice(0, 9))) &&
        issue.codes.some((c) => c.startsWith(townshipCode(2).slice(0, 9))) &&
        issue.codes.every((c) => c.length === 15),
    );
    expect(overlapIssues.length).toBeGreaterThan(0);
    const validatorOverlap = overlapIssues.reduce((sum, issue) => sum + (issue.areaM2 ?? 0), 0);
    const postgisOverlap = Number(
      (
        await db.query(`
          SELECT sum(ST_Area(ST_Intersection(a.geometry, b.geometry)::geography)) AS area
          FROM grids a JOIN grids b ON a.geometry && b.geometry AND a.township_code < b.township_code
          WHERE a.valid_to IS NULL AND b.valid_to IS NULL`)
      )[0]?.area,
    );
    expect(postgisOverlap).toBeGreaterThan(1000);
    expect(Math.abs(validatorOverlap - postgisOverlap) / postgisOverlap).toBeLessThan(0.005);

    // The gap along township 2's west border: the validator's gap in township 2 against ST_Difference.
    const gapIssues = report.issues.filter(
      (issue) => issue.rule === 'gap' && issue.codes.includes(townshipCode(2)),
    );
    expect(gapIssues.length).toBeGreaterThan(0);
    const validatorGap = gapIssues.reduce((sum, issue) => sum + (issue.areaM2 ?? 0), 0);
    const postgisGap = Number(
      (
        await db.query(
          `SELECT ST_Area(ST_Difference(t.geometry, (SELECT ST_Union(geometry) FROM communities
                    WHERE township_code = t.code AND valid_to IS NULL))::geography) AS area
           FROM townships t WHERE t.code = $1`,
          [townshipCode(2)],
        )
      )[0]?.area,
    );
    expect(postgisGap).toBeGreaterThan(1000);
    expect(Math.abs(validatorGap - postgisGap) / postgisGap).toBeLessThan(0.005);
    expect(report.townships.find((t) => t.code === townshipCode(2))!.errors).toBeGreaterThan(0);
  });

  it('reports a code filed by two townships as a city-wide duplicate', async () => {
    const division = townshipDivision({ ...SHAPE, index: 6 });
    const taken = [...townshipDivision({ ...SHAPE, index: 0 }).grid.values()][0]!.code;
    const grids = new Map(division.grid);
    const first = [...grids.values()][0]!;
    grids.set(first.id, { ...first, code: taken });
    const { bytes } = await packageOf({ ...division, grid: grids });
    expect((await city('file', await writePackage('t6.zip', bytes))).exitCode).toBe(0);
    const report = JSON.parse((await city('check', '--format', 'json')).stdout) as CityReport;
    const duplicate = report.issues.find(
      (issue) => issue.rule === 'duplicate-code' && issue.codes.includes(taken),
    );
    expect(duplicate).toBeDefined();
  });

  it('exports the city to GeoJSON and shapefile', async () => {
    const geojson = path.join(dir, 'city.geojson');
    const result = await city('export', '--to', 'geojson', '--out', geojson);
    expect(result.exitCode, result.stderr).toBe(0);
    const parsed = parseDivisionGeoJson(readFileSync(geojson, 'utf8'));
    expect(parsed.ok && parsed.value.grid.size).toBe(5 * GRIDS_PER_TOWNSHIP);
    const shapefile = path.join(dir, 'city.zip');
    expect((await city('export', '--to', 'shapefile', '--out', shapefile)).exitCode).toBe(0);
    expect(statSync(shapefile).size).toBeGreaterThan(1000);
    expect((await city('export', '--to', 'kml', '--out', shapefile)).exitCode).toBe(2);
    // A county that has filed nothing: said alike for both formats, and no file written.
    for (const to of ['geojson', 'shapefile']) {
      const none = path.join(dir, `none.${to}`);
      const empty = await city('export', '--to', to, '--county', '999999', '--out', none);
      expect(empty.exitCode).toBe(1);
      expect(empty.stderr).toBe(
        `The city database holds no filed grids in county 999999; ${none} was not written.\n`,
      );
      expect(() => statSync(none)).toThrow();
    }
  });

  it('pulls a township with its neighbours’ border grids as a reference layer', async () => {
    const out = path.join(dir, 'pull.geojson');
    const result = await city('pull', '--township', townshipCode(1), '--out', out);
    expect(result.exitCode, result.stderr).toBe(0);
    const file = JSON.parse(readFileSync(out, 'utf8')) as {
      features: { properties: { layer: string } }[];
      referenceLayers: {
        role: string;
        features: { properties: { referenceLayer: string; township: string; code: string } }[];
      }[];
    };
    expect(file.features.filter((f) => f.properties.layer === 'grid')).toHaveLength(GRIDS_PER_TOWNSHIP);
    const layer = file.referenceLayers.find((l) => l.role === 'neighbour')!;
    // Township 0's east column touches township 1's border; township 2 left a 0.001° (≈ 100 m) strip
    // uncovered along it, so its grids are not border grids.
    expect(new Set(layer.features.map((f) => f.properties.township))).toEqual(new Set([townshipCode(0)]));
    expect(layer.features.length).toBe(SHAPE.gridsY);
    expect(layer.features.every((f) => f.properties.referenceLayer === NEIGHBOUR_MARKER)).toBe(true);
    // Township 3 reaches into township 2: township 2's east column is its neighbour's border.
    const out3 = path.join(dir, 'pull3.geojson');
    expect((await city('pull', '--township', townshipCode(3), '--out', out3)).exitCode).toBe(0);
    const file3 = JSON.parse(readFileSync(out3, 'utf8')) as typeof file;
    const layer3 = file3.referenceLayers.find((l) => l.role === 'neighbour')!;
    expect(new Set(layer3.features.map((f) => f.properties.township))).toEqual(new Set([townshipCode(2)]));
    expect(layer3.features.length).toBe(SHAPE.gridsY);
    // Still a division file for every other command.
    const parsed = parseDivisionGeoJson(readFileSync(out, 'utf8'));
    expect(parsed.ok && parsed.value.grid.size).toBe(GRIDS_PER_TOWNSHIP);
    const missing = await city('pull', '--township', townshipCode(40), '--out', out);
    expect(missing.exitCode).toBe(1);
  });

  describe('serve', () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startHttpServer({ port: 0, host: '127.0.0.1' }, (base) => cityRequestHandler(db, base));
    });
    afterAll(async () => server?.close());

    async function get(url: string, init?: RequestInit) {
      const response = await fetch(url.startsWith('http') ? url : `${server.url}${url}`, init);
      const body = new Uint8Array(await response.arrayBuffer());
      outputs.push(new TextDecoder().decode(body));
      return { status: response.status, type: response.headers.get('content-type') ?? '', body };
    }
    const json = (body: Uint8Array) => JSON.parse(new TextDecoder().decode(body)) as Record<string, unknown>;

    it('serves items with limit, paging links and bbox', async () => {
      const total = 5 * GRIDS_PER_TOWNSHIP;
      const first = await get('/collections/grids/items?limit=7');
      expect(first.status).toBe(200);
      expect(first.type).toContain('application/geo+json');
      const page = json(first.body) as {
        numberMatched: number;
        numberReturned: number;
        links: { rel: string; href: string }[];
        features: { id: string }[];
      };
      expect(page.numberMatched).toBe(total);
      expect(page.numberReturned).toBe(7);
      const seen = new Set(page.features.map((f) => f.id));
      let next = page.links.find((l) => l.rel === 'next')?.href;
      while (next) {
        const more = json((await get(next)).body) as typeof page;
        for (const feature of more.features) seen.add(feature.id);
        expect(more.links.some((l) => l.rel === 'prev')).toBe(true);
        next = more.links.find((l) => l.rel === 'next')?.href;
      }
      expect(seen.size).toBe(total);
      // bbox inside township 0 only (its western half).
      const bbox = [LON0 + 0.001, LAT0 - 0.019, LON0 + 0.008, LAT0 - 0.001].join(',');
      const inside = json((await get(`/collections/grids/items?bbox=${bbox}`)).body) as {
        features: { properties: { township: string } }[];
      };
      expect(inside.features.length).toBeGreaterThan(0);
      expect(inside.features.every((f) => f.properties.township === townshipCode(0))).toBe(true);
      const capped = json((await get('/collections/grids/items?limit=100000')).body);
      expect(capped.numberReturned).toBe(Math.min(total, MAX_ITEMS_LIMIT));
      expect((await get('/')).status).toBe(200);
      expect(json((await get('/collections')).body).collections).toHaveLength(1);
    });

    it('answers bad parameters with 400 and writes with 405', async () => {
      for (const bad of [
        '/collections/grids/items?limit=abc',
        '/collections/grids/items?limit=0',
        '/collections/grids/items?bbox=1,2,3',
        '/collections/grids/items?bbox=10,10,5,5',
        '/collections/grids/items?offset=-1',
        '/collections/grids/items?sql=drop',
        '/tiles/21/0/0.mvt',
        '/tiles/3/8/0.mvt',
      ]) {
        expect((await get(bad)).status, bad).toBe(400);
      }
      for (const method of ['POST', 'PUT', 'DELETE']) {
        expect((await get('/collections/grids/items', { method })).status).toBe(405);
      }
      expect(await count('SELECT count(*) AS n FROM grids WHERE valid_to IS NULL')).toBe(
        5 * GRIDS_PER_TOWNSHIP,
      );
    });

    it('serves Mapbox vector tiles made by ST_AsMVT', async () => {
      const z = 14;
      const lon = LON0 + 0.005;
      const lat = LAT0 - 0.005;
      const x = Math.floor(((lon + 180) / 360) * 2 ** z);
      const rad = (lat * Math.PI) / 180;
      const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * 2 ** z);
      const tile = await get(`/tiles/${z}/${x}/${y}.mvt`);
      expect(tile.status).toBe(200);
      expect(tile.type).toBe('application/vnd.mapbox-vector-tile');
      const decoded = new VectorTile(new PbfReader(tile.body));
      const layer = decoded.layers.grids!;
      expect(layer.length).toBeGreaterThan(0);
      const codes = new Set<string>();
      for (let i = 0; i < layer.length; i++) codes.add(String(layer.feature(i).properties.code));
      expect([...codes].some((code) => code.startsWith(townshipCode(0).slice(0, 9)))).toBe(true);
      const empty = await get(`/tiles/${z}/0/0.mvt`);
      expect(empty.status).toBe(200);
      expect(new VectorTile(new PbfReader(empty.body)).layers.grids).toBeUndefined();
    });
  });

  it('serves from the command line until stopped, on loopback by default', async () => {
    const entry = path.resolve(import.meta.dirname, '../../scripts/gridplan.ts');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', entry, 'city', 'serve', '--db', cluster.url, '--port', '0', '--lang', 'en'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const found = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(stderr);
        if (found) resolve(found[1]!);
      });
      child.once('exit', () => reject(new Error(`serve exited: ${stderr}`)));
    });
    const collections = await fetch(`${url}/collections`);
    expect(collections.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toContain('The server has stopped');
    outputs.push(stdout, stderr);
  });

  it('checks with a rule-set file, and its report is gridplan validate’s on the exported city', async () => {
    const rules = path.join(dir, 'county.json');
    writeFileSync(
      rules,
      JSON.stringify({
        id: 'my-county',
        name: { zh: '本县', en: 'Our county' },
        source: '本县网格化实施细则',
        urban: { minHouseholds: 100, maxHouseholds: 200 },
        rural: null,
      }),
    );
    const checked = await city('check', '--format', 'json', '--rules', rules);
    const report = JSON.parse(checked.stdout) as CityReport;
    expect(report.ruleSet).toBe('my-county');
    // 400 households a grid is above this county's 200: every grid is over.
    expect(report.issues.filter((issue) => issue.rule === 'household-over')).toHaveLength(
      report.grids.length,
    );
    const unknown = await city('check', '--rules', 'nowhere');
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('Unknown rule set nowhere');
    const bad = await city('check', '--rules', path.join(dir, 'missing.json'));
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('Cannot use the rule set');

    // The same rules on the same division: validate of the exported city gives city check's report
    // (without its optional township and county totals).
    const exported = path.join(dir, 'city-for-validate.geojson');
    expect((await city('export', '--to', 'geojson', '--out', exported)).exitCode).toBe(0);
    const validated = await runCli(
      ['validate', exported, '--format', 'json', '--rules', rules, '--lang', 'en'],
      host,
    );
    const { townships: _townships, counties: _counties, ...plain } = report;
    expect(JSON.parse(validated.stdout)).toEqual(plain);
  });

  it('keeps remarks on filings: the filer’s note and reviewers’ remarks, in check and pull', async () => {
    const { bytes } = await packageOf(townshipDivision({ ...SHAPE, index: 9 }));
    const tooLong = await city('file', await writePackage('t9.zip', bytes), '--note', 'x'.repeat(2001));
    expect(tooLong.exitCode).toBe(2);
    expect(tooLong.stderr).toContain('--note is at most 2000 characters');
    const filed = await city(
      'file',
      await writePackage('t9.zip', bytes),
      '--author',
      '王镇长',
      '--note',
      '东侧边界已与 8 号镇核对',
    );
    expect(filed.exitCode, filed.stderr).toBe(0);
    expect(filed.stdout).toContain('王镇长');
    const township = townshipCode(9);
    const grid = [...townshipDivision({ ...SHAPE, index: 9 }).grid.values()][0]!.code;
    const remark = await city(
      'comment',
      '--township',
      township,
      '--grid',
      grid,
      '--author',
      '李审核',
      '--note',
      '此网格户数偏多，下次拆分',
      '--format',
      'json',
    );
    expect(remark.exitCode, remark.stderr).toBe(0);
    expect(JSON.parse(remark.stdout)).toMatchObject({
      status: 'added',
      comment: { township, grid, author: '李审核', body: '此网格户数偏多，下次拆分' },
    });

    // Refused, nothing recorded: a grid not in the filing, a filing of another township, no filing yet.
    const before = await count('SELECT count(*) AS n FROM comments');
    const noGrid = await city('comment', '--township', township, '--grid', '999', '--note', 'x');
    expect(noGrid.exitCode).toBe(1);
    expect(noGrid.stderr).toContain('has no grid 999');
    const otherFiling = await count(`SELECT min(id) AS n FROM filings WHERE township_code <> $1`, [township]);
    const wrongFiling = await city(
      'comment',
      '--township',
      township,
      '--filing',
      String(otherFiling),
      '--note',
      'x',
    );
    expect(wrongFiling.exitCode).toBe(1);
    expect((await city('comment', '--township', townshipCode(40), '--note', 'x')).exitCode).toBe(1);
    expect((await city('comment', '--township', township)).exitCode).toBe(2);
    expect((await city('comment', '--township', township, '--note', '   ')).exitCode).toBe(2);
    expect((await city('check', '--note', 'x')).exitCode).toBe(2);
    expect(await count('SELECT count(*) AS n FROM comments')).toBe(before);

    const report = JSON.parse((await city('check', '--format', 'json')).stdout) as CityReport;
    const totals = report.townships.find((t) => t.code === township)!;
    expect(totals.comments?.map((c) => [c.author, c.grid, c.body])).toEqual([
      ['王镇长', undefined, '东侧边界已与 8 号镇核对'],
      ['李审核', grid, '此网格户数偏多，下次拆分'],
    ]);
    expect(report.townships.find((t) => t.code === townshipCode(1))!.comments).toBeUndefined();
    const text = await city('check');
    expect(text.stdout).toContain('Remarks on the current filings:');
    expect(text.stdout).toContain(`grid ${grid} · 李审核`);

    const out = path.join(dir, 'pull9.geojson');
    expect((await city('pull', '--township', township, '--out', out)).exitCode).toBe(0);
    const pulled = JSON.parse(readFileSync(out, 'utf8')) as { cityComments: { body: string }[] };
    expect(pulled.cityComments.map((c) => c.body)).toEqual([
      '东侧边界已与 8 号镇核对',
      '此网格户数偏多，下次拆分',
    ]);
    expect(parseDivisionGeoJson(readFileSync(out, 'utf8')).ok).toBe(true);
  });

  it('files neighbours one at a time: of two overlapping filings made together, one is refused', async () => {
    // Row 5, away from the others. Township 1 reaches 0.002° into township 0.
    const first = await packageOf(townshipDivision({ ...SHAPE, index: 0, row: 5 }));
    const second = await packageOf(townshipDivision({ ...SHAPE, index: 1, row: 5, westShift: -0.002 }));
    const files = [
      await writePackage('race-0.zip', first.bytes),
      await writePackage('race-1.zip', second.bytes),
    ];
    // Another session holds the communities table, so both filings are under way at once: each has
    // made its overlap check (or waits to) before either can commit.
    let runs: Promise<Awaited<ReturnType<typeof city>>[]> | undefined;
    await db.transaction(async (tx) => {
      await tx.query('LOCK TABLE communities IN SHARE MODE');
      runs = Promise.all(files.map((file) => city('file', file, '--format', 'json')));
      await new Promise((resolve) => setTimeout(resolve, 1500));
    });
    const results = await runs!;
    const kinds = results.map((r) => (JSON.parse(r.stdout) as { kind?: string; status: string }).status);
    expect(kinds.sort()).toEqual(['filed', 'refused']);
    const refused = results.find((r) => r.exitCode === 1)!;
    expect((JSON.parse(refused.stdout) as { kind: string }).kind).toBe('overlap');
  });

  it('takes grids that only touch for neighbours at --min-area 0, not overlaps', async () => {
    for (const index of [0, 1]) {
      const { bytes } = await packageOf(townshipDivision({ ...SHAPE, index, row: 6 }));
      const result = await city('file', await writePackage(`touch-${index}.zip`, bytes), '--min-area', '0');
      expect(result.exitCode, result.stdout).toBe(0);
    }
  });

  it('refuses what the database cannot store with exit 1, naming it, the database unchanged', async () => {
    const before = await snapshot();
    const division = townshipDivision({ ...SHAPE, index: 0, row: 7 });
    const [grid] = [...division.grid.values()];
    const [point, other] = [...division.census.values()];
    const broken = {
      ...division,
      grid: new Map(division.grid).set(grid!.id, { ...grid!, name: 'a\u0000b' }),
      census: new Map(division.census)
        .set(point!.id, { ...point!, households: 3_000_000_000 })
        .set(other!.id, { ...other!, population: 2.5 }),
    };
    const { bytes } = await packageOf(broken);
    const result = await city('file', await writePackage('unstorable.zip', bytes));
    expect(result.exitCode, result.stderr).toBe(1);
    expect(result.stdout).toContain('cannot store');
    expect(result.stdout).toContain(`grid ${grid!.code} hold a NUL character`);
    expect(result.stdout).toContain('3000000');
    expect(result.stdout).toContain('not a whole number');
    expect(await snapshot()).toBe(before);
    // The text "\u0000" (a backslash and five characters) is no NUL: filed.
    const said = townshipDivision({ ...SHAPE, index: 3, row: 7 });
    const [named] = [...said.grid.values()];
    const saying = {
      ...said,
      grid: new Map(said.grid).set(named!.id, { ...named!, note: '空字符写作 \\u0000' }),
    };
    const filed = await city('file', await writePackage('says-nul.zip', (await packageOf(saying)).bytes));
    expect(filed.exitCode, filed.stdout).toBe(0);
  });

  it('says a read-only database cannot be used (exit 2), not an internal error', async () => {
    await db.query('ALTER DATABASE gridplan SET default_transaction_read_only = on');
    try {
      const { bytes } = await packageOf(townshipDivision({ ...SHAPE, index: 1, row: 7 }));
      const result = await city('file', await writePackage('read-only.zip', bytes));
      expect(result.exitCode, result.stderr).toBe(2);
      expect(result.stderr).toContain('cannot be used now');
    } finally {
      await db.transaction(async (tx) => {
        await tx.query('SET TRANSACTION READ WRITE');
        await tx.query('ALTER DATABASE gridplan SET default_transaction_read_only = off');
      });
    }
  });

  it('says so (exit 2) when the connection is lost mid-filing, instead of crashing', async () => {
    const before = await snapshot();
    const { bytes } = await packageOf(townshipDivision({ ...SHAPE, index: 2, row: 7 }));
    const file = await writePackage('lost.zip', bytes);
    let run: ReturnType<typeof city> | undefined;
    await db.transaction(async (tx) => {
      await tx.query('LOCK TABLE communities IN SHARE MODE');
      run = city('file', file);
      // The filing waits for the lock; its session is then ended as a server shutdown would. (Asked on
      // another connection: inside a transaction pg_stat_activity stays as it was first read.)
      for (let tries = 0; tries < 100; tries++) {
        const ended = await db.query(
          `SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity
           WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
        );
        if (ended.length > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
    const result = await run!;
    expect(result.exitCode, result.stderr).toBe(2);
    expect(result.stderr).toContain('cannot be used now');
    expect(await snapshot()).toBe(before);
  });

  it('exports and pulls grids as the Polygons they were filed as', async () => {
    const out = path.join(dir, 'polygons.geojson');
    expect((await city('export', '--to', 'geojson', '--out', out)).exitCode).toBe(0);
    const types = (
      JSON.parse(readFileSync(out, 'utf8')) as { features: { geometry: { type: string } }[] }
    ).features.map((f) => f.geometry.type);
    const areas = types.filter((type) => type !== 'Point');
    expect(areas.length).toBeGreaterThan(0);
    expect(new Set(areas)).toEqual(new Set(['Polygon']));
  });

  it('files a neighbour whose border is 5 mm over, which the validator does not call an overlap', async () => {
    const first = await packageOf(townshipDivision({ ...SHAPE, index: 0, row: 9 }));
    expect((await city('file', await writePackage('thin-0.zip', first.bytes))).exitCode).toBe(0);
    // 5e-8° of longitude is about 5 mm here: a strip along the whole border, a few m² per grid.
    const thin = await packageOf(townshipDivision({ ...SHAPE, index: 1, row: 9, westShift: -5e-8 }));
    const result = await city('file', await writePackage('thin-1.zip', thin.bytes), '--format', 'json');
    expect(result.exitCode, result.stdout).toBe(0);
    // A real overlap (0.002°, about 190 m) in the same place is still refused.
    const wide = await packageOf(townshipDivision({ ...SHAPE, index: 2, row: 9, westShift: -0.002 }));
    expect((await city('file', await writePackage('wide-2.zip', wide.bytes))).exitCode).toBe(1);
  });

  it('takes a package made against a pulled file as made against the filed version, unless it was edited', async () => {
    const v1 = await packageOf(townshipDivision({ ...SHAPE, index: 0, row: 8 }));
    expect((await city('file', await writePackage('pulled-v1.zip', v1.bytes))).exitCode).toBe(0);
    const pulled = path.join(dir, 'pulled.geojson');
    expect((await city('pull', '--township', townshipCode(0, 8), '--out', pulled)).exitCode).toBe(0);
    const next = path.join(dir, 'pulled-next.geojson');
    writeFileSync(
      next,
      stringifyDivision(townshipDivision({ ...SHAPE, index: 0, row: 8, nameSuffix: '（新）' })),
    );
    const makeAgainst = async (base: string, out: string) => {
      const made = await runCli(['package', next, '--base', base, '--out', out, '--lang', 'en'], {
        ...host,
        readAsset: nodeCliHost.readAsset!,
      });
      // Written; the generated grids lack leaders, which the check calls errors (exit 1, said).
      expect(made.stdout, made.stderr).toContain(`Filing package written to ${out}`);
      return out;
    };
    // A pulled file edited since is not the filed version: a package against it is stale.
    const edited = JSON.parse(readFileSync(pulled, 'utf8')) as {
      features: { properties: { name?: string } }[];
    };
    edited.features.find((f) => f.properties.name)!.properties.name = '改过的名字';
    const editedPath = path.join(dir, 'pulled-edited.geojson');
    writeFileSync(editedPath, JSON.stringify(edited));
    const stale = await city('file', await makeAgainst(editedPath, path.join(dir, 'pulled-edited.zip')));
    expect(stale.exitCode, stale.stdout).toBe(1);
    expect(stale.stdout).toContain('is not township');
    // The pulled file as it came: the package names the filed version, and is filed as version 2.
    const filed = await city(
      'file',
      await makeAgainst(pulled, path.join(dir, 'pulled-v2.zip')),
      '--format',
      'json',
    );
    expect(filed.exitCode, filed.stdout).toBe(0);
    expect((JSON.parse(filed.stdout) as { filing: { version: number } }).filing.version).toBe(2);
  });

  it('writes check --out to the file, and refuses options a subcommand does not take', async () => {
    const report = path.join(dir, 'city-check.json');
    const checked = await city('check', '--format', 'json', '--out', report);
    expect(checked.stdout).toContain('City check report written to');
    const written = JSON.parse(readFileSync(report, 'utf8')) as { summary: { errors: number } };
    expect(checked.exitCode).toBe(written.summary.errors > 0 ? 1 : 0);
    for (const args of [
      ['init', '--out', report],
      ['file', 'x.zip', '--to', 'geojson'],
      ['export', '--to', 'geojson', '--out', report, '--township', '510302100000'],
    ]) {
      const refused = await city(...args);
      expect(refused.exitCode, args.join(' ')).toBe(2);
      expect(refused.stderr).toContain('does not take');
    }
  });

  it('files micro-grids and checks them with the city, as validate checks the package', async () => {
    const division = townshipDivision({ ...SHAPE, index: 0, row: 10 });
    const grid = [...division.grid.values()][0]!;
    const ring = grid.geometry.type === 'Polygon' ? grid.geometry.coordinates[0]! : [];
    const xs = ring.map((p) => p[0]!);
    const ys = ring.map((p) => p[1]!);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const w = x1 - x0;
    const h = y1 - y0;
    const rect = (a: number, b: number, c: number, d: number) => ({
      type: 'Polygon' as const,
      coordinates: [
        [
          [a, b],
          [c, b],
          [c, d],
          [a, d],
          [a, b],
        ],
      ],
    });
    // Two micro-grids overlapping each other, and a corner of the grid left to neither.
    const micro = (n: number, geometry: ReturnType<typeof rect>): MicroGrid => ({
      layer: 'microgrid',
      id: `m${n}`,
      code: `${grid.code}00${n}`,
      name: `第${n}微网格`,
      parentCode: grid.code,
      geometry,
      extra: {},
    });
    const withMicrogrids = {
      ...division,
      microgrid: new Map([
        ['m1', micro(1, rect(x0, y0, x0 + 0.6 * w, y1))],
        ['m2', micro(2, rect(x0 + 0.4 * w, y0, x1, y0 + 0.5 * h))],
      ]),
    };
    const { bytes } = await packageOf(withMicrogrids);
    const file = await writePackage('micro.zip', bytes);
    expect((await city('file', file)).exitCode).toBe(0);
    const unpacked = path.join(dir, 'micro.geojson');
    writeFileSync(unpacked, stringifyDivision(withMicrogrids));
    const validated = await runCli(['validate', unpacked, '--format', 'json', '--lang', 'en'], host);
    const microIssues = (report: { issues: { rule: string; codes: string[] }[] }) =>
      report.issues
        .filter((issue) => issue.codes.some((code) => code.length === 18))
        .map((issue) => `${issue.rule}:${[...issue.codes].sort().join(',')}`)
        .sort();
    const expected = microIssues(JSON.parse(validated.stdout) as CityReport);
    expect(expected.some((issue) => issue.startsWith('overlap:'))).toBe(true);
    const checked = await city('check', '--format', 'json');
    expect(microIssues(JSON.parse(checked.stdout) as CityReport)).toEqual(expected);
    const exported = path.join(dir, 'micro-city.geojson');
    expect((await city('export', '--to', 'geojson', '--out', exported)).exitCode).toBe(0);
    const parsed = parseDivisionGeoJson(readFileSync(exported, 'utf8'));
    expect(parsed.ok && [...parsed.value.microgrid.values()].map((m) => m.code).sort()).toEqual([
      `${grid.code}001`,
      `${grid.code}002`,
    ]);
  });

  it('refuses a version number not after the filed one, and numbers filings without gaps', async () => {
    const v1 = await packageOf(townshipDivision({ ...SHAPE, index: 11 }));
    expect((await city('file', await writePackage('t11-v1.zip', v1.bytes))).exitCode).toBe(0);
    const before = await snapshot();
    const lastFiling = await count('SELECT max(id) AS n FROM filings');
    const edited = townshipDivision({ ...SHAPE, index: 11, nameSuffix: '（二）' });
    // Based on the current filing, but numbered as it (1) or before it: the office would hold two "version 1".
    for (const version of [1]) {
      const again = await packageOf(edited, { version, base: v1.pkg });
      const refused = await city('file', await writePackage(`t11-again-v${version}.zip`, again.bytes));
      expect(refused.exitCode).toBe(1);
      expect(refused.stdout).toContain(
        `the package is version ${version}, but township ${townshipCode(11)} has already filed version 1 (filing ${lastFiling})`,
      );
      expect(refused.stdout).toContain('--version 2');
    }
    // A refusal for overlap inserts a filing before it is rolled back: its number is not used up.
    const overlapping = await packageOf(townshipDivision({ ...SHAPE, index: 12, westShift: -0.002 }));
    const overlap = await city('file', await writePackage('t12-overlap.zip', overlapping.bytes));
    expect(overlap.stdout).toContain('overlap grids other townships have filed');
    expect(await snapshot()).toBe(before);
    const v2 = await packageOf(edited, { version: 2, base: v1.pkg });
    const filed = await city('file', await writePackage('t11-v2.zip', v2.bytes));
    expect(filed.exitCode, filed.stdout).toBe(0);
    expect(filed.stdout).toContain(`version 2 (filing ${lastFiling + 1})`);
  });

  it('files as a role that may use the filing numbers but not set them (least privilege)', async () => {
    await db.query(`CREATE ROLE filer LOGIN`);
    await db.query(`GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO filer`);
    await db.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO filer`);
    const url = cluster.url.replace(/\/\/postgres:[^@]*@/, '//filer@');
    const { bytes } = await packageOf(townshipDivision({ ...SHAPE, index: 13 }));
    const file = await writePackage('t13-v1.zip', bytes);
    const result = await runCli(['city', 'file', file, '--db', url, '--lang', 'en'], host);
    expect(result.exitCode, result.stderr + result.stdout).toBe(0);
    expect(result.stdout).toContain(`Filed: township ${townshipCode(13)} version 1`);
  });

  it('never shows the database password', async () => {
    const wrong = cluster.url.replace(/:(\d+)\//, ':1/');
    const result = await runCli(['city', 'check', '--db', wrong, '--lang', 'en'], host);
    outputs.push(result.stdout, result.stderr);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('postgres:***@127.0.0.1:1/gridplan');
    for (const output of outputs) expect(output).not.toContain(cluster.password);
  });
});
