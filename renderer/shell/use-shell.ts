import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Change, Division, RuleSet } from '../../shared/model';
import { CHANGED_MEANWHILE } from '../editor/editor-session';
import { BUILTIN_RULE_SETS, builtinRuleSet } from '../../shared/model';
import { useDivisionFigures } from '../derive/use-division-figures';
import { useEditTools } from '../tools/use-edit-tools';
import { useDivide } from '../divide/use-divide';
import { useSketchCounts } from '../divide/use-sketch-counts';
import { useSketchWorker } from '../divide/use-sketch-worker';
import { currentLanguage } from '../i18n/i18n';
import type { MapFocus } from '../map/map-view';
import { useProjectBasemap } from '../panels/basemap-settings';
import { useReferenceReports } from '../references/reference-reports';
import { useProjectReferences } from '../references/use-project-references';
import { useTraceKey } from '../references/use-trace-key';
import { IMPORT_DATA_DIALOG, KEYS_DIALOG } from './dialog-ids';
import { useHelpKey } from './use-help-key';
import { keyBelongsElsewhere } from './window-key-target';
import type { ProjectStore, ProjectSummary } from '../storage/project-store';
import type { MapTarget, Shell } from './shell';
import { ATTRIBUTES_TAB, ISSUES_TAB } from './tab-ids';
import { useNotices } from './use-notices';
import { useCensusLoading } from './use-census-loading';
import { useProjectSession } from './use-project-session';
import { useTransferDialogs } from './use-transfer-dialogs';
import { useValidationWiring } from './use-validation-wiring';
// --- review (renderer/review, panels/review-panel.tsx) ---
import type { LocalText } from '../../shared/model';
import { FILING_PDFS } from '../review/filing-pdfs';
import { useReview } from '../review/use-review';
import { useCityOffice } from '../review/use-city-office';
import { useReviewOverlayData } from '../review/use-review-overlay-data';
import { useShownSession } from '../review/use-shown-session';
import type { AreaSelection } from '../panels/area-attribute-panel';
// --- end review ---

/** Builds the {@link Shell} of the main window from its hooks; `App` only lays the parts out. */
export function useShell(store: ProjectStore, initialProjects: readonly ProjectSummary[]): Shell {
  const [selectedGridId, setSelectedGridId] = useState<string | null>(null);
  // A community or township shown in 属性; choosing a grid puts the grid there instead.
  const [selectedArea, setSelectedArea] = useState<AreaSelection | null>(null);
  const [focus, setFocus] = useState<MapFocus | null>(null);
  const [cursor, setCursor] = useState<readonly [number, number] | null>(null);
  const [tab, showTab] = useState<string>(ATTRIBUTES_TAB);
  const [dialog, openDialog] = useState<string | null>(null);
  const { t } = useTranslation();
  const language = currentLanguage();

  const notices = useNotices();
  const deselect = useCallback(() => setSelectedGridId(null), []);
  const project = useProjectSession(store, initialProjects, notices, deselect);
  // --- review: a version or a package is shown read-only in place of the working copy ---
  const { notify } = notices;
  const reviewNotify = useCallback(
    (kind: 'info' | 'error', title: LocalText, lines: readonly LocalText[] = []) =>
      notify({ kind, title: title[language], lines }),
    [notify, language],
  );
  const { refreshProjects, openProject } = project;
  const reopen = useCallback(
    async (id: string) => {
      await refreshProjects();
      await openProject(id);
    },
    [refreshProjects, openProject],
  );
  // The project just opened shows its areas while its census points are read; until they are in, no
  // other part of the window gets a document to count, export, check or store from (`division` is null).
  const [drawnProjectId, projectDrawn] = useState<string | null>(null);
  const [mapCannotDraw, setMapCannotDraw] = useState(false);
  const mapUnavailable = useCallback(() => setMapCannotDraw(true), []);
  const censusLoading = useCensusLoading(project, drawnProjectId);
  const censusReading = censusLoading.state !== null;
  const review = useReview({
    store,
    session: censusReading ? null : project.session,
    openedProjectId: project.state?.projectId ?? null,
    ruleSet:
      builtinRuleSet(project.state?.division.meta.ruleSetId ?? 'zigong') ?? BUILTIN_RULE_SETS.get('zigong')!,
    language,
    openProject: reopen,
    notify: reviewNotify,
    pdfs: FILING_PDFS,
  });
  const session = review.shownSession;
  const state = useShownSession(session);
  // --- end review ---
  const shownProjectId = state?.projectId ?? censusLoading.state?.projectId ?? null;
  const basemap = useProjectBasemap(store, shownProjectId);
  const references = useProjectReferences(store, shownProjectId, useReferenceReports(notices));
  useTraceKey(references.trace, references.setTrace, !!state);
  // 报送市级库 / 从市级库拉取 (renderer/review/use-city-office.ts, panels/city-office-section.tsx)
  const { createFrom } = project;
  const city = useCityOffice({
    division: state?.division ?? null,
    makePackage: review.makePackage,
    author: review.author,
    references,
    openAsProject: (name, made, layers) => createFrom(name, () => Promise.resolve(made), layers),
    notify: reviewNotify,
    say: (key, values) => t(`city.${key}`, values ?? {}),
    language,
  });
  useHelpKey(useCallback(() => openDialog(KEYS_DIALOG), []));

  const division = state?.division ?? null;
  // What the map, the tree, 属性 and the status bar show: the document, or the areas while the census is read.
  const shownDivision = division ?? censusLoading.state?.division ?? null;
  const ruleSet: RuleSet =
    builtinRuleSet(shownDivision?.meta.ruleSetId ?? 'zigong') ?? BUILTIN_RULE_SETS.get('zigong')!;
  const showIssues = useCallback(() => showTab(ISSUES_TAB), []);
  // The project the map has drawn (or the wait for its drawing ran out): the whole check of a project
  // just opened waits for its drawing.
  const shownDrawn =
    shownProjectId !== null &&
    (drawnProjectId === shownProjectId || censusLoading.waitedOutProjectId === shownProjectId);
  const mapDrawn = state !== null && shownDrawn;
  const validation = useValidationWiring({
    session,
    division,
    ruleSet,
    mapDrawn,
    selectGrid: setSelectedGridId,
    showIssues,
    censusLoading: censusReading,
  });
  // Counted by the validation worker: a split, a merge or an undo counts no census point on this thread.
  // The areas shown while the census is read have their counts on the way too.
  const figures = useDivisionFigures(shownDivision, ruleSet, validation.state, validation.countsDue);

  // Stable: the tree is memoised and must not re-render on every App render.
  const showOnMap = useCallback(
    (target: MapTarget) => setFocus((f) => ({ ...target, request: (f?.request ?? 0) + 1 })),
    [],
  );
  const openImportDialog = useCallback(() => openDialog(IMPORT_DATA_DIALOG), []);
  const transfer = useTransferDialogs(project, session, notices, language, openImportDialog, showOnMap);
  const selectGrid = useCallback((id: string | null) => {
    setSelectedGridId(id);
    if (id) {
      setSelectedArea(null);
      showTab(ATTRIBUTES_TAB);
    }
  }, []);

  const showCommunity = useCallback(
    (id: string) => {
      showOnMap({ communityId: id });
      setSelectedGridId(null);
      setSelectedArea({ layer: 'community', id });
      showTab(ATTRIBUTES_TAB);
    },
    [showOnMap],
  );
  const selectTownship = useCallback((id: string) => {
    setSelectedGridId(null);
    setSelectedArea({ layer: 'township', id });
    showTab(ATTRIBUTES_TAB);
  }, []);
  const selectMicrogrid = useCallback(
    (id: string) => {
      setSelectedGridId(null);
      setSelectedArea({ layer: 'microgrid', id });
      showOnMap({ microgridId: id });
      showTab(ATTRIBUTES_TAB);
    },
    [showOnMap],
  );
  const selectFromTree = useCallback(
    (id: string) => {
      setSelectedGridId(id);
      setSelectedArea(null);
      showOnMap({ gridId: id });
      showTab(ATTRIBUTES_TAB);
    },
    [showOnMap],
  );

  const reviewOverlay = useReviewOverlayData(review, division); // review
  // A version or a package shown, or a project another window edits: nothing in the window changes it.
  const readOnly = review.readOnlyLabel !== null || !!project.state?.readOnly;
  const sketchWorker = useSketchWorker(session);
  const edit = useEditTools({
    session,
    sketchWorker,
    division,
    readOnly,
    ruleSet,
    selectedGridId,
    select: selectGrid,
    report: (title, problems) =>
      notices.notify({ kind: 'error', title, lines: problems.map((p) => p.message) }),
    language,
  });

  const divide = useDivide({
    session,
    division,
    ruleSet,
    selectedGridId,
    // The project's reference layers (参考图层): the planner ticks those that guide the division.
    referenceLayers: references.layers,
    report: (title, problems) =>
      notices.notify({ kind: 'error', title, lines: problems.map((p) => p.message) }),
    inform: (title) => notices.notify({ kind: 'info', title, lines: [] }),
    title: (key) => t(`divide.${key}`),
    acceptedTitle: (kind, count) => t(kind === 'divide' ? 'divide.accepted' : 'divide.rebalanced', { count }),
  });

  const sketch = useSketchCounts(sketchWorker, division, ruleSet, edit.tool, {
    avoidOverlap: edit.settings.avoidOverlap,
    selectedGridId,
  });

  // While the census is read no session is shown (`session` is null): the project's own refuses the change.
  const editedSession = session ?? project.session;
  const applyChange = useCallback(
    (change: Change, base: Division) =>
      void editedSession?.applyOn(base, change).then((outcome) => {
        if (outcome === 'stale')
          notify({ kind: 'error', title: t('messages.saveFailed'), lines: [CHANGED_MEANWHILE.message] });
      }),
    [editedSession, notify, t],
  );
  // A refusal of the session shown (a version's: read-only) or of the project's (while the census is read).
  const failure = state?.failure ?? project.state?.failure ?? null;
  const dismissFailure = useCallback(() => {
    session?.dismissFailure();
    project.session?.dismissFailure();
  }, [session, project.session]);

  const undo = useCallback(() => void session?.undo(), [session]);
  const redo = useCallback(() => void session?.redo(), [session]);
  useShortcuts(edit.onKeyDown, undo, redo);

  return {
    language,
    t,
    say: (message) => message[language],
    project,
    division,
    shownDivision,
    censusLoading: censusReading,
    applyChange,
    readOnly,
    failure,
    dismissFailure,
    shownDrawn: shownDrawn || (shownProjectId !== null && mapCannotDraw),
    ruleSet,
    figures,
    notices,
    validation,
    projectDrawn,
    mapUnavailable,
    transfer,
    edit,
    divide,
    sketch,
    basemap,
    references,
    selectedGridId,
    selectGrid,
    selectFromTree,
    selectMicrogrid,
    showCommunity,
    selectTownship,
    selectedArea,
    showOnMap,
    focus,
    cursor,
    setCursor,
    tab,
    showTab,
    dialog,
    openDialog,
    undo,
    redo,
    review,
    reviewOverlay,
    city,
  };
}

/** Window-wide keys: the editing tools' first, then Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y; never in a field or a dialog. */
function useShortcuts(onEditKey: (event: KeyboardEvent) => boolean, undo: () => void, redo: () => void) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (keyBelongsElsewhere(event)) return;
      if (onEditKey(event)) {
        event.preventDefault();
        return;
      }
      if (!(event.ctrlKey || event.metaKey)) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) {
        event.preventDefault();
        undo();
      } else if ((key === 'z' && event.shiftKey) || key === 'y') {
        event.preventDefault();
        redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo, onEditKey]);
}
