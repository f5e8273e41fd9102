import type { LineString, Polygon, Position } from 'geojson';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  communityAround,
  carveExclusiveGridCommand,
} from '../../shared/commands/carve-exclusive-grid-command';
import { deleteGridCommand } from '../../shared/commands/delete-grid-command';
import { drawGridCommand } from '../../shared/commands/draw-grid-command';
import { drawMicrogridCommand } from '../../shared/commands/draw-microgrid-command';
import { interiorPoint } from '../../shared/geometry/interior-point';
import { locatePoint, PointLocation } from '../../shared/geometry/locate-point';
import { preparePolygon } from '../../shared/geometry/prepared-polygon';
import { mergeGridsCommand } from '../../shared/commands/merge-grids-command';
import { splitGridCommand } from '../../shared/commands/split-grid-command';
import type { Change, Division, Problem, Result, RuleSet } from '../../shared/model';
import { text } from '../../shared/model';
import { liveCount } from '../derive/live-count';
import type { EditorSession } from '../editor/editor-session';
import { snapToDivision } from '../editor/snap-to-division';
import type { Tool } from '../editor/tools';
import { toolForKey } from '../editor/tools';
import { vertexEditChange } from '../editor/vertex-edit';
import type { DrawController, SnapHit } from '../map/draw-controller';

/** Switches of the editing tools, shown in the toolbar. */
export interface EditSettings {
  readonly snapping: boolean;
  readonly topological: boolean;
  readonly avoidOverlap: boolean;
  readonly keepCodeOnLarger: boolean;
}

export interface EditToolsInput {
  readonly session: EditorSession | null;
  readonly division: Division | null;
  readonly ruleSet: RuleSet;
  readonly selectedGridId: string | null;
  readonly select: (id: string | null) => void;
  readonly report: (title: string, problems: readonly Problem[]) => void;
}

/** Live figures of the shape being edited, shown while a vertex is dragged. */
export interface LiveFigure {
  readonly gridId: string;
  readonly households: number;
  readonly population: number;
}

const DRAWING_TOOLS: ReadonlySet<Tool> = new Set(['draw-grid', 'split', 'carve', 'microgrid']);

/**
 * The editing tools' state and what each does (ui.md words): it turns what the planner draws in Terra
 * Draw into Changes through the shared commands and hands them to the editor session, which stores them
 * (one transaction each) and keeps them undoable.
 */
export function useEditTools(input: EditToolsInput) {
  const { t } = useTranslation();
  const [tool, setToolState] = useState<Tool>('select');
  const [settings, setSettings] = useState<EditSettings>({
    snapping: true,
    topological: true,
    avoidOverlap: true,
    keepCodeOnLarger: true,
  });
  const [picked, setPicked] = useState<readonly string[]>([]);
  const [drawing, setDrawing] = useState(false);
  const [live, setLive] = useState<LiveFigure | null>(null);
  const controller = useRef<DrawController | null>(null);
  const [controllerReady, setControllerReady] = useState(false);
  const latest = useRef({ input, settings, tool, picked });
  useEffect(() => {
    latest.current = { input, settings, tool, picked };
  });

  /** Applies a command's result, or says why it was refused. Returns the change applied, if any. */
  const commit = useCallback(async (result: Result<Change>, title: string): Promise<Change | null> => {
    const { session } = latest.current.input;
    if (!result.ok) {
      latest.current.input.report(title, result.problems);
      return null;
    }
    if (!session) return null;
    return (await session.apply(result.value)) ? result.value : null;
  }, []);

  const setTool = useCallback((next: Tool) => {
    setToolState(next);
    setPicked([]);
    setLive(null);
  }, []);

  // Terra Draw's mode follows the tool, and in 选择 the selected grid's vertices are editable.
  const division = input.division;
  const selectedGrid = input.selectedGridId ? division?.grid.get(input.selectedGridId) : undefined;
  useEffect(() => {
    const draw = controller.current;
    if (!draw) return;
    if (tool === 'draw-grid' || tool === 'carve' || tool === 'microgrid') draw.setMode('polygon');
    else if (tool === 'split') draw.setMode('line');
    else if (tool === 'select' && selectedGrid?.geometry.type === 'Polygon') {
      draw.edit(selectedGrid.geometry);
      // Build the census index for live counts now, in idle time, not on the first move of a drag.
      const doc = latest.current.input.division;
      if (doc && typeof requestIdleCallback === 'function') {
        const geometry = selectedGrid.geometry;
        requestIdleCallback(() => liveCount(doc, geometry));
      }
    } else draw.setMode('idle');
  }, [tool, selectedGrid, controllerReady]);

  const onPolygon = useCallback(
    (polygon: Polygon) => {
      const { input: current, settings: options, tool: active } = latest.current;
      const doc = current.division;
      if (!doc) return;
      if (active === 'draw-grid') {
        const community = communityAround(doc, polygon);
        if (!community.ok) return current.report(t('edit.drawFailed'), community.problems);
        void commit(
          drawGridCommand(doc, community.value.id, polygon, { avoidOverlap: options.avoidOverlap }),
          t('edit.drawFailed'),
        ).then((applied) => {
          const created = applied?.put.find((e) => e.layer === 'grid' && !doc.grid.has(e.id));
          if (created) current.select(created.id);
        });
      } else if (active === 'carve') {
        void commit(
          carveExclusiveGridCommand(doc, undefined, polygon, 'school', t('edit.newExclusiveName')),
          t('edit.carveFailed'),
        ).then((applied) => {
          const created = applied?.put.find(
            (e) => e.layer === 'grid' && e.gridType === 'exclusive' && !doc.grid.has(e.id),
          );
          if (created) current.select(created.id);
        });
      } else if (active === 'microgrid') {
        // The grid the micro-grid goes in: the selected one, else the one under the drawing.
        const gridId = current.selectedGridId ?? gridUnder(doc, polygon);
        if (!gridId) {
          current.report(t('edit.microgridFailed'), [
            {
              kind: 'no-grid',
              message: text(
                '所画范围不在任何网格内：请在网格内画微网格，或先选中所在网格。',
                'The drawing is not inside a grid: draw the micro-grid inside a grid, or select its grid first.',
              ),
            },
          ]);
          return;
        }
        void commit(
          drawMicrogridCommand(doc, gridId, polygon, { avoidOverlap: options.avoidOverlap }),
          t('edit.microgridFailed'),
        );
      }
    },
    [commit, t],
  );

  const onLine = useCallback(
    (line: LineString) => {
      const { input: current, settings: options } = latest.current;
      const doc = current.division;
      if (!doc) return;
      const target = current.selectedGridId ?? gridCrossedBy(doc, line.coordinates);
      if (!target) {
        current.report(t('edit.splitFailed'), [
          {
            kind: 'no-grid',
            message: text(
              '拆分线没有穿过任何网格：请画一条从网格外穿过网格到网格外的线。',
              'The line does not cross a grid: draw a line from outside the grid, across it, to outside.',
            ),
          },
        ]);
        return;
      }
      void commit(
        splitGridCommand(doc, target, line.coordinates, { keepCodeOnLarger: options.keepCodeOnLarger }),
        t('edit.splitFailed'),
      );
    },
    [commit, t],
  );

  const onEdit = useCallback(
    (geometry: Polygon, final: boolean) => {
      const { input: current, settings: options } = latest.current;
      const doc = current.division;
      const grid = current.selectedGridId ? doc?.grid.get(current.selectedGridId) : undefined;
      if (!doc || !grid) return;
      if (!final) {
        // Live feedback while dragging: recount the shape as it is now.
        setLive({ gridId: grid.id, ...liveCount(doc, geometry) });
        return;
      }
      const result = vertexEditChange(
        doc,
        grid,
        geometry,
        options.topological,
        t('edit.vertexNote', { code: grid.code }),
      );
      if (result.ok && result.value.put.length === 0) {
        setLive(null);
        return;
      }
      // The live count stays until the stored one replaces it, so the figure never jumps back.
      void commit(result, t('edit.vertexFailed')).then((applied) => {
        setLive(null);
        // A refused edit puts the stored outline back into Terra Draw.
        if (!applied && grid.geometry.type === 'Polygon') controller.current?.edit(grid.geometry);
      });
    },
    [commit, t],
  );

  const snap = useCallback((position: [number, number], toleranceDeg: number): SnapHit | undefined => {
    const { input: current, settings: options } = latest.current;
    if (!options.snapping || !current.division) return undefined;
    return snapToDivision(current.division, position, toleranceDeg);
  }, []);

  /** A click on a grid on the map: select it, or in 合并 add it to (or take it out of) the merge. */
  const clickGrid = useCallback((id: string | null) => {
    const { input: current, tool: active } = latest.current;
    if (DRAWING_TOOLS.has(active)) return;
    if (active === 'merge') {
      if (id) setPicked((list) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]));
      return;
    }
    current.select(id);
  }, []);

  const mergePicked = useCallback(async () => {
    const doc = latest.current.input.division;
    if (!doc) return;
    const applied = await commit(mergeGridsCommand(doc, latest.current.picked), t('edit.mergeFailed'));
    if (applied) {
      setPicked([]);
      const merged = applied.put.find((e) => e.layer === 'grid');
      if (merged) latest.current.input.select(merged.id);
    }
  }, [commit, t]);

  const deleteSelected = useCallback(async () => {
    const { input: current } = latest.current;
    const doc = current.division;
    if (!doc || !current.selectedGridId) return;
    const applied = await commit(deleteGridCommand(doc, current.selectedGridId), t('edit.deleteFailed'));
    if (applied) current.select(null);
  }, [commit, t]);

  /** Keyboard: tool keys, Escape, Enter (merge), Delete; Ctrl+Z removes the last vertex while drawing. */
  const onKeyDown = useCallback(
    (event: KeyboardEvent): boolean => {
      const draw = controller.current;
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'z' && !event.shiftKey) {
        // While a shape is being drawn, undo belongs to Terra Draw: it removes the last vertex.
        return draw?.undoVertex() ?? false;
      }
      if (event.ctrlKey || event.metaKey || event.altKey) return false;
      if (event.key === 'Escape') {
        draw?.cancel();
        setTool('select');
        latest.current.input.select(null);
        return true;
      }
      if (event.key === 'Enter' && latest.current.tool === 'merge') {
        void mergePicked();
        return true;
      }
      const next = toolForKey(event.key);
      if (next === 'delete') {
        void deleteSelected();
        return true;
      }
      if (next) {
        setTool(next);
        return true;
      }
      return false;
    },
    [deleteSelected, mergePicked, setTool],
  );

  const onDrawReady = useCallback((ready: DrawController | null) => {
    controller.current = ready;
    setControllerReady(ready !== null);
  }, []);

  return {
    commit,
    tool,
    setTool,
    settings,
    setSettings,
    picked,
    drawing,
    live,
    mergePicked,
    deleteSelected,
    onKeyDown,
    clickGrid,
    mapProps: {
      pickedGridIds: picked,
      onDrawReady,
      snap,
      draw: { onPolygon, onLine, onEdit, onDrawingChange: setDrawing },
    },
  };
}

/** The grid that contains a point inside a drawing, if any. */
function gridUnder(division: Division, polygon: Polygon): string | null {
  const [x, y] = interiorPoint(preparePolygon(polygon));
  for (const grid of division.grid.values()) {
    if (locatePoint(preparePolygon(grid.geometry), x, y) === PointLocation.inside) return grid.id;
  }
  return null;
}

/** The first grid a line crosses (both ends outside it, or crossing its boundary at least twice). */
function gridCrossedBy(division: Division, line: readonly Position[]): string | null {
  const xs = line.map((p) => p[0]!);
  const ys = line.map((p) => p[1]!);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  // Reuse the split itself as the test, on the grids whose box the line reaches: the first it succeeds
  // for is the one crossed.
  for (const grid of division.grid.values()) {
    const ring =
      grid.geometry.type === 'Polygon' ? grid.geometry.coordinates[0]! : grid.geometry.coordinates[0]![0]!;
    const gx = ring.map((p) => p[0]!);
    const gy = ring.map((p) => p[1]!);
    if (Math.max(...gx) < minX || Math.min(...gx) > maxX || Math.max(...gy) < minY || Math.min(...gy) > maxY)
      continue;
    const trial = splitGridCommand(division, grid.id, line, { keepCodeOnLarger: true });
    if (trial.ok) return grid.id;
  }
  return null;
}
