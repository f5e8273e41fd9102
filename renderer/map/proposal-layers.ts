import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { RefObject } from 'react';
import { useEffect } from 'react';
import { STATUS_COLOURS, UNTARGETED_COLOUR } from './colours';
import { sendGeoJson } from './send-geojson';

/** The source of a proposal (自动划分 / 平衡) being previewed: features with status, households, label. */
export const PROPOSAL_SOURCE = 'gp-proposal';
export const PROPOSAL_LAYERS = ['proposal-fill', 'proposal-line', 'proposal-flagged', 'proposal-label'];

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

function addProposalLayers(map: MapLibreMap): void {
  map.addSource(PROPOSAL_SOURCE, { type: 'geojson', data: EMPTY });
  const colour = [
    'match',
    ['get', 'status'],
    'under',
    STATUS_COLOURS.under,
    'ok',
    STATUS_COLOURS.ok,
    'over',
    STATUS_COLOURS.over,
    // No target: purple only for an exclusive grid, as on the map (map-layers.ts); a rural grid under
    // rules without a band is neutral.
    ['case', ['get', 'exclusive'], STATUS_COLOURS.none, UNTARGETED_COLOUR],
  ];
  // Above the division's layers (added last), so the proposal reads over the grids it would replace.
  map.addLayer({
    id: 'proposal-fill',
    type: 'fill',
    source: PROPOSAL_SOURCE,
    paint: { 'fill-color': colour as never, 'fill-opacity': 0.55 },
  });
  map.addLayer({
    id: 'proposal-line',
    type: 'line',
    source: PROPOSAL_SOURCE,
    paint: { 'line-color': '#1b1b2f', 'line-width': 1.6 },
  });
  map.addLayer({
    // Out of band with a reason: a thick dashed outline, so it is found without telling colours apart.
    id: 'proposal-flagged',
    type: 'line',
    source: PROPOSAL_SOURCE,
    filter: ['==', ['get', 'flagged'], true],
    paint: { 'line-color': STATUS_COLOURS.over, 'line-width': 4, 'line-dasharray': [1.5, 1] },
  });
  map.addLayer({
    id: 'proposal-label',
    type: 'symbol',
    source: PROPOSAL_SOURCE,
    layout: { 'text-field': ['get', 'label'], 'text-size': 13, 'text-allow-overlap': true },
    paint: { 'text-color': '#111', 'text-halo-color': '#fff', 'text-halo-width': 1.6 },
  });
}

/**
 * Shows a proposal on the map while it is previewed, and nothing once it is accepted or discarded. The
 * layers are added on first use, on top of everything else.
 */
export function useProposalLayer(
  mapRef: RefObject<MapLibreMap | null>,
  ready: boolean,
  proposal: FeatureCollection | null | undefined,
): void {
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    if (!map.getSource(PROPOSAL_SOURCE)) {
      if (!proposal) return;
      addProposalLayers(map);
    }
    sendGeoJson(map.getSource<GeoJSONSource>(PROPOSAL_SOURCE), proposal ?? EMPTY);
  }, [mapRef, ready, proposal]);
}
