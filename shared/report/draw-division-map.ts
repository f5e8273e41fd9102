import type { Feature } from 'geojson';
import { interiorPoint, preparePolygon } from '../geometry';
import type { PreparedPolygon } from '../geometry';
import type {
  AreaGeometry,
  Division,
  Grid,
  Language,
  ReferenceGeometry,
  ReferenceLayer,
  TargetStatus,
} from '../model';
import type { MeasureText, PageBox, PagePoint, SceneItem, Scene } from './map-scene';
import { estimateTextWidth, hex } from './map-scene';
import { communityFill, EXCLUSIVE_HATCH, INK, TARGET_STYLES } from './map-styles';
import type { AreaStyle } from './map-styles';
import { clipLineToBox, clipRingToBox, clipSegmentToBox } from './clip-to-box';
import { boxesIntersect, fitProjection, padBox, unionBox } from './page-projection';
import type { LonLatBox, PageProjection } from './page-projection';
import { placeLabels } from './place-labels';
import type { LabelCandidate } from './place-labels';
import { northArrow, northArrowBox, scaleBar, scaleBarBox } from './map-furniture';
import { appendAll } from '../model';

/** How grids are coloured: by household target (reviewers) or by community (the public overview). */
export type ColourBy = 'target' | 'community';

/** A point to mark on the map (an issue's location), with an optional short label. */
export interface MapMarker {
  readonly lon: number;
  readonly lat: number;
  readonly label?: string;
  /** A small dot instead of a ring (many census points in no grid). */
  readonly small?: boolean;
}

/** What {@link drawDivisionMap} draws and where. */
export interface DivisionMapOptions {
  /** The page box of the map. */
  readonly box: PageBox;
  /** The area to show; default: the whole division. */
  readonly bounds?: LonLatBox;
  /** Blank margin inside the box around `bounds`, in points (default 12). */
  readonly marginPt?: number;
  readonly colourBy: ColourBy;
  /** Household target status per grid code (for `colourBy: 'target'`; grids not listed are `none`). */
  readonly targets?: ReadonlyMap<string, TargetStatus>;
  /** Grid ids shown in colour with a thick outline; the other grids are pale context. Empty: all. */
  readonly focusGridIds?: ReadonlySet<string>;
  /** Which grids get a name label: every grid or only the focused ones (default all). */
  readonly labels?: 'all' | 'focus' | 'none';
  /** The name printed on a grid (default its name; the overview drops the community's prefix). */
  readonly labelText?: (grid: Grid) => string;
  /** Print the grid code under its name (default true). */
  readonly labelCodes?: boolean;
  /** Draw micro-grids (thin dashed) inside focused grids (default true). */
  readonly microgrids?: boolean;
  readonly referenceLayers?: readonly ReferenceLayer[];
  readonly markers?: readonly MapMarker[];
  readonly scaleBar?: boolean;
  readonly northArrow?: boolean;
  /** Font size of the biggest grid label, in points (default 10). */
  readonly labelSize?: number;
  readonly measure?: MeasureText;
  readonly lang?: Language;
}

/** The drawing and the projection it was drawn with (so that a page can add to it). */
export interface DivisionMap {
  readonly scene: Scene;
  readonly projection: PageProjection;
}

// Many maps are drawn from one division (a page per grid, a locator per issue): prepare each shape once.
const preparedCache = new WeakMap<AreaGeometry, PreparedPolygon>();

/** The prepared polygon of a geometry, cached per geometry object (entities are immutable). */
export function preparedOf(geometry: AreaGeometry): PreparedPolygon {
  let prepared = preparedCache.get(geometry);
  if (!prepared) {
    prepared = preparePolygon(geometry);
    preparedCache.set(geometry, prepared);
  }
  return prepared;
}

function boxOf(prepared: PreparedPolygon): LonLatBox {
  return [prepared.minX, prepared.minY, prepared.maxX, prepared.maxY];
}

function geometryRings(geometry: AreaGeometry): readonly (readonly (readonly number[])[])[] {
  if (geometry.type === 'Polygon') return geometry.coordinates;
  return geometry.coordinates.flat();
}

// Vertices closer than this on paper add bytes and no detail.
const MIN_STEP_PT = 0.25;
const CLIP_PAD = 12;

function projectRing(ring: readonly (readonly number[])[], projection: PageProjection): PagePoint[] {
  const out: PagePoint[] = [];
  let last: PagePoint | undefined;
  for (const position of ring) {
    const lon = position[0];
    const lat = position[1];
    if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat))
      continue;
    const p = projection.project(lon, lat);
    if (last && Math.abs(p[0] - last[0]) < MIN_STEP_PT && Math.abs(p[1] - last[1]) < MIN_STEP_PT) continue;
    out.push(p);
    last = p;
  }
  return out;
}

function projectArea(geometry: AreaGeometry, projection: PageProjection): PagePoint[][] {
  const b = projection.box;
  // Clipped a little outside the visible box: the file keeps only what is on the page, the cut edges stay unseen.
  const clipBox = {
    x: b.x - CLIP_PAD,
    y: b.y - CLIP_PAD,
    width: b.width + 2 * CLIP_PAD,
    height: b.height + 2 * CLIP_PAD,
  };
  return geometryRings(geometry)
    .map((ring) => clipRingToBox(projectRing(ring, projection), clipBox))
    .filter((ring) => ring.length >= 3);
}

function lineParts(geometry: ReferenceGeometry): readonly (readonly (readonly number[])[])[] {
  switch (geometry.type) {
    case 'LineString':
      return [geometry.coordinates];
    case 'MultiLineString':
      return geometry.coordinates;
    case 'Polygon':
      return geometry.coordinates;
    case 'MultiPolygon':
      return geometry.coordinates.flat();
  }
}

function featureBox(feature: Feature<ReferenceGeometry>): LonLatBox | undefined {
  let box: [number, number, number, number] | undefined;
  for (const part of lineParts(feature.geometry)) {
    for (const p of part) {
      const x = p[0];
      const y = p[1];
      if (typeof x !== 'number' || typeof y !== 'number') continue;
      if (!box) box = [x, y, x, y];
      else {
        box[0] = Math.min(box[0], x);
        box[1] = Math.min(box[1], y);
        box[2] = Math.max(box[2], x);
        box[3] = Math.max(box[3], y);
      }
    }
  }
  return box;
}

/** The name a street or river feature carries, from the usual attribute names. */
export function featureName(feature: Feature): string | undefined {
  const properties = feature.properties ?? {};
  for (const key of ['name', 'NAME', 'Name', 'name:zh', '名称', 'ROADNAME', 'roadName', 'label']) {
    const value: unknown = properties[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return undefined;
}

/** The bounds of the whole division (township, communities, grids), if it has any area. */
export function divisionBounds(division: Division): LonLatBox | undefined {
  const boxes: LonLatBox[] = [];
  for (const layer of [division.township, division.community, division.grid] as const) {
    for (const entity of layer.values()) {
      const prepared = preparedOf(entity.geometry);
      if (!prepared.empty) boxes.push(boxOf(prepared));
    }
  }
  return unionBox(boxes);
}

function gridStyle(
  grid: Grid,
  options: DivisionMapOptions,
  communityIndex: ReadonlyMap<string, number>,
): AreaStyle {
  if (options.colourBy === 'target') {
    const status = options.targets?.get(grid.code) ?? (grid.gridType === 'exclusive' ? 'none' : 'ok');
    return TARGET_STYLES[status];
  }
  const fill = communityFill(communityIndex.get(grid.parentCode) ?? 0);
  return grid.gridType === 'exclusive'
    ? { fill, stroke: INK.gridLine, strokeWidth: 0.7, hatch: EXCLUSIVE_HATCH }
    : { fill, stroke: INK.gridLine, strokeWidth: 0.7 };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}

/** The segment of a polyline with the longest run inside the box: where a street's name goes. */
function longestSegment(
  points: readonly PagePoint[],
  box: PageBox,
): { readonly a: PagePoint; readonly b: PagePoint; readonly length: number } | undefined {
  let best: { a: PagePoint; b: PagePoint; length: number } | undefined;
  for (let i = 1; i < points.length; i++) {
    const clipped = clipSegmentToBox(points[i - 1]!, points[i]!, box);
    if (!clipped) continue;
    const [a, b] = clipped;
    const length = Math.hypot(b[0] - a[0], b[1] - a[1]);
    if (!best || length > best.length) best = { a, b, length };
  }
  return best;
}

/** The part of an area inside a longitude/latitude box (outer rings only), prepared; undefined if none. */
function visiblePart(geometry: AreaGeometry, view: LonLatBox): PreparedPolygon | undefined {
  const box = { x: view[0], y: view[1], width: view[2] - view[0], height: view[3] - view[1] };
  const outer =
    geometry.type === 'Polygon'
      ? geometry.coordinates.slice(0, 1)
      : geometry.coordinates.map((p) => p[0] ?? []);
  const parts = outer
    .map((ring) =>
      clipRingToBox(
        ring.map((p): PagePoint => [p[0] ?? 0, p[1] ?? 0]),
        box,
      ),
    )
    .filter((ring) => ring.length >= 3)
    .map((ring) => [[...ring.map((p) => [p[0], p[1]]), [ring[0]![0], ring[0]![1]]]]);
  if (parts.length === 0) return undefined;
  return preparePolygon({ type: 'MultiPolygon', coordinates: parts });
}

/**
 * Draws a division on a page box as vector shapes: grids coloured by household target or by community
 * (exclusive grids hatched), reference layers (streets cased, rivers blue, compounds outlined), community
 * and township boundaries, micro-grids dashed, focused grids outlined thick, markers, grid and street labels
 * placed without overlaps, a scale bar and a north arrow. The same {@link Scene} is rendered to PDF and to
 * SVG, so the command line (no WebGL), the HTML report and the app show one picture.
 */
export function drawDivisionMap(division: Division, options: DivisionMapOptions): DivisionMap {
  const measure = options.measure ?? estimateTextWidth;
  const lang = options.lang ?? 'zh';
  const bounds = options.bounds ?? divisionBounds(division) ?? [0, 0, 0.001, 0.001];
  const projection = fitProjection(bounds, options.box, options.marginPt ?? 12);
  const shown = padBox(projection.shown, 0.02);
  const focus = options.focusGridIds ?? new Set<string>();
  const hasFocus = focus.size > 0;
  const items: SceneItem[] = [];

  const communityIndex = new Map<string, number>();
  [...division.community.values()]
    .sort((a, b) => a.code.localeCompare(b.code))
    .forEach((community, index) => communityIndex.set(community.code, index));

  // Context: the township and communities as a pale ground so the map is never empty paper.
  const onMap = (geometry: AreaGeometry) => {
    const prepared = preparedOf(geometry);
    return !prepared.empty && boxesIntersect(boxOf(prepared), shown);
  };
  const townships = [...division.township.values()].filter((t) => onMap(t.geometry));
  const communities = [...division.community.values()].filter((c) => onMap(c.geometry));
  for (const township of townships) {
    const rings = projectArea(township.geometry, projection);
    if (rings.length > 0) items.push({ kind: 'area', rings, fill: INK.context });
  }

  const grids = [...division.grid.values()]
    .map((grid) => ({ grid, prepared: preparedOf(grid.geometry) }))
    .filter(({ prepared }) => !prepared.empty && boxesIntersect(boxOf(prepared), shown));

  for (const { grid } of grids) {
    const rings = projectArea(grid.geometry, projection);
    if (rings.length === 0) continue;
    const focused = !hasFocus || focus.has(grid.id);
    if (focused) {
      const style = gridStyle(grid, options, communityIndex);
      items.push({ kind: 'area', rings, fill: style.fill, hatch: style.hatch });
    } else {
      items.push({ kind: 'area', rings, fill: hex('#f7f7f5') });
    }
  }

  // Reference layers above the fills, under the boundaries: a boundary along a street stays visible.
  const streetLabels: LabelCandidate[] = [];
  for (const layer of options.referenceLayers ?? []) {
    if (!layer.visible && layer.role !== 'road') continue;
    for (const feature of layer.features) {
      const fb = featureBox(feature);
      if (!fb || !boxesIntersect(fb, shown)) continue;
      const geometry = feature.geometry;
      const b = projection.box;
      const clipBox = {
        x: b.x - CLIP_PAD,
        y: b.y - CLIP_PAD,
        width: b.width + 2 * CLIP_PAD,
        height: b.height + 2 * CLIP_PAD,
      };
      const polygon = geometry.type === 'Polygon' || geometry.type === 'MultiPolygon';
      const parts = lineParts(geometry)
        .map((part) => projectRing(part, projection))
        .flatMap((part) => (polygon ? [clipRingToBox(part, clipBox)] : clipLineToBox(part, clipBox)))
        .filter((part) => part.length >= 2);
      if (parts.length === 0) continue;
      if (polygon) {
        items.push({
          kind: 'area',
          rings: parts.filter((p) => p.length >= 3),
          stroke: layer.role === 'neighbour' ? INK.contextLine : INK.compound,
          strokeWidth: 0.6,
          dash: layer.role === 'neighbour' ? [3, 2] : undefined,
        });
        continue;
      }
      if (layer.role === 'river') {
        items.push({ kind: 'line', lines: parts, stroke: INK.river, strokeWidth: 2.2 });
      } else if (layer.role === 'railway') {
        items.push({ kind: 'line', lines: parts, stroke: INK.railway, strokeWidth: 1.6 });
        items.push({ kind: 'line', lines: parts, stroke: INK.paper, strokeWidth: 0.8, dash: [4, 4] });
      } else {
        items.push({ kind: 'line', lines: parts, stroke: INK.road, strokeWidth: 3.2 });
        items.push({ kind: 'line', lines: parts, stroke: INK.roadInner, strokeWidth: 2 });
      }
      const name = featureName(feature);
      if (name && layer.role !== 'other') {
        let best: { a: PagePoint; b: PagePoint; length: number } | undefined;
        for (const part of parts) {
          const segment = longestSegment(part, options.box);
          if (segment && (!best || segment.length > best.length)) best = segment;
        }
        const size = 6.5;
        if (best && best.length > measure(name, size) * 0.8) {
          let angle = (Math.atan2(-(best.b[1] - best.a[1]), best.b[0] - best.a[0]) * 180) / Math.PI;
          if (angle > 90) angle -= 180;
          if (angle < -90) angle += 180;
          streetLabels.push({
            x: (best.a[0] + best.b[0]) / 2,
            y: (best.a[1] + best.b[1]) / 2,
            lines: [{ text: name, size, bold: false }],
            priority: 1,
            angle,
            colour: layer.role === 'river' ? hex('#2f6fa8') : INK.muted,
          });
        }
      }
    }
  }

  for (const { grid } of grids) {
    const rings = projectArea(grid.geometry, projection);
    if (rings.length === 0) continue;
    const focused = !hasFocus || focus.has(grid.id);
    const style = gridStyle(grid, options, communityIndex);
    items.push({
      kind: 'area',
      rings,
      stroke: focused ? style.stroke : INK.contextLine,
      strokeWidth: focused ? style.strokeWidth : 0.5,
    });
  }

  const microLabels: LabelCandidate[] = [];
  if (options.microgrids ?? true) {
    const shownCodes = new Set(
      grids.filter(({ grid }) => !hasFocus || focus.has(grid.id)).map(({ grid }) => grid.code),
    );
    for (const micro of division.microgrid.values()) {
      if (!shownCodes.has(micro.parentCode)) continue;
      const rings = projectArea(micro.geometry, projection);
      if (rings.length === 0) continue;
      items.push({ kind: 'area', rings, stroke: INK.microgrid, strokeWidth: 0.5, dash: [2, 1.5] });
      // Micro-grids are named only where their grid is the subject (a notice page), small and low priority.
      const prepared = preparedOf(micro.geometry);
      if (hasFocus && !prepared.empty && options.labels !== 'none') {
        const [lon, lat] = interiorPoint(prepared);
        const [x, y] = projection.project(lon, lat);
        microLabels.push({
          x,
          y: y + 12,
          lines: [{ text: micro.name || micro.code, size: 6.5, bold: false }],
          priority: 3,
          colour: INK.muted,
        });
      }
    }
  }

  for (const community of communities) {
    const rings = projectArea(community.geometry, projection);
    if (rings.length > 0)
      items.push({ kind: 'area', rings, stroke: INK.community, strokeWidth: 1.3, dash: [6, 2, 1.5, 2] });
  }
  for (const township of townships) {
    const rings = projectArea(township.geometry, projection);
    if (rings.length > 0) items.push({ kind: 'area', rings, stroke: INK.township, strokeWidth: 2 });
  }
  if (hasFocus) {
    for (const { grid } of grids) {
      if (!focus.has(grid.id)) continue;
      const rings = projectArea(grid.geometry, projection);
      items.push({ kind: 'area', rings, stroke: INK.focus, strokeWidth: 2.4 });
    }
  }

  const markerLabels: LabelCandidate[] = [];
  for (const marker of options.markers ?? []) {
    const [x, y] = projection.project(marker.lon, marker.lat);
    if (marker.small) {
      items.push({
        kind: 'area',
        rings: [circle(x, y, 2.4)],
        fill: INK.problem,
        stroke: INK.paper,
        strokeWidth: 0.8,
      });
      continue;
    }
    items.push({ kind: 'area', rings: [circle(x, y, 7)], stroke: INK.paper, strokeWidth: 3 });
    items.push({ kind: 'area', rings: [circle(x, y, 7)], stroke: INK.problem, strokeWidth: 1.8 });
    items.push({ kind: 'area', rings: [circle(x, y, 1.6)], fill: INK.problem });
    if (marker.label) {
      markerLabels.push({
        x: x + 10 + measure(marker.label, 8, true) / 2,
        y,
        lines: [{ text: marker.label, size: 8, bold: true }],
        priority: 3,
        colour: INK.problem,
      });
    }
  }

  const labelMode = options.labels ?? 'all';
  const gridLabels: LabelCandidate[] = [];
  const view = projection.shown;
  if (labelMode !== 'none') {
    const maxSize = options.labelSize ?? 10;
    for (const { grid, prepared } of grids) {
      const focused = hasFocus && focus.has(grid.id);
      if (labelMode === 'focus' && !focused) continue;
      // A grid cut by the map's edge is labelled inside the part that shows.
      const whole = boxOf(prepared);
      const cut = !(whole[0] >= view[0] && whole[1] >= view[1] && whole[2] <= view[2] && whole[3] <= view[3]);
      const part = cut ? visiblePart(grid.geometry, view) : prepared;
      if (!part || part.empty) continue;
      const [lon, lat] = interiorPoint(part);
      const [x, y] = projection.project(lon, lat);
      const [x0, y1] = projection.project(part.minX, part.minY);
      const [x1, y0] = projection.project(part.maxX, part.maxY);
      const width = x1 - x0;
      const height = y1 - y0;
      // Size from the grid's size on paper, so a small grid's label does not spill over its neighbours.
      let size = clamp(Math.min(width, height) / 6, 5, focused ? maxSize * 1.3 : maxSize);
      const name = options.labelText?.(grid) ?? (grid.name || grid.code);
      const nameWidth = measure(name, size, true);
      if (nameWidth > width * 1.1) size = Math.max(4.5, (size * width * 1.1) / nameWidth);
      const lines = [{ text: name, size, bold: true }];
      if (options.labelCodes ?? true)
        lines.push({ text: grid.code, size: Math.max(4, size * 0.72), bold: false });
      gridLabels.push({ x, y, lines, priority: focused ? 4 : 2, colour: INK.text });
    }
  }

  const box = options.box;
  const obstacles = [
    ...((options.scaleBar ?? true) ? [scaleBarBox(box)] : []),
    ...((options.northArrow ?? true) ? [northArrowBox(box)] : []),
  ];
  const placed = placeLabels(
    [...markerLabels, ...gridLabels, ...microLabels, ...streetLabels],
    box,
    measure,
    obstacles,
  );
  appendAll(items, placed);

  if (options.scaleBar ?? true) appendAll(items, scaleBar(projection, measure, lang));
  if (options.northArrow ?? true) appendAll(items, northArrow(projection.box, lang));
  return { scene: { clip: options.box, items }, projection };
}

/** A circle as a 24-gon (both back-ends draw polygons only). */
export function circle(x: number, y: number, radius: number): PagePoint[] {
  const points: PagePoint[] = [];
  for (let i = 0; i < 24; i++) {
    const a = (i / 24) * 2 * Math.PI;
    points.push([x + radius * Math.cos(a), y + radius * Math.sin(a)]);
  }
  return points;
}
