import { useDeferredValue } from 'react';
import { emptyDivision } from '../shared/model';
import type { GridFigures } from './derive/grid-figures';
import { DividePanel } from './divide/divide-panel';
import { SketchCountLabel } from './divide/sketch-count-label';
import { MapView } from './map/map-view';
import { ReadOnlyBanner } from './panels/read-only-banner';
import { DivisionTree } from './panels/division-tree';
import { StatusBar } from './panels/status-bar';
import { AppDialogs } from './shell/app-dialogs';
import { referenceMapProps } from './references/reference-map-props';
import { MAP_OVERLAY_ITEMS } from './shell/map-overlay-items';
import { NoticeBox } from './shell/notice-box';
import { OtherWindowBanner } from './shell/other-window-banner';
import { RightPanel } from './shell/right-panel';
import type { Shell } from './shell/shell';
import { ToolHint } from './shell/tool-hint';
import { Toolbar } from './shell/toolbar';
import { useShell } from './shell/use-shell';
import type { ProjectStore, ProjectSummary } from './storage/project-store';

export { initialProjectId } from './shell/last-project';

/**
 * The main window: toolbar, project tree, map, right panel, status bar (ui.md). The state lives in the
 * hooks behind {@link useShell}; toolbar items, tabs and dialogs are registries in renderer/shell/.
 */
export function App({
  store,
  initialProjects,
}: {
  store: ProjectStore;
  initialProjects: readonly ProjectSummary[];
}) {
  const shell = useShell(store, initialProjects);
  return (
    <div className="app" lang={shell.language === 'en' ? 'en' : 'zh-CN'}>
      <Toolbar shell={shell} />
      <aside className="left-panel">
        <LeftPanel shell={shell} />
      </aside>
      <main className="centre">
        <MapArea shell={shell} />
        <ReadOnlyBanner shell={shell} />
        <OtherWindowBanner shell={shell} />
        <ToolHint shell={shell} />
        <SketchCountLabel preview={shell.sketch} division={shell.division} language={shell.language} />
        {shell.division && (
          <DividePanel
            divide={shell.divide}
            division={shell.division}
            referenceLayers={shell.references.layers}
            language={shell.language}
          />
        )}
      </main>
      <RightPanel shell={shell} />
      <Status shell={shell} />
      <AppDialogs shell={shell} />
      <NoticeBox shell={shell} />
    </div>
  );
}

function LeftPanel({ shell }: { readonly shell: Shell }) {
  const { ruleSet, selectedGridId, project, t } = shell;
  // A project just opened: its tree is rendered once the map has drawn it, in a pass of its own (React
  // renders the deferred value after the urgent ones). Rendered beside the map's first drawing, its
  // 300 rows held the grids back (by a third of a second while the map had them to send; then 0.4 s of
  // the window's thread while MapLibre drew them: docs/benchmarks.md, eighth and ninth rounds). Once the
  // tree shows the project it follows the document in the same pass as everything else.
  const drawn = shell.shownDrawn ? shell.shownDivision : null;
  const deferredDivision = useDeferredValue(drawn);
  const deferredFigures = useDeferredValue(shell.figures);
  // No project open (the open one was deleted): say what to do, not that something is loading.
  if (!project.session && !project.busy)
    return (
      <p className="empty-state" data-testid="no-project">
        {t('status.noProject')}
      </p>
    );
  // Until then (and until the deferred pass has both) the panel says the project is loading.
  if (!drawn || !deferredDivision || !deferredFigures || !shell.figures)
    return <p className="empty-state">{project.busy ?? t('status.loading')}</p>;
  return (
    <DivisionTree
      division={drawn}
      figures={shell.figures}
      ruleSet={ruleSet}
      selectedGridId={selectedGridId}
      onShowCommunity={shell.showCommunity}
      onSelectTownship={shell.selectTownship}
      onSelectGrid={shell.selectFromTree}
      selectedMicrogridId={shell.selectedArea?.layer === 'microgrid' ? shell.selectedArea.id : null}
      onSelectMicrogrid={shell.selectMicrogrid}
    />
  );
}

/**
 * What the map shows while the first project is read: nothing yet, but the map itself is created at
 * once, so MapLibre loads its style and compiles its shaders while the project is read from the
 * database instead of after it (bench/app-open-bench.ts's timeline).
 */
const NOTHING_OPEN = emptyDivision();
const NO_FIGURES: GridFigures = new Map();

function MapArea({ shell }: { readonly shell: Shell }) {
  const {
    shownDivision: division,
    figures,
    project,
    selectedGridId,
    edit,
    focus,
    validation,
    basemap,
    divide,
  } = shell;
  const state = project.state;
  const open =
    division && figures && state ? { division, figures: figures.grids, id: state.projectId } : null;
  return (
    <MapView
      division={open?.division ?? NOTHING_OPEN}
      figures={open?.figures ?? NO_FIGURES}
      projectId={open?.id ?? ''}
      onProjectDrawn={shell.projectDrawn}
      onUnavailable={shell.mapUnavailable}
      holdCensus={shell.figures ? shell.figures.pending : false}
      selectedGridId={selectedGridId}
      selectedMicrogridId={shell.selectedArea?.layer === 'microgrid' ? shell.selectedArea.id : null}
      onSelectGrid={
        divide.picking
          ? divide.pick
          : shell.review.picking
            ? ignoreClick
            : edit.clickGrid /* a click places a review pin */
      }
      onCursor={shell.setCursor}
      {...(() => {
        const props = referenceMapProps(shell, edit.mapProps);
        // Counts before commit follow the shape being drawn; 平衡 picks grids on the map.
        // The measure tools (测距, 测面积) measure the same sketch.
        const onSketch = (geometry: Parameters<typeof shell.sketch.onSketch>[0]): void => {
          shell.sketch.onSketch(geometry);
          props.draw.onSketch?.(geometry);
        };
        return { ...props, draw: { ...props.draw, onSketch } };
      })()}
      {...(divide.picking ? { pickedGridIds: divide.picked } : {})}
      proposal={divide.previewFeatures}
      focus={focus}
      issues={validation.state.issues}
      overlays={MAP_OVERLAY_ITEMS.map((item) => ({ overlay: item.overlay, data: item.data(shell) }))}
      selectedIssue={validation.selectedIssue}
      basemap={basemap.settings}
      review={shell.reviewOverlay}
    />
  );
}

/** While the reviewer picks a point for a comment, a click on a grid does not select it. */
function ignoreClick(): void {}

function Status({ shell }: { readonly shell: Shell }) {
  const { t, shownDivision: division, figures, project, validation, cursor } = shell;
  // The bar holds its place while a project is read: the map's size then never changes as the project
  // opens (a resize reallocates the map's canvas and draws it all again, just when the grids arrive).
  if (!figures)
    return (
      <footer className="status-bar">
        <span className="status-activity">{project.busy ?? ''}</span>
      </footer>
    );
  const state = project.state;
  const checked = validation.state.checked;
  const count = (severity: string): number | null =>
    checked ? validation.state.issues.filter((i) => i.severity === severity).length : null;
  // What is stored and what is being checked are shown apart: a slow check never hides "saved".
  const activity =
    project.busy ??
    (shell.censusLoading
      ? t(project.censusFailed ? 'status.censusFailed' : 'status.loadingCensus')
      : shell.edit.computing
        ? t('status.computing')
        : state?.saving
          ? t('status.saving')
          : state?.lastNote
            ? t('status.saved')
            : t('status.ready'));
  return (
    <StatusBar
      gridCount={division?.grid.size ?? 0}
      figures={figures}
      errors={count('error')}
      warnings={count('warning')}
      activity={activity}
      // A census read that failed leaves nothing to check until the project is opened again.
      checking={
        validation.state.running && !(shell.censusLoading && project.censusFailed)
          ? t('issues.running')
          : null
      }
      cursor={cursor}
      censusLoading={shell.censusLoading}
    />
  );
}
