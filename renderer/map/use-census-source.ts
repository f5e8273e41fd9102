import type { Map as MapLibreMap, VectorTileSource } from 'maplibre-gl';
import type { RefObject } from 'react';
import { useEffect, useRef } from 'react';
import type { CensusNumbers, CensusPoint } from '../../shared/model';
import { censusNumbersOf } from '../../shared/model';
import type { CensusTileReply } from '../workers/census-tile-protocol';
import { markOpening } from '../platform/opening-marks';
import { CensusTileClient } from './census-tile-client';
import { censusTileUrl, registerCensusTiles } from './census-tile-url';
import { CENSUS_LAYERS, SOURCES } from './map-layers';

/** The census of nothing: what clears the layer. */
const NO_POINTS: CensusNumbers = {
  lon: new Float64Array(0),
  lat: new Float64Array(0),
  households: new Float64Array(0),
  population: new Float64Array(0),
  details: [],
};

/** The same columns (not merely equal ones): what was binned is what is drawn. */
function sameColumns(a: CensusNumbers, b: CensusNumbers): boolean {
  return a.lon === b.lon && a.lat === b.lat && a.households === b.households;
}

/**
 * Keeps the census layer's vector tiles in step with the points: the columns go to a worker that bins
 * them once and makes each tile MapLibre asks for, so MapLibre never holds a million points. A new
 * census gets a new tile URL (revision) once binned; the old tiles are dropped. In a browser driven by
 * tests, when the map settles, `data-census-features`, `-clusters` and `-households` say what the census
 * layers draw.
 */
export function useCensusSource(
  mapRef: RefObject<MapLibreMap | null>,
  ready: boolean,
  census: ReadonlyMap<string, CensusPoint>,
  hold: boolean,
): void {
  const client = useRef<CensusTileClient | null>(null);
  /** The columns last sent to the worker. */
  const sent = useRef<CensusNumbers | null>(null);

  useEffect(() => {
    const worker = new Worker(new URL('../workers/census-tile-worker.ts', import.meta.url), {
      type: 'classic',
    });
    let key = 0;
    const started = new CensusTileClient(
      (request, transfer) => worker.postMessage(request, transfer),
      (revision) => {
        markOpening('census-indexed');
        const map = mapRef.current;
        const source = map?.getSource<VectorTileSource>(SOURCES.census);
        if (!map || !source) return;
        source.setTiles([censusTileUrl(key, revision)]);
        // A tile MapLibre was still loading when the URL changed is re-parsed from the bytes it got, not
        // fetched again (MapLibre 5.24, VectorTileSource.loadTile): once nothing loads, fetch them all again.
        void map.once('idle', () => {
          if (started.revision === revision) map.refreshTiles(SOURCES.census);
        });
      },
    );
    const registered = registerCensusTiles(started);
    key = registered.key;
    worker.onmessage = (event: MessageEvent<CensusTileReply>) => started.receive(event.data);
    client.current = started;
    return () => {
      registered.unregister();
      started.close();
      worker.terminate();
      client.current = null;
    };
  }, [mapRef]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    // No points and none drawn (the map before a project is read, a project without a census): nothing
    // to bin, and no repaint to wait for.
    if (census.size === 0 && sent.current === null) return;
    if (hold) {
      // Another project's points must not stay drawn under this one's grids while its counts come (the
      // same points, while a whole check runs again, stay).
      const last = sent.current;
      if (last && last.lon.length > 0 && !sameColumns(last, censusNumbersOf(census))) {
        sent.current = NO_POINTS;
        client.current?.send(NO_POINTS.lon, NO_POINTS.lat, NO_POINTS.households);
      }
      return;
    }
    const send = (): void => {
      const columns = censusNumbersOf(census);
      // A census map made anew around the same columns (a project settling as it opens) is not binned again.
      const last = sent.current;
      if (last && sameColumns(last, columns)) return;
      sent.current = columns;
      // Shared, or copies handed over rather than cloned (CensusTileClient.send): structured clone
      // serialises each column and copies it again on the other side (0.65 s of the window's thread at
      // 1,000,000 points under load, bench/app-open-bench.ts). The census keeps its own columns.
      client.current?.send(columns.lon, columns.lat, columns.households);
      markOpening('census-sent');
    };
    // Sent once the map has drawn what it was given with this census: a project just opened has its grids
    // drawn (and answering clicks) before the points are binned on the same two cores. The map is created
    // before a project is read, so it may be idle with nothing drawn when the division arrives: the
    // repaint makes the next `idle` come after the grids sent in this same render, and come at all when
    // nothing else is pending (a census edit on a settled map).
    void map.once('idle', send);
    map.triggerRepaint();
    return () => void map.off('idle', send);
  }, [mapRef, ready, census, hold]);

  useEffect(() => {
    const map = mapRef.current;
    // The readout is for automated tests (a browser driven by Playwright says navigator.webdriver): a
    // planner's map does not query every drawn census feature each time it settles.
    if (!ready || !map || !navigator.webdriver) return;
    const report = (): void => {
      const drawn = map.queryRenderedFeatures({ layers: CENSUS_LAYERS });
      const households = drawn.reduce((sum, feature) => sum + Number(feature.properties['households']), 0);
      const clusters = drawn.filter((feature) => feature.properties['point_count'] !== undefined).length;
      const container = map.getContainer();
      container.setAttribute('data-census-features', String(drawn.length));
      container.setAttribute('data-census-clusters', String(clusters));
      container.setAttribute('data-census-households', String(households));
    };
    map.on('idle', report);
    return () => void map.off('idle', report);
  }, [mapRef, ready]);
}
