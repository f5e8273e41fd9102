import type { ErrorEvent as MapErrorEvent, Map as MapLibreMap } from 'maplibre-gl';
import maplibregl from 'maplibre-gl';
import type { RefObject } from 'react';
import { useEffect, useRef } from 'react';
import { installLocalTileProtocols } from './basemap-protocols';
import type { BasemapSettings } from './basemap-source';
import { applyBasemap, BASEMAP_SOURCE_ID, basemapNotices, OFFLINE_BASEMAP } from './basemap-source';
import {
  addBasemapProblem,
  cspBlockedMessage,
  getBasemapStatus,
  resetBasemapStatus,
  setBasemapStatus,
  tileErrorMessage,
} from './basemap-status';

/**
 * Keeps the map's basemap in step with the project's setting (basemap-source.ts) and reports why tiles
 * fail. The map container gets `data-basemap="offline|raster"` for the end-to-end tests.
 */
export function useBasemap(
  mapRef: RefObject<MapLibreMap | null>,
  ready: boolean,
  settings: BasemapSettings | undefined,
): void {
  const attribution = useRef<maplibregl.AttributionControl | null>(null);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    installLocalTileProtocols();
    const chosen = settings ?? OFFLINE_BASEMAP;
    const applied = applyBasemap(map, chosen);
    map.getContainer().dataset.basemap = applied.shown;
    const remote = chosen.kind === 'xyz' || chosen.kind === 'wmts' ? chosen.urlTemplate : null;
    setBasemapStatus({
      shown: applied.shown,
      problems: applied.problems.map((message) => ({ kind: 'setting', message })),
      origins: applied.origins,
      warnings:
        remote && applied.shown === 'raster'
          ? basemapNotices(remote)
              .filter((notice) => notice.severity === 'warning')
              .map((notice) => notice.message)
          : [],
    });
    // Tile providers' terms (Tianditu's among them) ask for their credit on the map.
    if (applied.attribution && !attribution.current) {
      attribution.current = new maplibregl.AttributionControl({ compact: true });
      map.addControl(attribution.current, 'bottom-right');
    } else if (!applied.attribution && attribution.current) {
      map.removeControl(attribution.current);
      attribution.current = null;
    }
  }, [mapRef, ready, settings]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return undefined;
    // A map 'error' listener silences MapLibre's own console output for every error: keep printing
    // the ones that are not about the basemap.
    const onError = (event: MapErrorEvent & { sourceId?: string }): void => {
      if (event.sourceId !== BASEMAP_SOURCE_ID) {
        console.error(event.error);
        return;
      }
      const status = (event.error as { status?: unknown }).status;
      addBasemapProblem(
        'tiles',
        tileErrorMessage(typeof status === 'number' ? status : null, event.error.message),
      );
    };
    const onViolation = (event: SecurityPolicyViolationEvent): void => {
      let origin: string;
      try {
        origin = new URL(event.blockedURI).origin;
      } catch {
        return;
      }
      const { origins } = getBasemapStatus();
      if (origins.includes(origin)) addBasemapProblem('csp', cspBlockedMessage(origins));
    };
    map.on('error', onError);
    document.addEventListener('securitypolicyviolation', onViolation);
    return () => {
      map.off('error', onError);
      document.removeEventListener('securitypolicyviolation', onViolation);
      resetBasemapStatus();
    };
  }, [mapRef, ready]);
}
