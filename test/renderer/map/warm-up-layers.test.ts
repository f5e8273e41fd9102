import { featureFilter } from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection } from 'geojson';
import type { LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { addDivisionLayers } from '../../../renderer/map/map-layers';
import { endWarmUp, warmUpData, warmUpLayers } from '../../../renderer/map/warm-up-layers';

/** The map's side that addDivisionLayers and the warm-up use, recording what they did. */
function recordingMap() {
  const layers: LayerSpecification[] = [];
  const given = new Map<string, FeatureCollection[]>();
  // One object per source, as MapLibre's getSource gives (sendGeoJson remembers sources by object).
  const sources = new Map<string, { setData: (data: FeatureCollection) => void }>();
  const idle: (() => void)[] = [];
  const container = { dataset: {} as Record<string, string | undefined> };
  const map = {
    addImage: () => undefined,
    addSource: (id: string) => {
      given.set(id, []);
      sources.set(id, { setData: (data: FeatureCollection) => given.get(id)!.push(data) });
    },
    addLayer: (layer: LayerSpecification) => layers.push(layer),
    getSource: (id: string) => sources.get(id),
    getCenter: () => ({ lng: 104.77, lat: 29.36 }),
    getContainer: () => container,
    once: (event: string, listener: () => void) => {
      if (event === 'idle') idle.push(listener);
      return map;
    },
  };
  return { map: map as unknown as MapLibreMap, layers, given, idle, container };
}

/** Layers drawn only for a selection (filters on ids listed later): their program is an outline's. */
const SELECTION_LAYERS = new Set(['grid-selected', 'grid-highlight', 'microgrid-selected']);

describe('warming up the division layers', () => {
  it('gives every layer of the warmed sources a feature it draws, so its program is compiled', () => {
    const { map, layers } = recordingMap();
    addDivisionLayers(map);
    const data = warmUpData(104.77, 29.36);
    const warmed = layers.filter(
      (layer) => 'source' in layer && typeof layer.source === 'string' && layer.source in data,
    );
    expect(warmed.length).toBeGreaterThan(10);
    for (const layer of warmed) {
      if (SELECTION_LAYERS.has(layer.id) || !('source' in layer)) continue;
      const filter = featureFilter('filter' in layer ? layer.filter : undefined);
      const drawn = data[layer.source]!.features.some((feature) =>
        filter.filter({ zoom: 12 }, {
          type: feature.geometry.type === 'Point' ? 1 : 3,
          properties: feature.properties ?? {},
        } as never),
      );
      expect({ layer: layer.id, drawn }).toEqual({ layer: layer.id, drawn: true });
    }
  });

  it('hides the canvas meanwhile and takes every feature away when a project comes', () => {
    const { map, given, container } = recordingMap();
    addDivisionLayers(map);
    warmUpLayers(map);
    expect(container.dataset.warming).toBe('true');
    const warmedIds = [...given].filter(([, sent]) => sent.length > 0).map(([id]) => id);
    expect(warmedIds.sort()).toEqual(Object.keys(warmUpData(0, 0)).sort());
    endWarmUp(map);
    expect(container.dataset.warming).toBeUndefined();
    for (const id of warmedIds) expect(given.get(id)!.at(-1)!.features).toEqual([]);
    // Ended twice (the project came, then the warm-up's idle): nothing more is sent.
    const sentBefore = [...given.values()].map((sent) => sent.length);
    endWarmUp(map);
    expect([...given.values()].map((sent) => sent.length)).toEqual(sentBefore);
  });

  it('shows the canvas again at the first idle even when no project opens', () => {
    const { map, idle, container } = recordingMap();
    addDivisionLayers(map);
    warmUpLayers(map);
    expect(idle).toHaveLength(1);
    idle[0]!();
    expect(container.dataset.warming).toBeUndefined();
  });
});
