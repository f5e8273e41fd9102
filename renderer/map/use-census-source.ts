import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { RefObject } from 'react';
import { useEffect, useRef } from 'react';
import type { CensusPoint } from '../../shared/model';
import { censusNumbersOf } from '../../shared/model';
import type { CensusGeoJsonReply, CensusGeoJsonRequest } from '../workers/census-geojson-protocol';
import { markOpening } from '../platform/opening-marks';
import { SOURCES } from './map-layers';

/**
 * Keeps the census layer's source in step with the points: the GeoJSON is written in a worker from the
 * points' columns and given to MapLibre as a blob URL, once the map has drawn what it was doing (the
 * grids of a project just opened answer clicks before a million points are clustered).
 */
export function useCensusSource(
  mapRef: RefObject<MapLibreMap | null>,
  ready: boolean,
  census: ReadonlyMap<string, CensusPoint>,
): void {
  const worker = useRef<Worker | null>(null);
  const seq = useRef(0);
  const url = useRef<string | null>(null);

  useEffect(() => {
    const started = new Worker(new URL('../workers/census-geojson-worker.ts', import.meta.url), {
      type: 'classic',
    });
    started.onmessage = (event: MessageEvent<CensusGeoJsonReply>) => {
      const { seq: answered, bytes } = event.data;
      markOpening('census-written');
      if (answered !== seq.current) return;
      const show = (): void => {
        const map = mapRef.current;
        if (answered !== seq.current || !map) return;
        const next = URL.createObjectURL(
          new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/json' }),
        );
        map.getSource<GeoJSONSource>(SOURCES.census)?.setData(next);
        markOpening('census-sent');
        // MapLibre has started reading the previous one long ago (it was set before this was asked for).
        if (url.current) URL.revokeObjectURL(url.current);
        url.current = next;
      };
      const map = mapRef.current;
      if (!map || map.loaded()) show();
      else void map.once('idle', show);
    };
    worker.current = started;
    return () => {
      started.terminate();
      worker.current = null;
      if (url.current) URL.revokeObjectURL(url.current);
      url.current = null;
    };
  }, [mapRef]);

  useEffect(() => {
    if (!ready) return;
    const columns = censusNumbersOf(census);
    // Copies, handed over rather than cloned: a copy is one memcpy per column, where structured clone
    // serialises each column and copies it again on the other side (0.65 s of the window's thread at
    // 1,000,000 points under load, bench/app-open-bench.ts). The census keeps its own columns.
    const lon = columns.lon.slice();
    const lat = columns.lat.slice();
    const households = columns.households.slice();
    const request: CensusGeoJsonRequest = { seq: ++seq.current, lon, lat, households };
    worker.current?.postMessage(request, [lon.buffer, lat.buffer, households.buffer]);
  }, [ready, census]);
}
