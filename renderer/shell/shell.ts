import type { TFunction } from 'i18next';
import type { Change, Division, Language, LocalText, Problem, RuleSet } from '../../shared/model';
import type { DivisionFigures } from '../derive/grid-figures';
import type { DivideState } from '../divide/use-divide';
import type { SketchCounts } from '../divide/use-sketch-counts';
import type { EditTools } from '../tools/use-edit-tools';
import type { MapFocus } from '../map/map-view';
import type { useProjectBasemap } from '../panels/basemap-settings';
import type { ProjectReferences } from '../references/use-project-references';
import type { Notices } from './use-notices';
import type { ProjectSession } from './use-project-session';
import type { TransferActions } from './use-transfer-dialogs';
import type { ValidationWiring } from './use-validation-wiring';
import type { ReviewOverlay } from '../map/use-review-overlay';
import type { ReviewModel } from '../review/use-review';
import type { CityOfficeModel } from '../review/use-city-office';
import type { AreaSelection } from '../panels/area-attribute-panel';

/**
 * Everything the window's parts read and do, in one object: the toolbar items, the right panel's tabs,
 * the dialogs and the map overlays each receive it, so adding one is an entry in its registry
 * (toolbar-items.tsx, right-panel-tabs.tsx, app-dialogs.tsx) rather than new state and props in `App`.
 */
export interface Shell {
  readonly language: Language;
  /** i18next's translate function of the window (the UI strings). */
  readonly t: TFunction;
  /** The text of a bilingual message in the UI language. */
  readonly say: (message: LocalText) => string;
  readonly project: ProjectSession;
  /**
   * The open document: null while none is open, and while the project just opened has its census points
   * read (nothing may then count, export, check or store from it).
   */
  readonly division: Division | null;
  /**
   * What the map, the project tree, 属性 and the status bar show: {@link Shell.division}, or while the
   * census points are read, the project's areas (with no census point). Never to count or write from.
   */
  readonly shownDivision: Division | null;
  /** True while the project just opened has its census points read (its areas are shown meanwhile). */
  readonly censusLoading: boolean;
  /**
   * Stores an attribute change (属性, 打印's 监督电话) made on `base` in the document shown, if it is still
   * `base` (else says the document changed meanwhile). A version or a package shown refuses it (read-only),
   * and while the census points are read the project's own session refuses it and says why. Never the
   * working copy while something else is shown: a grid of version 2 saved into it would bring back
   * version 2's outline.
   */
  readonly applyChange: (change: Change, base: Division) => void;
  /**
   * The document shown cannot be changed: a version or a package under review, or a project another
   * window is editing. Forms are then shown disabled.
   */
  readonly readOnly: boolean;
  /** Why the last edit was refused or not saved (by the session shown or the project's), until dismissed. */
  readonly failure: Problem | null;
  readonly dismissFailure: () => void;
  /**
   * The map has drawn {@link Shell.shownDivision}'s project, the wait for its drawing ran out (a window in
   * the background) or the map cannot draw (no WebGL): what can wait until the planner sees the map
   * (the project tree) waits for this.
   */
  readonly shownDrawn: boolean;
  readonly ruleSet: RuleSet;
  readonly figures: DivisionFigures | null;
  readonly notices: Notices;
  readonly validation: ValidationWiring;
  /** The map says it has drawn a project (its id): the whole check of a project just opened waits for it. */
  readonly projectDrawn: (projectId: string) => void;
  /** The map says it cannot be created (no WebGL): nothing waits for its drawing to show a project. */
  readonly mapUnavailable: () => void;
  readonly transfer: TransferActions;
  readonly edit: EditTools;
  /** 自动划分 and 平衡 (renderer/divide/use-divide.ts). */
  readonly divide: DivideState;
  /** Counts before commit of the shape being drawn (renderer/divide/use-sketch-counts.ts). */
  readonly sketch: SketchCounts;
  readonly basemap: ReturnType<typeof useProjectBasemap>;
  /** The project's reference layers (参考图层) and trace mode (renderer/references/). */
  readonly references: ProjectReferences;
  readonly selectedGridId: string | null;
  readonly selectGrid: (id: string | null) => void;
  /** The tree's 网格 click: select it, show it on the map and its attributes (stable identity). */
  readonly selectFromTree: (id: string) => void;
  /** The tree's 微网格 click: show the micro-grid on the map and its attributes (stable identity). */
  readonly selectMicrogrid: (id: string) => void;
  /** The tree's 社区 click: show the community on the map and its attributes (stable identity). */
  readonly showCommunity: (id: string) => void;
  /** The tree's 乡镇/街道 click: its attributes in the 属性 tab (stable identity). */
  readonly selectTownship: (id: string) => void;
  /** The community, township or micro-grid whose attributes the 属性 tab shows when no grid is selected. */
  readonly selectedArea: AreaSelection | null;
  /** Asks the map to show a grid, a community or a place. */
  readonly showOnMap: (focus: MapTarget) => void;
  readonly focus: MapFocus | null;
  readonly cursor: readonly [number, number] | null;
  readonly setCursor: (lonLat: readonly [number, number] | null) => void;
  /** The right panel's tab shown (an id of right-panel-tabs.tsx). */
  readonly tab: string;
  readonly showTab: (id: string) => void;
  /** The dialog open (an id of app-dialogs.tsx), one at a time. */
  readonly dialog: string | null;
  readonly openDialog: (id: string | null) => void;
  readonly undo: () => void;
  readonly redo: () => void;
  /** 审核: versions, packages, comments, replies, 对比 (renderer/review/use-review.ts). */
  readonly review: ReviewModel;
  /** The 审核 tab's diff and comment pins on the map. */
  readonly reviewOverlay: ReviewOverlay;
  /** 报送市级库 and 从市级库拉取 (renderer/review/use-city-office.ts). */
  readonly city: CityOfficeModel;
}

/**
 * What the map can be asked to show: a grid or a micro-grid (from the list), a community, or a place
 * (a gap, an issue).
 */
export type MapTarget =
  | { readonly gridId: string }
  | { readonly microgridId: string }
  | { readonly communityId: string }
  | { readonly at: readonly [number, number] }
  | { readonly bounds: readonly [number, number, number, number] };
