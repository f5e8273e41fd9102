import type { Feature, FeatureCollection } from 'geojson';
import type { FitBoundsOptions, GeoJSONSource, LngLatBoundsLike, MapLayerMouseEvent } from 'maplibre-gl';
import maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Division } from '../../shared/model';
import { censusNumbersOf } from '../../shared/model';
import type { ValidationIssue } from '../../shared/validate';
import type { GridFigures } from '../derive/grid-figures';
import { offlineBasemapStyle } from './basemap-style';
import { SNAP_PIXELS } from '../editor/snap-to-division';
import type { DrawCallbacks, SnapHit } from './draw-controller';
import { DrawController } from './draw-controller';
import { GridSourceContents } from './grid-source';
import { issueMarkers } from './issue-markers';
import { addDivisionLayers, GRID_FILL_LAYERS, SOURCES } from './map-layers';
import type { OverlayData } from './map-overlay';
import { addOverlay, setOverlayData } from './map-overlay';
import { mapLocale, relocaliseMap } from './map-locale';
// --- user basemap (basemap-source.ts, use-basemap.ts) ---
import type { BasemapSettings } from './basemap-source';
import { useBasemap } from './use-basemap';
import { useCensusSource } from './use-census-source';
import { useProposalLayer } from './proposal-layers';
// --- end user basemap ---
import type { ReviewOverlay } from './use-review-overlay';
import { useReviewOverlay } from './use-review-overlay';
import { markOpening } from '../platform/opening-marks';
import { sendGeoJson, sourceChanged } from './send-geojson';
import { endWarmUp, warmUpLayers } from './warm-up-layers';
import { boundsOfEntities } from './entity-bounds';
import { issueGroupBounds } from './issue-framing';

/** A request to show a grid (from the list) or a place (a gap, an issue). */
export type MapFocus =
  | { readonly gridId: string; readonly request: number }
  | { readonly microgridId: string; readonly request: number }
  | { readonly communityId: string; readonly request: number }
  | { readonly at: readonly [number, number]; readonly request: number }
  | { readonly bounds: readonly [number, number, number, number]; readonly request: number };

export interface MapViewProps {
  readonly division: Division;
  readonly figures: GridFigures;
  /** Changes when another project is opened: the map then fits the new township. */
  readonly projectId: string;
  /**
   * Called once the map has drawn the project `projectId` after fitting its view (its first settled
   * frame), so that work which can wait (the whole check) does not share the cores with that drawing.
   */
  readonly onProjectDrawn?: (projectId: string) => void;
  /** Called when the map cannot be created (no WebGL): nothing will ever be drawn. */
  readonly onUnavailable?: () => void;
  /**
   * True while the census points should wait to be binned for the map: a project just opened has its
   * households counted first, so the two workers do not share the cores with each other and the map.
   */
  readonly holdCensus?: boolean;
  readonly selectedGridId: string | null;
  /** The micro-grid chosen in the tree (outlined like a selected grid). */
  readonly selectedMicrogridId?: string | null;
  /** A click on the map: the grid under it (null: none) and where it was (longitude, latitude). */
  readonly onSelectGrid: (id: string | null, at?: readonly [number, number]) => void;
  readonly onCursor: (lonLat: readonly [number, number] | null) => void;
  /** Asks the map to show one grid or place; the counter makes repeated requests distinct. */
  readonly focus: MapFocus | null;
  /** Validation issues to mark on the map. */
  readonly issues: readonly ValidationIssue[];
  /** Overlays drawn with the division and their data (renderer/shell/map-overlay-items.ts). */
  readonly overlays: readonly OverlayData[];
  /** The issue chosen in the 问题 tab: the map flies to it and outlines its grids in red. */
  readonly selectedIssue: ValidationIssue | null;
  /** A proposal of 自动划分 or 平衡 being previewed (renderer/divide), drawn over the division. */
  readonly proposal?: FeatureCollection | null;
  /** Grids picked for merging (outlined like the selection). */
  readonly pickedGridIds: readonly string[];
  /** Called with Terra Draw's controller once the map has loaded (null when it goes away). */
  readonly onDrawReady: (controller: DrawController | null) => void;
  /** Terra Draw's callbacks, read at call time so they see the latest document. */
  readonly draw: Omit<DrawCallbacks, 'snap'>;
  /** Snaps a position within a tolerance in degrees; undefined for no snap. */
  readonly snap: (position: [number, number], toleranceDeg: number) => SnapHit | undefined;
  /** The project's basemap (offline when absent): a raster source under the division, never setStyle. */
  readonly basemap?: BasemapSettings;
  /** Shown over the map while it has nothing to draw along (offline basemap, no reference layer). */
  readonly emptyHint?: string;
  /** The 审核 tab's diff and comment pins (renderer/map/use-review-overlay.ts). */
  readonly review?: ReviewOverlay;
}

function collection(features: Feature[]): FeatureCollection {
  return { type: 'FeatureCollection', features };
}

/** How the view frames one area asked for (a community whole; a grid or micro-grid not too close). */
const FOCUS_FRAMING = {
  community: { padding: 60 },
  microgrid: { padding: 80, maxZoom: 18 },
  grid: { padding: 80, maxZoom: 17 },
} as const satisfies Record<string, FitBoundsOptions>;

/**
 * The box the view is framed to for a division: its townships, or else its communities, grids or
 * micro-grids (the first layer that has any); a project of census points only by its points.
 */
function boundsOf(division: Division): LngLatBoundsLike | null {
  const areas =
    division.township.size > 0
      ? division.township
      : division.community.size > 0
        ? division.community
        : division.grid.size > 0
          ? division.grid
          : division.microgrid;
  const box = boundsOfEntities([...areas.values()]);
  if (box) return [...box];
  // A project of census points only: their columns, not a point object each.
  const { lon, lat } = censusNumbersOf(division.census);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let index = 0; index < lon.length; index++) {
    const x = lon[index]!;
    const y = lat[index]!;
    if (!(Number.isFinite(x) && Number.isFinite(y) && Math.abs(x) <= 180 && Math.abs(y) <= 90)) continue;
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return minX === Infinity ? null : [minX, minY, maxX, maxY];
}

/**
 * Feature collections of the division as the map layers expect them, one function a source, so that an
 * edit re-sends only the sources whose part of the document changed (a vertex edit never re-sends the
 * 100,000 census points to MapLibre's worker).
 */
const sourceOf = {
  township: (division: Division) =>
    collection(
      [...division.township.values()].map((t) => ({
        type: 'Feature',
        properties: { id: t.id, name: t.name },
        geometry: t.geometry,
      })),
    ),
  community: (division: Division) => {
    const dividedCommunities = new Set<string>();
    for (const grid of division.grid.values()) dividedCommunities.add(grid.parentCode);
    return collection(
      [...division.community.values()].map((c) => ({
        type: 'Feature',
        properties: { id: c.id, name: c.name, code: c.code, divided: dividedCommunities.has(c.code) },
        geometry: c.geometry,
      })),
    );
  },
  microgrid: (division: Division) =>
    collection(
      [...division.microgrid.values()].map((m) => ({
        type: 'Feature',
        properties: { id: m.id, name: m.name },
        geometry: m.geometry,
      })),
    ),
};

/**
 * The map: MapLibre with the offline basemap and the division drawn as plain layers. The container gets
 * `data-map-ready` once the style has loaded and the map is set up for a project (one is there) and
 * `data-map-idle` whenever rendering has settled, which the end-to-end tests wait for before they read
 * pixels.
 */
export function MapView(props: MapViewProps) {
  const { t, i18n } = useTranslation();
  // The zoom buttons and the scale bar: kept to be added again when the language changes.
  const controls = useRef<{ control: maplibregl.IControl; position: 'top-right' | 'bottom-left' }[]>([]);
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  // What the grid source holds (grid-source.ts), forgotten with the map.
  const gridContents = useRef(new GridSourceContents());
  /** True once the map is set up for a project (the style has loaded and a project is there). */
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  /**
   * Ends the layers' warm-up and adds the overlays and Terra Draw once the first project is there, when
   * the style loaded before it.
   */
  const setUpForProject = useRef<(() => void) | null>(null);
  useBasemap(mapRef, ready, props.basemap); // user basemap: renderer/map/use-basemap.ts
  useProposalLayer(mapRef, ready, props.proposal); // 自动划分/平衡 preview: renderer/map/proposal-layers.ts
  useReviewOverlay(mapRef, ready, props.review); // review: renderer/map/use-review-overlay.ts
  // Map event handlers are registered once; they read the latest props through this ref.
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    let map: maplibregl.Map;
    try {
      map = new maplibregl.Map({
        container: element,
        style: offlineBasemapStyle(),
        center: [104.77, 29.36],
        zoom: 12,
        attributionControl: false,
        // MapLibre's tooltips and scale units in the window's language (map-locale.ts).
        locale: mapLocale(t),
        // Needed so screenshots and the print view can read the canvas.
        canvasContextAttributes: { preserveDrawingBuffer: true },
        // Labels appear at once instead of fading in: a fade repaints the whole map for 300 ms after
        // every placement, frames a software renderer (and a planner's laptop) pays for while a project
        // opens.
        fadeDuration: 0,
        localIdeographFontFamily: '"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif',
      });
    } catch {
      // MapLibre throws when WebGL is unavailable: shown once, nothing else to synchronise.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setFailed(true);
      latest.current.onUnavailable?.();
      return;
    }
    mapRef.current = map;
    markOpening('map-created');
    controls.current = [
      { control: new maplibregl.NavigationControl({ visualizePitch: false }), position: 'top-right' },
      { control: new maplibregl.ScaleControl({ unit: 'metric' }), position: 'bottom-left' },
    ];
    for (const { control, position } of controls.current) map.addControl(control, position);
    let controller: DrawController | null = null;
    const contents = gridContents.current;
    map.on('load', () => {
      markOpening('map-loaded');
      // The division's layers are added now, and while the first project is read they are drawn once,
      // hidden, with a feature each, so that their WebGL programs are compiled while the GPU is idle
      // (warm-up-layers.ts). Overlays and Terra Draw are added when there is a project to show: their
      // sources loading beside the read repainted the map, each frame 30–120 ms with a software renderer.
      addDivisionLayers(map);
      if (latest.current.projectId) setUp();
      else {
        warmUpLayers(map);
        setUpForProject.current = setUp;
      }
    });
    const setUp = (): void => {
      endWarmUp(map);
      for (const { overlay } of latest.current.overlays) addOverlay(map, overlay);
      // Terra Draw after our layers, inside the loaded style, and the style is never replaced after.
      controller = new DrawController(map, {
        onPolygon: (geometry) => latest.current.draw.onPolygon(geometry),
        onLine: (geometry) => latest.current.draw.onLine(geometry),
        onEdit: (geometry, final) => latest.current.draw.onEdit(geometry, final),
        onDrawingChange: (drawing) => latest.current.draw.onDrawingChange(drawing),
        onSketch: (geometry) => latest.current.draw.onSketch?.(geometry),
        snap: (pointer, _project, unproject) => {
          const there = unproject(pointer.x + SNAP_PIXELS, pointer.y);
          return latest.current.snap([pointer.lng, pointer.lat], Math.abs(there.lng - pointer.lng));
        },
      });
      latest.current.onDrawReady(controller);
      element.dataset.mapReady = 'true';
      setReady(true);
    };
    map.on('render', () => delete element.dataset.mapIdle);
    map.on('idle', () => {
      element.dataset.mapIdle = 'true';
      markOpening('map-idle');
    });
    // The view as data, for tests and support: "lng,lat,zoom" of the centre.
    const recordView = (): void => {
      const centre = map.getCenter();
      element.dataset.view = `${centre.lng},${centre.lat},${map.getZoom()}`;
    };
    map.on('moveend', recordView);
    map.on('load', recordView);
    map.on('mousemove', (event) => latest.current.onCursor([event.lngLat.lng, event.lngLat.lat]));
    map.on('mouseout', () => latest.current.onCursor(null));
    const onGridClick = (event: MapLayerMouseEvent): void => {
      const id = event.features?.[0]?.properties?.id as unknown;
      markOpening('grid-clicked');
      latest.current.onSelectGrid(typeof id === 'string' ? id : null, [event.lngLat.lng, event.lngLat.lat]);
    };
    for (const layer of GRID_FILL_LAYERS) map.on('click', layer, onGridClick);
    map.on('click', (event) => {
      const hits = map.queryRenderedFeatures(event.point, { layers: GRID_FILL_LAYERS });
      if (hits.length === 0) latest.current.onSelectGrid(null);
    });
    for (const layer of GRID_FILL_LAYERS) {
      map.on('mouseenter', layer, () => (map.getCanvas().style.cursor = 'pointer'));
      map.on('mouseleave', layer, () => (map.getCanvas().style.cursor = ''));
    }
    return () => {
      setUpForProject.current = null;
      latest.current.onDrawReady(null);
      controller?.destroy();
      contents.reset();
      mapRef.current = null;
      map.remove();
    };
    // The map is made once; a later language switch re-labels its controls (relocaliseMap below).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const { division, figures, projectId, selectedGridId, focus, issues, selectedIssue, pickedGridIds } = props;
  const selectedMicrogridId = props.selectedMicrogridId ?? null;

  useEffect(() => {
    if (!projectId) return;
    const setUp = setUpForProject.current;
    setUpForProject.current = null;
    setUp?.();
  }, [projectId]);

  // A language switch re-labels MapLibre's own controls.
  const language = i18n.language;
  const shownLanguage = useRef(language);
  useEffect(() => {
    const map = mapRef.current;
    if (!map || shownLanguage.current === language) return;
    shownLanguage.current = language;
    relocaliseMap(map, t, controls.current);
  }, [language, t]);

  // Each overlay's data is re-sent only when it is a new object.
  const sentOverlays = useRef(new Map<string, FeatureCollection>());
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    for (const { overlay, data } of props.overlays) {
      if (sentOverlays.current.get(overlay.id) === data) continue;
      sentOverlays.current.set(overlay.id, data);
      setOverlayData(map, overlay, data);
      // How many features each overlay shows, for the end-to-end tests (e.g. data-features-gp-references).
      map.getContainer().setAttribute(`data-features-${overlay.id}`, String(data.features.length));
    }
  });

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    sendGeoJson(map.getSource<GeoJSONSource>(SOURCES.issues), issueMarkers(issues, selectedIssue?.key));
  }, [ready, issues, selectedIssue]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    const ids = selectedIssue && selectedIssue.layer === 'grid' ? [...selectedIssue.ids] : [];
    map.setFilter('grid-highlight', ['in', ['get', 'id'], ['literal', ids]]);
    if (!selectedIssue) return;
    // 未落格 points of a community: the whole group, not the one point the issue is placed at.
    const group = issueGroupBounds(selectedIssue, latest.current.division);
    if (group) map.fitBounds([...group], { padding: 60, maxZoom: 17, duration: 400 });
    else
      map.flyTo({
        center: [...selectedIssue.at] as [number, number],
        zoom: Math.max(map.getZoom(), 15.5),
        duration: 400,
      });
  }, [ready, selectedIssue]);

  // Each source follows only its own layer's map (applyChange copies only the maps it touches).
  const latestDivision = (): Division => latest.current.division;
  const setSource = (id: string, data: FeatureCollection): void => {
    sendGeoJson(mapRef.current?.getSource<GeoJSONSource>(id), data);
  };
  const { township, community, grid, microgrid, census } = division;
  useEffect(() => {
    if (ready) setSource(SOURCES.township, sourceOf.township(latestDivision()));
  }, [ready, township]);
  useEffect(() => {
    if (ready) setSource(SOURCES.community, sourceOf.community(latestDivision()));
  }, [ready, community, grid]);
  // The grids' polygons go to MapLibre once per grid map; their figures and labels follow as diffs.
  useEffect(() => {
    const source = ready ? mapRef.current?.getSource<GeoJSONSource>(SOURCES.grid) : undefined;
    if (!source) return;
    const next = gridContents.current.next(latestDivision(), figures, {
      households: (count) => t('units.households', { value: count }),
      lockedPrefix: t('divide.mapLocked'),
    });
    if (next && 'data' in next) {
      sendGeoJson(source, next.data);
      if (next.data.features.length > 0) markOpening('grids-sent');
    } else if (next) {
      source.updateData(next.diff);
      sourceChanged(source);
    }
  }, [ready, grid, figures, t]);
  useEffect(() => {
    if (ready) setSource(SOURCES.microgrid, sourceOf.microgrid(latestDivision()));
  }, [ready, microgrid]);
  useCensusSource(mapRef, ready, census, props.holdCensus ?? false);
  /** The project the view has been framed to (a project with nothing to frame yet is framed later). */
  const framed = useRef<string | null>(null);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return undefined;
    const bounds = boundsOf(latest.current.division);
    if (bounds) map.fitBounds(bounds, { padding: 40, duration: 0 });
    framed.current = bounds ? projectId : null;
    // Which project the view was fitted to, for tests and support: the map is there before a project is.
    if (!projectId) return undefined;
    map.getContainer().dataset.project = projectId;
    markOpening('view-fitted');
    // The project's sources were given their data in this same render, so the next settled frame has
    // its grids drawn; the repaint makes that `idle` come even when nothing was left to load.
    const drawn = (): void => {
      markOpening('project-drawn');
      latest.current.onProjectDrawn?.(projectId);
    };
    void map.once('idle', drawn);
    map.triggerRepaint();
    return () => void map.off('idle', drawn);
  }, [ready, projectId]);

  // A project of census points only is framed by them, and a project opening shows its areas before
  // its points are read: one with nothing to frame at the fit is framed once its points come (a census
  // edit later does not move the view).
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !projectId || framed.current === projectId || census.size === 0) return;
    const bounds = boundsOf(latest.current.division);
    if (!bounds) return;
    map.fitBounds(bounds, { padding: 40, duration: 0 });
    framed.current = projectId;
  }, [ready, projectId, census]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    const ids = [...new Set([...(selectedGridId ? [selectedGridId] : []), ...pickedGridIds])];
    map.setFilter('grid-selected', ['in', ['get', 'id'], ['literal', ids]]);
    // Picked micro-grids (合并 with 微网格 on) are outlined the same way; their ids never match a grid's.
    const microgridIds = selectedMicrogridId ? [...ids, selectedMicrogridId] : ids;
    map.setFilter('microgrid-selected', ['in', ['get', 'id'], ['literal', microgridIds]]);
  }, [ready, selectedGridId, selectedMicrogridId, pickedGridIds]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !focus) return;
    const move = (): boolean => {
      if ('bounds' in focus) {
        const [minX, minY, maxX, maxY] = focus.bounds;
        map.fitBounds([minX, minY, maxX, maxY], { padding: 60, maxZoom: 18, duration: 300 });
        return true;
      }
      if ('at' in focus) {
        map.flyTo({ center: [focus.at[0], focus.at[1]], zoom: Math.max(map.getZoom(), 16), duration: 300 });
        return true;
      }
      // One area, framed by its own vertices.
      const { division } = latest.current;
      const [area, framing] =
        'communityId' in focus
          ? [division.community.get(focus.communityId), FOCUS_FRAMING.community]
          : 'microgridId' in focus
            ? [division.microgrid.get(focus.microgridId), FOCUS_FRAMING.microgrid]
            : [division.grid.get(focus.gridId), FOCUS_FRAMING.grid];
      const box = area ? boundsOfEntities([area]) : null;
      if (!box) return false;
      map.fitBounds([...box], { ...framing, duration: 300 });
      return true;
    };
    // Which request the view was last moved for, once the move has ended (the end-to-end tests wait for
    // it: a busy window may start the move later than they would otherwise wait).
    const moved = (): void => void (map.getContainer().dataset.focusRequest = String(focus.request));
    if (move()) void map.once('moveend', moved);
    else moved();
  }, [ready, focus]);

  return (
    <div className="map-view" ref={container} data-testid="map" aria-label={t('app.title')}>
      {!ready && !failed && <div className="map-overlay">{t('map.loading')}</div>}
      {failed && <div className="map-overlay map-error">{t('map.noWebgl')}</div>}
      {ready && props.emptyHint && (
        <div className="map-empty-hint" data-testid="map-empty-hint">
          {props.emptyHint}
        </div>
      )}
    </div>
  );
}
