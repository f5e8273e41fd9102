import { featureFilter } from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addDivisionLayers, CENSUS_LAYERS } from '../../../renderer/map/map-layers';
import { endWarmUp, WARMED_SOURCES, warmUpData, warmUpLayers } from '../../../renderer/map/warm-up-layers';

type Listener = (event: { sourceId: string }) => void;

/** The map's side that addDivisionLayers and the warm-up use, recording what they did. */
function recordingMap() {
  const layers: LayerSpecification[] = [];
  const given = new Map<string, FeatureCollection[]>();
  // One object per source, as MapLibre's getSource gives (sendGeoJson remembers sources by object).
  const sources = new Map<string, { setData: (data: FeatureCollection) => void }>();
  const loaded = new Map<string, boolean>();
  const listeners = new Map<string, Set<Listener>>();
  const once: { event: string; listener: () => void }[] = [];
  const container = { dataset: {} as Record<string, string | undefined> };
  const fire = (event: string, sourceId = ''): void => {
    for (const listener of [...(listeners.get(event) ?? [])]) listener({ sourceId });
  };
  const map = {
    addImage: () => undefined,
    addSource: (id: string) => {
      given.set(id, []);
      sources.set(id, {
        // As MapLibre: new data goes to the worker (`sourcedataloading`), the source loads it later.
        setData: (data: FeatureCollection) => {
          given.get(id)!.push(data);
          loaded.set(id, false);
          fire('sourcedataloading', id);
        },
      });
    },
    addLayer: (layer: LayerSpecification) => layers.push(layer),
    getSource: (id: string) => sources.get(id),
    isSourceLoaded: (id: string) => loaded.get(id) ?? true,
    getCenter: () => ({ lng: 104.77, lat: 29.36 }),
    getZoom: () => 12,
    getContainer: () => container,
    on: (event: string, listener: Listener) => {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
    },
    off: (event: string, listener: Listener) => listeners.get(event)?.delete(listener),
    once: (event: string, listener: () => void) => {
      once.push({ event, listener });
      return map;
    },
  };
  const loadAll = (): void => {
    for (const id of sources.keys()) loaded.set(id, true);
  };
  const idle = (): void => {
    for (const { listener } of once.splice(0).filter((entry) => entry.event === 'idle')) listener();
  };
  return { map: map as unknown as MapLibreMap, layers, given, container, fire, loadAll, idle };
}

/** Layers drawn only for a selection (filters on ids listed later): their program is an outline's. */
const SELECTION_LAYERS = new Set(['grid-selected', 'grid-highlight', 'microgrid-selected']);
const WARM_UP_ZOOM = 12;

describe('warming up the division layers', () => {
  it('warms every GeoJSON layer of the division: each draws a warm-up feature or shares a drawn program', () => {
    const { map, layers } = recordingMap();
    addDivisionLayers(map);
    const data: Record<string, FeatureCollection> = warmUpData(104.77, 29.36);
    const drawn: LayerSpecification[] = [];
    const outOfZoom: LayerSpecification[] = [];
    for (const layer of layers) {
      if (!('source' in layer) || CENSUS_LAYERS.includes(layer.id) || SELECTION_LAYERS.has(layer.id))
        continue;
      // Every other layer's source is warmed: a GeoJSON source added without warm-up data fails here.
      expect(WARMED_SOURCES as readonly string[]).toContain(layer.source);
      if ((layer.minzoom ?? 0) > WARM_UP_ZOOM || (layer.maxzoom ?? 24) <= WARM_UP_ZOOM) {
        outOfZoom.push(layer);
        continue;
      }
      const filter = featureFilter('filter' in layer ? layer.filter : undefined);
      const drawsOne = data[layer.source]!.features.some((feature) =>
        filter.filter({ zoom: WARM_UP_ZOOM }, {
          type: feature.geometry.type === 'Point' ? 1 : 3,
          properties: feature.properties ?? {},
        } as never),
      );
      expect({ layer: layer.id, drawsOne }).toEqual({ layer: layer.id, drawsOne: true });
      drawn.push(layer);
    }
    expect(drawn.length).toBeGreaterThanOrEqual(10);
    // A layer not drawn at the warm-up's zoom (the grids' labels) must be of a kind drawn there.
    for (const layer of outOfZoom) expect(drawn.map((other) => other.type)).toContain(layer.type);
  });

  describe('the canvas', () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    it('is hidden while warming, and shown only once every warmed source has loaded new data', () => {
      const { map, given, container, fire, loadAll } = recordingMap();
      addDivisionLayers(map);
      warmUpLayers(map);
      expect(container.dataset.warming).toBe('true');
      expect(WARMED_SOURCES.map((id) => given.get(id)!.length)).toEqual(WARMED_SOURCES.map(() => 1));
      loadAll();
      endWarmUp(map);
      // The project's data is not sent yet: a frame now would still hold the warm-up features.
      fire('render');
      expect(container.dataset.warming).toBe('ending');
      for (const id of WARMED_SOURCES.slice(1))
        map.getSource<GeoJSONSource>(id)!.setData({ type: 'FeatureCollection', features: [] });
      loadAll();
      fire('render');
      expect(container.dataset.warming).toBe('ending');
      map.getSource<GeoJSONSource>(WARMED_SOURCES[0])!.setData({ type: 'FeatureCollection', features: [] });
      fire('render');
      expect(container.dataset.warming).toBe('ending');
      loadAll();
      fire('render');
      expect(container.dataset.warming).toBeUndefined();
      // Ended already: nothing more happens.
      endWarmUp(map);
      expect(container.dataset.warming).toBeUndefined();
    });

    it('takes the features away at the first idle when no project came, then shows the canvas', () => {
      const { map, given, container, fire, loadAll, idle } = recordingMap();
      addDivisionLayers(map);
      warmUpLayers(map);
      loadAll();
      idle();
      for (const id of WARMED_SOURCES) expect(given.get(id)!.at(-1)!.features).toEqual([]);
      expect(container.dataset.warming).toBe('ending');
      loadAll();
      fire('render');
      expect(container.dataset.warming).toBeUndefined();
    });

    it('leaves a project that came first alone at the idle (its data is not cleared)', () => {
      const { map, given, loadAll, idle } = recordingMap();
      addDivisionLayers(map);
      warmUpLayers(map);
      endWarmUp(map);
      const project = { type: 'FeatureCollection', features: [] } as FeatureCollection;
      for (const id of WARMED_SOURCES) map.getSource<GeoJSONSource>(id)!.setData(project);
      loadAll();
      idle();
      for (const id of WARMED_SOURCES) expect(given.get(id)!.at(-1)).toBe(project);
    });

    it('is shown after a few seconds at the latest, whatever the sources say', () => {
      const { map, container } = recordingMap();
      addDivisionLayers(map);
      warmUpLayers(map);
      endWarmUp(map);
      vi.advanceTimersByTime(5000);
      expect(container.dataset.warming).toBeUndefined();
    });
  });
});
