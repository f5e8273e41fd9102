import type { Feature, LineString, Polygon, Position } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { SnappableContext, TerraDrawMouseEvent } from 'terra-draw';
import {
  TerraDraw,
  TerraDrawLineStringMode,
  TerraDrawModeUndoRedo,
  TerraDrawPolygonMode,
  TerraDrawSelectMode,
} from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import { SELECTION_COLOUR } from './colours';

/** What Terra Draw is doing: it owns only the shape being drawn or edited (architecture.md). */
export type DrawMode = 'idle' | 'polygon' | 'line' | 'edit';

/** Where a snapped pointer went, for the indicator and the tests. */
export interface SnapHit {
  readonly position: Position;
  readonly kind: 'vertex' | 'edge';
}

/** Finds the point to snap to near a pointer, in screen pixels; undefined for no snap. */
export type SnapFunction = (
  pointer: { readonly lng: number; readonly lat: number; readonly x: number; readonly y: number },
  project: (lng: number, lat: number) => { x: number; y: number },
  unproject: (x: number, y: number) => { lng: number; lat: number },
) => SnapHit | undefined;

export interface DrawCallbacks {
  /** A polygon was closed (draw a grid, carve an exclusive grid, draw a micro-grid). */
  readonly onPolygon: (geometry: Polygon) => void;
  /** A line was finished (split a grid). */
  readonly onLine: (geometry: LineString) => void;
  /** The edited grid's outline changed: `final` after a drag or vertex insert/delete ends. */
  readonly onEdit: (geometry: Polygon, final: boolean) => void;
  /** Whether a shape is being drawn changed (the toolbar's undo then belongs to Terra Draw). */
  readonly onDrawingChange: (drawing: boolean) => void;
  /** The shape being drawn as it is now (the pointer is its last vertex), or null when drawing stops. */
  readonly onSketch?: (geometry: Polygon | LineString | null) => void;
  readonly snap: SnapFunction;
}

function isSketch(geometry: Feature['geometry'] | undefined): geometry is Polygon | LineString {
  return geometry?.type === 'Polygon' || geometry?.type === 'LineString';
}

/** Terra Draw keeps at most 9 decimals; our geometry has no more than that either (shared/geometry). */
const PRECISION = 9;

function round(position: Position): Position {
  const factor = 10 ** PRECISION;
  return [Math.round(position[0]! * factor) / factor, Math.round(position[1]! * factor) / factor];
}

/**
 * Wraps Terra Draw with the MapLibre adapter: modes for drawing polygons and lines and for editing the
 * vertices of one grid, snapping through the caller's function (vertices and edges of neighbouring grids
 * and the community boundary; suspended while Alt is held), and undo of the last vertex while drawing. Nothing of the division lives
 * here: finished shapes go to the callbacks and become Changes in the editor.
 */
export class DrawController {
  private readonly draw: TerraDraw;
  private mode: DrawMode = 'idle';
  private lastSnap: SnapHit | undefined;
  private editing = false;
  /** Terra Draw's id of the grid outline under vertex editing (its default id strategy wants UUIDs). */
  private editId: string = crypto.randomUUID();
  /** The outline as last reported, so an update that moves nothing is not reported as a drag. */
  private editOutline = '';
  /** Alt is held: snapping is suspended (fine adjustment next to other features). */
  private altHeld = false;
  private readonly trackAlt = (event: KeyboardEvent | PointerEvent): void => {
    this.altHeld = event.altKey;
  };

  constructor(
    map: MapLibreMap,
    private readonly callbacks: DrawCallbacks,
  ) {
    const snapping = {
      toCustom: (event: TerraDrawMouseEvent, context: SnappableContext): Position | undefined => {
        if (this.altHeld || event.heldKeys.includes('Alt')) {
          this.lastSnap = undefined;
          return undefined;
        }
        const hit = this.callbacks.snap(
          { lng: event.lng, lat: event.lat, x: event.containerX, y: event.containerY },
          context.project,
          context.unproject,
        );
        this.lastSnap = hit;
        return hit ? round(hit.position) : undefined;
      },
    };
    const styles = {
      fillColor: '#1d5fa8' as const,
      fillOpacity: 0.15,
      outlineColor: SELECTION_COLOUR as `#${string}`,
      outlineWidth: 2,
      snappingPointColor: '#d62728' as const,
      snappingPointWidth: 6,
    };
    this.draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: PRECISION }),
      modes: [
        new TerraDrawPolygonMode({ snapping, styles, pointerDistance: 30 }),
        new TerraDrawLineStringMode({
          snapping,
          styles: { lineStringColor: '#d62728', lineStringWidth: 3, snappingPointColor: '#d62728' },
        }),
        new TerraDrawSelectMode({
          allowManualDeselection: false,
          allowManualSelection: false,
          flags: {
            polygon: {
              feature: {
                // Never drag the whole grid by accident: only its vertices move.
                draggable: false,
                coordinates: { draggable: true, midpoints: true, deletable: true, snappable: snapping },
              },
            },
          },
          styles: {
            selectedPolygonColor: '#1d5fa8',
            selectedPolygonFillOpacity: 0.12,
            selectedPolygonOutlineColor: SELECTION_COLOUR as `#${string}`,
            selectedPolygonOutlineWidth: 3,
            selectionPointColor: '#ffffff',
            selectionPointOutlineColor: SELECTION_COLOUR as `#${string}`,
            selectionPointWidth: 5,
            selectionPointOutlineWidth: 2,
            midPointColor: '#1d5fa8',
            midPointWidth: 3,
          },
        }),
      ],
      undoRedo: { modeLevel: new TerraDrawModeUndoRedo() },
    });
    this.draw.start();
    // Pointer events carry the modifier state even when the map does not have the keyboard focus.
    for (const type of ['pointerdown', 'pointermove', 'keydown', 'keyup'] as const)
      window.addEventListener(type, this.trackAlt, true);
    this.draw.on('finish', (id, context) => this.finished(id, context.action));
    this.draw.on('change', (ids, type, context) => {
      const drawing = this.draw.getModeState() === 'drawing';
      this.callbacks.onDrawingChange(drawing);
      if (this.callbacks.onSketch && (this.mode === 'polygon' || this.mode === 'line')) {
        // Counts before commit follow the shape under the pointer (renderer/divide/use-sketch-counts.ts).
        const shape = drawing
          ? ids.map((id) => this.draw.getSnapshotFeature(id)?.geometry).find(isSketch)
          : undefined;
        this.callbacks.onSketch(shape ?? null);
      }
      // Our own addFeatures also reports a change: only the planner's drags are provisional edits.
      const byApi = context !== undefined && 'origin' in context && context.origin === 'api';
      // Selecting changes properties only; live feedback is for the outline actually moving.
      const geometryChanged = context?.target !== 'properties';
      if (this.editing && type === 'update' && !byApi && geometryChanged && ids.includes(this.editId)) {
        const feature = this.draw.getSnapshotFeature(this.editId);
        const outline =
          feature?.geometry.type === 'Polygon' ? JSON.stringify(feature.geometry.coordinates) : '';
        if (feature?.geometry.type === 'Polygon' && outline !== this.editOutline) {
          this.editOutline = outline;
          this.callbacks.onEdit(feature.geometry, false);
        }
      }
    });
  }

  /** The current mode. */
  get current(): DrawMode {
    return this.mode;
  }

  /** The last snap target, or undefined when the pointer did not snap. */
  get snapped(): SnapHit | undefined {
    return this.lastSnap;
  }

  /** True while a polygon or line is being drawn (clicks placed, not yet finished). */
  isDrawing(): boolean {
    return this.draw.getModeState() === 'drawing';
  }

  /** Starts drawing a polygon or a line, or stops drawing. Anything half-drawn is dropped. */
  setMode(mode: Exclude<DrawMode, 'edit'>): void {
    this.reset();
    this.mode = mode;
    this.draw.setMode(mode === 'polygon' ? 'polygon' : mode === 'line' ? 'linestring' : 'select');
  }

  /** Puts one grid's outline under vertex editing. */
  edit(geometry: Polygon): void {
    this.reset();
    this.mode = 'edit';
    this.draw.setMode('select');
    this.editId = crypto.randomUUID();
    const feature: Feature<Polygon> = {
      type: 'Feature',
      id: this.editId,
      properties: { mode: 'polygon' },
      geometry: { type: 'Polygon', coordinates: geometry.coordinates.map((ring) => ring.map(round)) },
    };
    this.editOutline = JSON.stringify(feature.geometry.coordinates);
    const [result] = this.draw.addFeatures([feature as Parameters<TerraDraw['addFeatures']>[0][number]]);
    if (result?.valid) {
      this.editing = true;
      this.draw.selectFeature(this.editId);
    }
  }

  /** Removes the last placed vertex while drawing. Returns false when there was nothing to remove. */
  undoVertex(): boolean {
    return this.isDrawing() ? this.draw.undo() : false;
  }

  /** Escape: drops the shape being drawn and leaves vertex editing. */
  cancel(): void {
    this.setMode('idle');
  }

  /** Stops Terra Draw and removes its layers. */
  destroy(): void {
    for (const type of ['pointerdown', 'pointermove', 'keydown', 'keyup'] as const)
      window.removeEventListener(type, this.trackAlt, true);
    this.draw.stop();
  }

  private reset(): void {
    this.editing = false;
    this.draw.clear();
    this.lastSnap = undefined;
    this.callbacks.onDrawingChange(false);
    this.callbacks.onSketch?.(null);
  }

  private finished(id: string | number, action: string): void {
    const feature = this.draw.getSnapshotFeature(id);
    if (!feature) return;
    if (this.editing && id === this.editId) {
      if (feature.geometry.type === 'Polygon') this.callbacks.onEdit(feature.geometry, true);
      return;
    }
    if (action !== 'draw') return;
    // The finished shape leaves Terra Draw at once: it becomes a Change in the editor, drawn by our layers.
    this.draw.removeFeatures([id]);
    this.callbacks.onDrawingChange(false);
    if (feature.geometry.type === 'Polygon') this.callbacks.onPolygon(feature.geometry);
    else if (feature.geometry.type === 'LineString') this.callbacks.onLine(feature.geometry);
  }
}
