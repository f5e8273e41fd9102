// A project written straight into the app's IndexedDB in the layout of the database's schema version
// (renderer/storage/schema.ts): census chunk ids as an array up to v4, packed into one string from v5.
// Used by bench/app-open-bench.ts (which seeds each build's own database, in that build's schema) and the
// end-to-end test that opens a big project (test/e2e/big-project.e2e.test.ts). The app must be open on
// the page (its database exists).
import type { Page } from 'playwright-core';
import type { Division, Entity } from '../shared/model';
import { countByLayer } from '../shared/model';

/** The app opens the project remembered under this key at start (renderer/shell/last-project.ts). */
const LAST_PROJECT_KEY = 'gridplan.lastProject';

// ---- the project, written as rows of the database's schema version -------------------------------

// The page's side as plain JavaScript source: a function passed to page.evaluate is serialised with
// toString(), and tsx's transform can add helper calls (`__name`) that the page does not have (as in
// bench/editor-probe.ts); this also keeps DOM types out of the Node-typed bench project.

/** Puts rows into object stores of the app's database, in one transaction. */
const WRITE_ROWS = `async ({ stores }) => {
  const db = await new Promise((resolve, reject) => {
    const request = indexedDB.open('gridplan');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const tx = db.transaction(Object.keys(stores), 'readwrite');
  for (const [name, rows] of Object.entries(stores)) for (const row of rows) tx.objectStore(name).put(row);
  await new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}`;

/**
 * Decodes base64 columns and puts them as census chunks, through {@link WRITE_ROWS}'s code: v4 rows
 * (\`ids\`) in a database below schema v5 (IndexedDB version 50: Dexie's version × 10), else v5 rows
 * (\`idText\`, \`idEnds\`).
 */
const WRITE_CENSUS = `async ({ ids, lon, lat, households, population, firstChunk, chunkSize, projectId }) => {
  const version = await new Promise((resolve, reject) => {
    const request = indexedDB.open('gridplan');
    request.onsuccess = () => {
      resolve(request.result.version);
      request.result.close();
    };
    request.onerror = () => reject(request.error);
  });
  const idColumns = (run) => {
    if (version < 50) return { ids: run };
    const idEnds = new Uint32Array(run.length);
    let end = 0;
    run.forEach((id, index) => {
      end += id.length;
      idEnds[index] = end;
    });
    return { idText: run.join(''), idEnds };
  };
  const bytes = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0)).buffer;
  const columns = {
    lon: new Float64Array(bytes(lon)),
    lat: new Float64Array(bytes(lat)),
    households: new Uint32Array(bytes(households)),
    population: new Uint32Array(bytes(population)),
  };
  const rows = [];
  for (let start = 0; start < ids.length; start += chunkSize) {
    const end = Math.min(ids.length, start + chunkSize);
    rows.push({
      projectId,
      chunk: firstChunk + start / chunkSize,
      ...idColumns(ids.slice(start, end)),
      lon: columns.lon.slice(start, end),
      lat: columns.lat.slice(start, end),
      households: columns.households.slice(start, end),
      population: columns.population.slice(start, end),
      details: [],
    });
  }
  await (${WRITE_ROWS})({ stores: { censusChunks: rows } });
}`;

/** Writes the project row and its area entities (the same layout in schema v4 and v5: renderer/storage/schema.ts). */
export async function seedProject(page: Page, division: Division, projectId: string): Promise<void> {
  const now = Date.now();
  const project = {
    id: projectId,
    name: '城市基准 · city bench',
    ruleSetId: division.meta.ruleSetId,
    extra: {},
    createdAt: now,
    updatedAt: now,
    lastOpenedAt: now,
    counts: countByLayer(division),
    censusRevision: 0,
    editRevision: 0,
  };
  const entities: { projectId: string; layer: string; id: string; entity: Entity }[] = [];
  for (const layer of ['township', 'community', 'grid', 'microgrid'] as const) {
    for (const entity of (division[layer] as ReadonlyMap<string, Entity>).values())
      entities.push({ projectId: projectId, layer, id: entity.id, entity });
  }
  await page.evaluate(`(${WRITE_ROWS})(${JSON.stringify({ stores: { projects: [project], entities } })})`);
  await page.evaluate(
    `localStorage.setItem(${JSON.stringify(LAST_PROJECT_KEY)}, ${JSON.stringify(projectId)})`,
  );
}

/**
 * Writes the census points as chunks of 5,000 points in the database's layout. The columns travel as base64 (numbers as JSON
 * would be several times larger and slower to pass to the page), a batch of chunks per call.
 */
export async function seedCensus(
  page: Page,
  division: Division,
  projectId: string,
  progress: (written: number) => void = () => undefined,
): Promise<void> {
  const points = [...division.census.values()];
  const chunkSize = 5000;
  const perCall = 40;
  for (let first = 0; first < points.length; first += chunkSize * perCall) {
    const run = points.slice(first, first + chunkSize * perCall);
    const lon = Float64Array.from(run, (p) => p.lon);
    const lat = Float64Array.from(run, (p) => p.lat);
    const households = Uint32Array.from(run, (p) => p.households);
    const population = Uint32Array.from(run, (p) => p.population);
    const base64 = (array: Float64Array | Uint32Array): string =>
      Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
    const batch = JSON.stringify({
      ids: run.map((p) => p.id),
      lon: base64(lon),
      lat: base64(lat),
      households: base64(households),
      population: base64(population),
      firstChunk: first / chunkSize,
      chunkSize,
      projectId: projectId,
    });
    await page.evaluate(`(${WRITE_CENSUS})(${batch})`);
    progress(first + run.length);
  }
}
