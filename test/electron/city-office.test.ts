import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TownshipShape } from '../../bench/city-townships';
import { packageOf, townshipCode, townshipDivision } from '../../bench/city-townships';
import { openCityDatabase } from '../../scripts/city-pg-database';
import { CityConnectionStore } from '../../electron/city-connection-store';
import type { SecretFile } from '../../electron/city-connection-store';
import { registerIpcHandlers } from '../../electron/ipc-handlers';
import type { CityFilingBridge } from '../../renderer/review/file-version-to-city';
import { fileVersionToCity } from '../../renderer/review/file-version-to-city';
import type { CityDatabase, FileOutcome } from '../../shared/city';
import { initCity, NEIGHBOUR_MARKER } from '../../shared/city';
import type { CityDatabaseStatus, CityPullAnswer, IpcOperation } from '../../shared/ipc';
import { IPC_CHANNELS } from '../../shared/ipc';
import type { Problem, Result } from '../../shared/model';
import type { PgCluster } from '../city/pg-cluster';
import { startPgCluster } from '../city/pg-cluster';
import { fakeElectron, invokeEvent } from './fake-electron';

// 报送市级库 and 从市级库拉取 through the main process's IPC handlers: the electron module is faked, the
// database is a real PostgreSQL 15 + PostGIS cluster started for this file, with password authentication
// so that a wrong password is refused as a real server refuses it.

vi.mock('electron', async () => (await import('./fake-electron')).fakeElectronModule());

const fake = fakeElectron();
const SHAPE: Omit<TownshipShape, 'index'> = {
  communities: 1,
  gridsX: 2,
  gridsY: 2,
  width: 0.02,
  height: 0.02,
};

let cluster: PgCluster;
let db: CityDatabase;
let stored: string | undefined;
const file: SecretFile = {
  read: () => stored,
  write: (contents) => {
    stored = contents;
  },
  remove: () => {
    stored = undefined;
  },
};
const store = new CityConnectionStore(fake.module.safeStorage, file);
/** Everything the handlers answered, to check the password never appears in any of it. */
const answers: string[] = [];

async function invoke<T>(operation: IpcOperation, payload?: unknown): Promise<Result<T>> {
  const handler = fake.ipcHandlers.get(IPC_CHANNELS[operation]);
  if (!handler) throw new Error(`no handler for ${operation}`);
  const event = invokeEvent('app://gridplan/index.html');
  const result = (await (payload === undefined ? handler(event) : handler(event, payload))) as Result<T>;
  answers.push(JSON.stringify(result));
  return result;
}

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
}

function problemOf(result: Result<unknown>): Problem {
  if (result.ok) throw new Error(`expected a problem, got ${JSON.stringify(result.value)}`);
  return result.problems[0]!;
}

/** The URL without its password: the planner types the password into its own field. */
function urlWithoutPassword(url: string): string {
  return url.replace(`:${cluster.password}@`, '@');
}

async function fileTownship(
  shape: TownshipShape,
  options: Parameters<typeof packageOf>[1] = {},
): Promise<Result<FileOutcome>> {
  const { bytes } = await packageOf(townshipDivision(shape), options);
  return invoke<FileOutcome>('fileToCity', {
    packageBytes: bytes,
    packageName: '报审包.zip',
    author: '王规划',
  });
}

async function snapshot(): Promise<string> {
  const rows = await db.query(
    `SELECT (SELECT count(*) FROM filings) AS filings, (SELECT count(*) FROM grids) AS grids,
            (SELECT count(*) FROM grids WHERE valid_to IS NULL) AS current`,
  );
  return JSON.stringify(rows[0]);
}

beforeAll(async () => {
  cluster = await startPgCluster({ passwordAuth: true });
  const opened = await openCityDatabase(cluster.url, 1);
  if (!opened.ok) throw new Error('cannot open the test database');
  db = opened.value;
  await initCity(db);
  registerIpcHandlers({
    version: '0.1.0',
    onLanguageChanged: () => undefined,
    city: { store, open: (url) => openCityDatabase(url, 1) },
  });
}, 90_000);

afterAll(async () => {
  await db?.close();
  cluster?.stop();
});

describe('报送市级库 in the main process, against PostGIS', () => {
  it('says no city database is configured before one is set', async () => {
    expect(valueOf(await invoke<CityDatabaseStatus>('cityDatabaseStatus'))).toEqual({
      shownUrl: null,
      remembered: false,
    });
    const { bytes } = await packageOf(townshipDivision({ ...SHAPE, index: 0 }));
    const refused = await invoke('fileToCity', { packageBytes: bytes, packageName: 'a.zip', author: '' });
    expect(problemOf(refused).kind).toBe('city-not-configured');
  });

  it('keeps the password in the main process: the page and the file see it redacted or encrypted', async () => {
    const status = valueOf(
      await invoke<CityDatabaseStatus>('setCityDatabase', {
        url: urlWithoutPassword(cluster.url),
        password: cluster.password,
      }),
    );
    expect(status.shownUrl).toBe(`postgres://postgres:***@127.0.0.1:${cluster.port}/gridplan`);
    expect(status.remembered).toBe(true);
    expect(stored).toBeDefined();
    expect(stored).not.toContain(cluster.password);
    expect(stored).not.toContain('127.0.0.1');
    // A restarted app reads it back.
    expect(new CityConnectionStore(fake.module.safeStorage, file).url()).toBe(cluster.url);
  });

  it('files first versions and answers with the filing', async () => {
    for (const index of [0, 1]) {
      const outcome = valueOf(await fileTownship({ ...SHAPE, index }));
      expect(outcome).toMatchObject({ kind: 'filed', grids: 4, closedGrids: 0 });
      if (outcome.kind !== 'filed') return;
      expect(outcome.filing).toMatchObject({ township: townshipCode(index), version: 1, author: '王规划' });
    }
  });

  it('refuses a stale base with the filings made since, leaving the database unchanged', async () => {
    const before = await snapshot();
    // A second package of township 0 made without the filed version as its base.
    const outcome = valueOf(await fileTownship({ ...SHAPE, index: 0, nameSuffix: '（二）' }, { version: 2 }));
    expect(outcome.kind).toBe('stale');
    if (outcome.kind !== 'stale') return;
    expect(outcome.current?.version).toBe(1);
    expect(outcome.since.map((filing) => filing.version)).toEqual([1]);
    expect(await snapshot()).toBe(before);
  });

  it('files a new version on the current base', async () => {
    const v1 = await packageOf(townshipDivision({ ...SHAPE, index: 0 }));
    const outcome = valueOf(
      await fileTownship({ ...SHAPE, index: 0, nameSuffix: '（二）' }, { version: 2, base: v1.pkg }),
    );
    expect(outcome).toMatchObject({ kind: 'filed', closedGrids: 4, filing: { version: 2 } });
  });

  it('refuses grids overlapping a neighbour, each named, leaving the database unchanged', async () => {
    const before = await snapshot();
    const outcome = valueOf(await fileTownship({ ...SHAPE, index: 2, westShift: -0.002 }));
    expect(outcome.kind).toBe('overlap');
    if (outcome.kind !== 'overlap') return;
    // The western column of township 2's grids (gridsY of them) reaches into township 1.
    expect(new Set(outcome.overlaps.map((o) => o.code)).size).toBe(SHAPE.gridsY);
    for (const overlap of outcome.overlaps) {
      expect(overlap.otherTownship).toBe(townshipCode(1));
      expect(overlap.areaM2).toBeGreaterThan(1);
    }
    expect(await snapshot()).toBe(before);
  });

  it('pulls a township with its neighbours’ border grids as a reference layer', async () => {
    const pulled = valueOf(await invoke<CityPullAnswer>('pullFromCity', townshipCode(1)));
    expect(pulled.version).toBe(1);
    expect(pulled.filedSha256).toMatch(/^[0-9a-f]{64}$/);
    const data = JSON.parse(pulled.text ?? '{}') as {
      features: unknown[];
      referenceLayers: { role: string; features: { properties: Record<string, unknown> }[] }[];
    };
    expect(data.features.length).toBeGreaterThan(0);
    const layer = data.referenceLayers.find((l) => l.role === 'neighbour');
    // Township 0's eastern column touches township 1.
    expect(layer?.features.length).toBe(SHAPE.gridsY);
    for (const feature of layer?.features ?? []) {
      expect(feature.properties).toMatchObject({
        referenceLayer: NEIGHBOUR_MARKER,
        township: townshipCode(0),
      });
    }
    const none = valueOf(await invoke<CityPullAnswer>('pullFromCity', townshipCode(9)));
    expect(none).toEqual({ text: null, version: 0, filedSha256: null, neighbourGrids: 0 });
  });

  it('the renderer’s 报送市级库 bases the package on the version the office holds', async () => {
    const bridge: CityFilingBridge = {
      pullFromCity: (township) => invoke('pullFromCity', township),
      fileToCity: (request) => invoke('fileToCity', request),
    };
    const v1 = await packageOf(townshipDivision({ ...SHAPE, index: 1 }));
    const bases: (string | null)[] = [];
    const outcome = await fileVersionToCity(
      bridge,
      townshipCode(1),
      async (base) => {
        bases.push(base);
        const v2 = await packageOf(townshipDivision({ ...SHAPE, index: 1, nameSuffix: '（二）' }), {
          version: 2,
          ...(base === v1.pkg.manifest.divisionSha256 ? { base: v1.pkg } : {}),
        });
        return { name: '报审包-第1镇-版本2.zip', bytes: v2.bytes };
      },
      ' 王规划 ',
    );
    expect(bases).toEqual([v1.pkg.manifest.divisionSha256]);
    expect(outcome).toMatchObject({
      kind: 'filed',
      filing: { version: 2, author: '王规划' },
      closedGrids: 4,
    });
    // A township the office has never heard of: no base, a first filing.
    const first = await fileVersionToCity(
      bridge,
      townshipCode(4),
      async (base) => {
        bases.push(base);
        return { name: 'p.zip', bytes: (await packageOf(townshipDivision({ ...SHAPE, index: 4 }))).bytes };
      },
      '',
    );
    expect(bases[1]).toBeNull();
    expect(first?.kind).toBe('filed');
  });

  it('refuses a file that is not a filing package, naming why', async () => {
    const refused = await invoke('fileToCity', {
      packageBytes: new TextEncoder().encode('not a zip'),
      packageName: 'x.zip',
      author: '',
    });
    expect(problemOf(refused).kind).toBe('city-bad-package');
  });

  it('answers a wrong password or an unreachable server cleanly, without the password', async () => {
    const wrong = `wrong-${cluster.password}`;
    valueOf(await invoke('setCityDatabase', { url: urlWithoutPassword(cluster.url), password: wrong }));
    const refused = problemOf(await fileTownship({ ...SHAPE, index: 5 }));
    expect(refused.kind).toBe('city-unreachable');
    expect(refused.message.en).toContain(`postgres://postgres:***@127.0.0.1:${cluster.port}/gridplan`);
    expect(refused.message.en).toMatch(/password authentication failed/);
    expect(refused.message.zh).toContain('无法连接');
    const elsewhere = cluster.url.replace(`:${cluster.port}/`, ':1/');
    valueOf(await invoke('setCityDatabase', { url: elsewhere, password: '' }));
    const down = problemOf(await invoke('pullFromCity', townshipCode(0)));
    expect(down.kind).toBe('city-unreachable');
    expect(down.message.en).toContain('postgres://postgres:***@127.0.0.1:1/gridplan');
    const forgotten = valueOf(await invoke<CityDatabaseStatus>('setCityDatabase', null));
    expect(forgotten.shownUrl).toBeNull();
    expect(stored).toBeUndefined();
    for (const answer of answers) {
      expect(answer).not.toContain(cluster.password);
      expect(answer).not.toContain(encodeURIComponent(wrong));
    }
  });
});
