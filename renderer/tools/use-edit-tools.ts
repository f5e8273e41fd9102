import type { LineString, Polygon } from 'geojson';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Change, Division, Language, Problem, Result, RuleSet } from '../../shared/model';
import { locatePoint, PointLocation } from '../../shared/geometry/locate-point';
import { preparePolygon } from '../../shared/geometry/prepared-polygon';
import { liveCount } from '../derive/live-count';
import type { EditorSession } from '../editor/editor-session';
import { CHANGED_MEANWHILE } from '../editor/editor-session';
import { snapToDivision } from '../editor/snap-to-division';
import type { SnapExclusion } from '../editor/snap-to-division';
import { vertexEditChange } from '../editor/vertex-edit';
import type { DrawController, SnapHit } from '../map/draw-controller';
import type { EditSettings } from './edit-settings';
import { DEFAULT_EDIT_SETTINGS } from './edit-settings';
import type { ListedGap } from './community-gaps';
import { communityGaps } from './community-gaps';
import type { EditCommand } from './edit-command';
import type { EditOutcome } from './edit-off-main-thread';
import { editOffMainThread } from './edit-off-main-thread';
import type { ToolDefinition } from './tool-definition';
import type { SketchWorkerClient } from '../divide/sketch-worker-client';
import { toolForKey, toolNamed } from './tool-registry';
import { useMeasure } from './use-measure';

export interface EditToolsInput {
  readonly session: EditorSession | null;
  readonly division: Division | null;
  /** The document shown cannot be changed (a version, a package, another window's project): 选择 only selects. */
  readonly readOnly?: boolean;
  readonly ruleSet: RuleSet;
  readonly selectedGridId: string | null;
  readonly select: (id: string | null) => void;
  readonly report: (title: string, problems: readonly Problem[]) => void;
  /** The UI language, for the measure tools' figures on the map. */
  readonly language: Language;
  /**
   * The sketch-count worker, where the commands of 拆分, 合并, 挖出专属网格, 填补空白 (and its gap list), 画网格
   * and 微网格 run off the main thread (issue 12); null runs them on the main thread.
   */
  readonly sketchWorker?: SketchWorkerClient | null;
}

/** Live figures of the shape being edited, shown while a vertex is dragged. */
export interface LiveFigure {
  readonly gridId: string;
  readonly households: number;
  readonly population: number;
}

/**
 * The editing tools' state and the one path every tool's result takes (ui.md words): the active tool of
 * the table (tool-registry.ts) turns what the planner draws in Terra Draw, picks or selects into a Change
 * through its pure command; the editor session stores it (one transaction) and keeps it undoable.
 */
export function useEditTools(input: EditToolsInput) {
  const { t } = useTranslation();
  const [chosenTool, setToolState] = useState<string>('select');
  // A read-only document (a version, a package, another window's project) is shown in 选择 only; the tool
  // chosen comes back with the working copy.
  const tool = input.readOnly ? 'select' : chosenTool;
  const [settings, setSettings] = useState<EditSettings>(DEFAULT_EDIT_SETTINGS);
  const [picked, setPicked] = useState<readonly string[]>([]);
  /** Whose code survives a merge: a picked id, null for a new code, undefined for the tool's default. */
  const [keep, setKeep] = useState<string | null | undefined>(undefined);
  const [drawing, setDrawing] = useState(false);
  /** Edit commands being computed (in the sketch worker) and not yet applied or refused. */
  const [computing, setComputing] = useState(0);
  /** The picked grids being merged, so that a second Enter meanwhile does not merge them again. */
  const finishing = useRef(false);
  const [live, setLive] = useState<LiveFigure | null>(null);
  const controller = useRef<DrawController | null>(null);
  const [controllerReady, setControllerReady] = useState(false);
  const activeTool = toolNamed(tool);
  const measure = useMeasure(activeTool.drawMode === 'measure' ? activeTool : undefined, input.language);
  const latest = useRef({ input, settings, tool, picked, keep, measure });
  useEffect(() => {
    latest.current = { input, settings, tool, picked, keep, measure };
  });

  /**
   * Applies a result computed on `base` if the document is still `base` when its turn comes (an edit
   * still being saved, an undo: the shown document lags until they are stored, and a change built on it
   * would undo them), or says why it was refused. Returns the change applied, if any.
   */
  const commit = useCallback(
    async (result: Result<Change>, title: string, base: Division): Promise<Change | null> => {
      const { session, report } = latest.current.input;
      if (!result.ok) {
        report(title, result.problems);
        return null;
      }
      if (!session) return null;
      const outcome = await session.applyOn(base, result.value);
      if (outcome === 'stale') report(title, [CHANGED_MEANWHILE]);
      return outcome === 'applied' ? result.value : null;
    },
    [],
  );

  /** Selects what a tool says to once its change is stored (`before`: the document it was made on). */
  const selectAfter = useCallback((definition: ToolDefinition, applied: Change, before: Division) => {
    const next = definition.selectAfter?.(applied, before);
    if (next !== undefined) latest.current.input.select(next);
  }, []);

  /** Commits a tool's result under its failure title, then selects what the tool says to. */
  const finishWith = useCallback(
    async (definition: ToolDefinition, doc: Division, result: Result<Change>): Promise<Change | null> => {
      const applied = await commit(result, t(definition.failure ?? 'messages.saveFailed'), doc);
      if (applied) selectAfter(definition, applied, doc);
      return applied;
    },
    [commit, selectAfter, t],
  );

  /**
   * Runs an edit command in the sketch worker and applies its Change if the document is still the one
   * it was computed on, else computes it again (edit-off-main-thread.ts; on the main thread without a
   * worker); says under `title` why nothing was applied. Returns the change applied, if any.
   */
  const runCommand = useCallback(
    async (command: EditCommand, title: string, definition?: ToolDefinition): Promise<Change | null> => {
      const { session, sketchWorker, ruleSet, report } = latest.current.input;
      if (!session) return null;
      setComputing((n) => n + 1);
      let outcome: EditOutcome;
      try {
        outcome = await editOffMainThread(session, sketchWorker ?? null, ruleSet, command);
      } finally {
        setComputing((n) => n - 1);
      }
      if (outcome.kind === 'refused') report(title, outcome.problems);
      if (outcome.kind === 'stale') report(title, [CHANGED_MEANWHILE]);
      if (outcome.kind !== 'applied') return null;
      if (definition) selectAfter(definition, outcome.change, outcome.base);
      return outcome.change;
    },
    [selectAfter],
  );

  /**
   * 填补空白's gap list of a community of `doc`, computed in the sketch worker (on the main thread without
   * one); the status bar says 正在计算… meanwhile.
   */
  const listGaps = useCallback(async (doc: Division, communityId: string): Promise<Result<ListedGap[]>> => {
    const { sketchWorker, ruleSet } = latest.current.input;
    setComputing((n) => n + 1);
    try {
      return (await sketchWorker?.gaps(doc, ruleSet, communityId)) ?? communityGaps(doc, communityId);
    } finally {
      setComputing((n) => n - 1);
    }
  }, []);

  /** Runs a tool's edit command under its failure title (see `runCommand`). */
  const runTool = useCallback(
    (definition: ToolDefinition, command: EditCommand): Promise<Change | null> =>
      runCommand(command, t(definition.failure ?? 'messages.saveFailed'), definition),
    [runCommand, t],
  );

  const clearMeasure = measure.clear;
  const setTool = useCallback(
    (next: string) => {
      setToolState(next);
      setPicked([]);
      setKeep(undefined);
      setLive(null);
      clearMeasure();
    },
    [clearMeasure],
  );

  // Terra Draw's mode follows the tool, and in 选择 the selected grid's vertices are editable.
  const division = input.division;
  const selectedGrid = input.selectedGridId ? division?.grid.get(input.selectedGridId) : undefined;
  useEffect(() => {
    const draw = controller.current;
    if (!draw) return;
    const active = toolNamed(tool);
    if (active.drawMode === 'polygon' || active.drawMode === 'line') draw.setMode(active.drawMode);
    else if (active.drawMode === 'measure') draw.setMode(active.shape);
    else if (tool === 'select' && !input.readOnly && selectedGrid?.geometry.type === 'Polygon') {
      draw.edit(selectedGrid.geometry);
      // Build the census index for live counts now, in idle time, not on the first move of a drag.
      const doc = latest.current.input.division;
      if (doc && typeof requestIdleCallback === 'function') {
        const geometry = selectedGrid.geometry;
        requestIdleCallback(() => liveCount(doc, geometry));
      }
    } else draw.setMode('idle');
  }, [tool, selectedGrid, controllerReady, input.readOnly]);

  /** A shape finished in Terra Draw: the active tool makes its change if it draws that kind of shape. */
  const onShape = useCallback(
    (shape: Polygon | LineString) => {
      const { input: current, settings: options, tool: name } = latest.current;
      const active = toolNamed(name);
      if (active.drawMode === 'measure') {
        latest.current.measure.onFinished(shape);
        return;
      }
      const doc = current.division;
      if (!doc) return;
      const context = { selectedGridId: current.selectedGridId, t };
      // A tool with an edit command (画网格, 拆分, 挖出专属网格, 微网格) computes it off the main thread.
      const command =
        active.drawMode === 'polygon' && shape.type === 'Polygon'
          ? active.command?.(shape, options, context)
          : active.drawMode === 'line' && shape.type === 'LineString'
            ? active.command?.(shape, options, context)
            : undefined;
      if (command) {
        void runTool(active, command);
        return;
      }
      const result =
        active.drawMode === 'polygon' && shape.type === 'Polygon'
          ? active.finish(doc, shape, options, context)
          : active.drawMode === 'line' && shape.type === 'LineString'
            ? active.finish(doc, shape, options, context)
            : null;
      if (result) void finishWith(active, doc, result);
    },
    [finishWith, runTool, t],
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
      void commit(result, t('edit.vertexFailed'), doc).then((applied) => {
        setLive(null);
        // A refused edit puts the stored outline back into Terra Draw.
        if (!applied && grid.geometry.type === 'Polygon') controller.current?.edit(grid.geometry);
      });
    },
    [commit, t],
  );

  /** The grid whose vertices are being dragged (选择 with a grid selected): snapping leaves it out. */
  const snapExcept = useCallback((): SnapExclusion | undefined => {
    const { input: current, tool: name } = latest.current;
    const grid = current.selectedGridId ? current.division?.grid.get(current.selectedGridId) : undefined;
    return name === 'select' && grid ? { layer: 'grid', id: grid.id, geometry: grid.geometry } : undefined;
  }, []);

  const snap = useCallback(
    (position: [number, number], toleranceDeg: number): SnapHit | undefined => {
      const { input: current, settings: options } = latest.current;
      if (!options.snapping || !current.division) return undefined;
      return snapToDivision(current.division, position, toleranceDeg, [], snapExcept());
    },
    [snapExcept],
  );

  /**
   * A click on a grid on the map: select it, or with a picking tool add it to (or take it out of) the
   * pick; with 微网格 on, the micro-grid under the click instead.
   */
  const clickGrid = useCallback((id: string | null, at?: readonly [number, number]) => {
    const { input: current, tool: name, settings: options } = latest.current;
    const mode = toolNamed(name).drawMode;
    if (mode === 'polygon' || mode === 'line' || mode === 'measure') return;
    if (mode === 'pick') {
      const target = options.microgrids && at && current.division ? microgridAt(current.division, at) : id;
      if (target) {
        setPicked((list) => (list.includes(target) ? list.filter((x) => x !== target) : [...list, target]));
        setKeep((chosen) => (chosen === target ? undefined : chosen));
      }
      return;
    }
    current.select(id);
  }, []);

  /** Finishes a picking tool (合并) with the grids picked so far. */
  const finishPicked = useCallback(async () => {
    const { input: current, settings: options, tool: name, picked: ids, keep: survivor } = latest.current;
    const active = toolNamed(name);
    const doc = current.division;
    if (!doc || active.drawMode !== 'pick' || finishing.current) return;
    const chosen =
      survivor === null || (survivor !== undefined && ids.includes(survivor)) ? survivor : undefined;
    finishing.current = true;
    let applied: Change | null;
    try {
      applied = active.command
        ? await runTool(active, active.command(ids, options, chosen))
        : await finishWith(active, doc, active.finish(doc, ids, options, chosen));
    } finally {
      finishing.current = false;
    }
    if (applied) {
      setPicked([]);
      setKeep(undefined);
    }
  }, [finishWith, runTool]);

  /** Runs an action tool (删除) on the selected grid. */
  const runAction = useCallback(
    async (definition: ToolDefinition) => {
      const { input: current } = latest.current;
      const doc = current.division;
      if (!doc || !current.selectedGridId || definition.drawMode !== 'action') return;
      await finishWith(definition, doc, definition.finish(doc, current.selectedGridId));
    },
    [finishWith],
  );

  /** Keyboard: tool keys, Escape, Enter (finish a pick), actions; Ctrl+Z removes the last vertex while drawing. */
  const onKeyDown = useCallback(
    (event: KeyboardEvent): boolean => {
      const draw = controller.current;
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'z' && !event.shiftKey) {
        // While a shape is being drawn, undo belongs to Terra Draw: it removes the last vertex.
        return draw?.undoVertex() ?? false;
      }
      if (event.ctrlKey || event.metaKey || event.altKey) return false;
      const active = toolNamed(latest.current.tool);
      if (event.key === 'Escape' && active.drawMode === 'measure') {
        const { measure: measured } = latest.current;
        if (measured.state || draw?.isDrawing()) {
          // Esc clears the measurement; the tool stays, ready for the next one.
          measured.clear();
          draw?.setMode(active.shape);
          return true;
        }
      }
      if (event.key === 'Escape') {
        draw?.cancel();
        setTool('select');
        latest.current.input.select(null);
        return true;
      }
      if (event.key === 'Enter' && toolNamed(latest.current.tool).drawMode === 'pick') {
        void finishPicked();
        return true;
      }
      const next = toolForKey(event.key);
      if (!next) return false;
      // A read-only document keeps 选择 (its toolbar is disabled); 删除 still runs, and the session's
      // refusal says why nothing changed.
      if (latest.current.input.readOnly && next.drawMode !== 'action') return false;
      if (next.drawMode === 'action') void runAction(next);
      else setTool(next.name);
      return true;
    },
    [finishPicked, runAction, setTool],
  );

  const onDrawReady = useCallback((ready: DrawController | null) => {
    controller.current = ready;
    setControllerReady(ready !== null);
  }, []);

  return {
    runCommand,
    listGaps,
    tool,
    setTool,
    settings,
    setSettings,
    picked,
    keep,
    setKeep,
    drawing,
    /** True while an edit command is computed: the status bar says 正在计算…. */
    computing: computing > 0,
    live,
    measure,
    finishPicked,
    runAction,
    onKeyDown,
    clickGrid,
    mapProps: {
      pickedGridIds: picked,
      onDrawReady,
      snap,
      snapExcept,
      draw: {
        onPolygon: onShape,
        onLine: onShape,
        onEdit,
        onDrawingChange: setDrawing,
        onSketch: measure.onSketch,
      },
    },
  };
}

/** The editing tools' state and actions as the window uses them. */
export type EditTools = ReturnType<typeof useEditTools>;

/** The micro-grid containing a point, if any. */
function microgridAt(division: Division, [x, y]: readonly [number, number]): string | null {
  for (const microgrid of division.microgrid.values())
    if (locatePoint(preparePolygon(microgrid.geometry), x, y) === PointLocation.inside) return microgrid.id;
  return null;
}
