/// <reference lib="webworker" />
// The census layer's vector tiles, made here from the points' columns. MapLibre used to be given a
// GeoJSON of every point and clustered a million of them in its own worker (seconds of both cores while
// a project opened, bench/app-open-bench.ts); now the points are binned once here and MapLibre only
// ever holds the few clusters or points of the tiles in view.
import type { CensusPyramid } from './census-pyramid';
import { buildCensusPyramid, censusTileFeatures, TILE_EXTENT } from './census-pyramid';
import type { CensusTileAsk, CensusTileReply, CensusTileRequest } from './census-tile-protocol';
import { CENSUS_TILE_LAYER } from './census-tile-protocol';
import { CensusTileQueue } from './census-tile-queue';
import { writePointTile } from './point-tile-writer';

declare const self: DedicatedWorkerGlobalScope;

let pyramid: CensusPyramid | null = null;
let revision = 0;
const queue = new CensusTileQueue();
let draining = false;

function answer(ask: CensusTileAsk): void {
  const features =
    pyramid && ask.revision === revision ? censusTileFeatures(pyramid, ask.z, ask.x, ask.y) : [];
  const bytes = writePointTile(CENSUS_TILE_LAYER, TILE_EXTENT, features);
  const reply: CensusTileReply = { kind: 'tile', id: ask.id, bytes };
  self.postMessage(reply, [bytes.buffer]);
}

/** One tile per task, so the cancellations that arrive meanwhile are read before the next tile. */
function drain(): void {
  const ask = queue.next();
  if (ask) answer(ask);
  if (queue.size > 0) setTimeout(drain, 0);
  else draining = false;
}

self.onmessage = (event: MessageEvent<CensusTileRequest>) => {
  const request = event.data;
  if (request.kind === 'census') {
    pyramid = buildCensusPyramid(request.lon, request.lat, request.households);
    revision = request.revision;
    for (const stale of queue.dropStale(revision)) answer(stale);
    const reply: CensusTileReply = { kind: 'indexed', revision, points: pyramid.codes.length };
    self.postMessage(reply);
  } else if (request.kind === 'cancel') {
    queue.cancel(request.id);
  } else {
    queue.add(request);
    if (!draining) {
      draining = true;
      setTimeout(drain, 0);
    }
  }
};
