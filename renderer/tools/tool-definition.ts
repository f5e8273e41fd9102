import type { TFunction } from 'i18next';
import type { LineString, Polygon } from 'geojson';
import type { ReactNode } from 'react';
import type { Change, Community, Division, Grid, Result } from '../../shared/model';
import type { ListedGap } from './community-gaps';
import type { EditCommand } from './edit-command';
import type { EditSettings } from './edit-settings';

/** What a tool may read besides the document and the switches when it finishes. */
export interface ToolContext {
  /** The grid selected when the shape was finished. */
  readonly selectedGridId: string | null;
  /** The window's translate function, for names a tool gives new things. */
  readonly t: TFunction;
}

/** What a tool's own panel (shown above the right panel's tabs) receives. */
export interface ToolPanelProps {
  readonly division: Division;
  readonly selectedGrid: Grid | null;
  /** The community of the selected grid, if any. */
  readonly community: Community | null;
  /**
   * Runs an edit command off the main thread (the sketch worker; on the main thread without one) and
   * applies its result the same way.
   */
  readonly run: (command: EditCommand, title: string) => void;
  /** 填补空白's gap list of a community of `division`, computed off the main thread where it can be. */
  readonly listGaps: (division: Division, communityId: string) => Promise<Result<ListedGap[]>>;
  /** Flies the map to a place. */
  readonly showAt: (at: readonly [number, number]) => void;
}

interface ToolBase {
  /** Stable id, used in `data-tool` and in the i18n keys by default. */
  readonly name: string;
  /** The shortcut (without modifiers), shown in the tooltip; a letter is matched case-insensitively. */
  readonly key: string;
  /** Other keys that choose the tool (e.g. Backspace for 删除). */
  readonly otherKeys?: readonly string[];
  /** Drawn with text so nothing has to be fetched. */
  readonly icon: string;
  /** i18n key of the button's label (ui.md's word). */
  readonly label: string;
  /** i18n key of the tooltip that says what the tool does. */
  readonly tip: string;
  /** The hint box's text while the tool is active; `picked` are the grids picked so far. */
  readonly hint: (t: TFunction, picked: readonly string[]) => string;
  /** i18n key of the title of the notice when the tool's command is refused. */
  readonly failure?: string;
  /** Switches shown only while this tool is active. */
  readonly settings?: readonly (keyof EditSettings)[];
  /** The tool's own panel above the right panel's tabs; it then takes the place of 属性. */
  readonly panel?: (props: ToolPanelProps) => ReactNode;
  /**
   * The entity to select once the tool's change is stored (e.g. the grid just drawn); `before` is the
   * document the change was made on. Undefined keeps the selection; null clears it.
   */
  readonly selectAfter?: (applied: Change, before: Division) => string | null | undefined;
}

/** A tool that finishes a polygon drawn in Terra Draw (画网格, 挖出专属网格, 微网格). */
export interface PolygonTool extends ToolBase {
  readonly drawMode: 'polygon';
  /**
   * The edit command the shape stands for, when the tool's command is slow enough to run in the sketch
   * worker (use-edit-tools.ts); `finish` then runs the same command (edit-command.ts).
   */
  readonly command?: (shape: Polygon, settings: EditSettings, context: ToolContext) => EditCommand;
  readonly finish: (
    doc: Division,
    shape: Polygon,
    settings: EditSettings,
    context: ToolContext,
  ) => Result<Change>;
}

/** A tool that finishes a line drawn in Terra Draw (拆分). */
export interface LineTool extends ToolBase {
  readonly drawMode: 'line';
  /** As {@link PolygonTool.command}. */
  readonly command?: (shape: LineString, settings: EditSettings, context: ToolContext) => EditCommand;
  readonly finish: (
    doc: Division,
    shape: LineString,
    settings: EditSettings,
    context: ToolContext,
  ) => Result<Change>;
}

/** A tool whose shape is the grids clicked on the map (合并); Enter or its button finishes. */
export interface PickTool extends ToolBase {
  readonly drawMode: 'pick';
  /** How many grids must be picked before it can finish. */
  readonly minimum: number;
  /** i18n key of the hint box's button that finishes. */
  readonly finishLabel: string;
  /** The hint box offers which picked entity's code survives (合并). */
  readonly choosesSurvivor?: boolean;
  /** As {@link PolygonTool.command}; `keep` as in `finish`. */
  readonly command?: (picked: readonly string[], settings: EditSettings, keep?: string | null) => EditCommand;
  /**
   * `keep`: the id of the picked entity whose code survives, null for a new code, undefined for the
   * tool's default.
   */
  readonly finish: (
    doc: Division,
    picked: readonly string[],
    settings: EditSettings,
    keep?: string | null,
  ) => Result<Change>;
}

/** A button that acts on the selected grid at once instead of becoming the active tool (删除). */
export interface ActionTool extends ToolBase {
  readonly drawMode: 'action';
  readonly finish: (doc: Division, selectedGridId: string) => Result<Change>;
}

/** A tool that draws nothing: 选择 (vertex editing of the selected grid), 填补空白 (its own panel). */
export interface PlainTool extends ToolBase {
  readonly drawMode: 'none';
}

/** A tool that measures what is drawn and changes nothing (测距 a path, 测面积 a closed shape). */
export interface MeasureTool extends ToolBase {
  readonly drawMode: 'measure';
  /** What Terra Draw draws: a line for a distance, a polygon for an area. */
  readonly shape: 'line' | 'polygon';
}

/**
 * One editing tool of the toolbar: its name, key, icon, what Terra Draw draws while it is active, its
 * hint and what it makes of the finished shape (a pure command's `Result<Change>`). The registry is
 * tool-registry.ts; a new tool is one file and one line there.
 */
export type ToolDefinition = PolygonTool | LineTool | PickTool | ActionTool | PlainTool | MeasureTool;
