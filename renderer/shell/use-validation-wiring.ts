import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { FeatureCollection } from 'geojson';
import type { Division, RuleSet } from '../../shared/model';
import type { ValidationIssue } from '../../shared/validate';
import { problemShapes } from '../derive/problem-shapes';
import { markOpening } from '../platform/opening-marks';
import { unassignedPoints } from '../derive/unassigned-points';
import type { EditorSession } from '../editor/editor-session';
import type { ValidationState } from '../validation/validation-client';
import { ValidationClient } from '../validation/validation-client';

/** Validation as the window shows it: the worker's state, the chosen issue and the two toolbar actions. */
export interface ValidationWiring {
  readonly client: ValidationClient;
  readonly state: ValidationState;
  /**
   * True while the shown document's counts are on their way: its reset waits for the map to draw it, or
   * is sent by an effect after this render, or its census points are still being read.
   */
  readonly countsDue: boolean;
  /** Shapes of the gaps, overlaps and parts outside a village, drawn from the current document. */
  readonly problems: FeatureCollection;
  /** Every census point in no grid (or in none of its grid's micro-grids), one map point each. */
  readonly unassigned: FeatureCollection;
  readonly selectedIssue: ValidationIssue | null;
  /** Chooses an issue (the map flies to it); a single-grid issue also selects its grid. */
  readonly selectIssue: (issue: ValidationIssue) => void;
  /** 下一个问题: the issue after the one shown (errors first, as the panel lists them). */
  readonly nextProblem: () => void;
  /** 整体校验: everything again, at once, even when the worker has not started. */
  readonly validateAll: () => void;
}

/** What a session whose whole check is due shows: no issues yet, a check on its way. */
const WAITING = { issues: [], gridCounts: null, counts: null, checked: false, running: true } as const;

/**
 * The validation state the window shows: the worker's, except while the shown session's whole check is
 * due (`resetDue`). The worker then still holds the previous document's answer, whose issues, error
 * counts and shapes belong to another document: none are shown, and the check is on its way.
 */
export function shownValidationState(worker: ValidationState, resetDue: boolean): ValidationState {
  return resetDue ? { ...worker, ...WAITING } : worker;
}

/**
 * How long the whole check of a session waits for the map to draw it. A map that never settles (a
 * window in the background draws no frame, a map without WebGL draws nothing) must not keep the counts
 * from coming.
 */
export const FIRST_CHECK_WAIT_MS = 3000;

/** What {@link useValidationWiring} follows. */
export interface ValidationWiringInput {
  /** The session shown (null when none is, or while its census points are read). */
  readonly session: EditorSession | null;
  /** Its document. */
  readonly division: Division | null;
  readonly ruleSet: RuleSet;
  /** The map has drawn the shown project. */
  readonly mapDrawn: boolean;
  /** Selects a grid (an issue of one grid chosen). */
  readonly selectGrid: (id: string) => void;
  /** Brings the 问题 tab forward. */
  readonly showIssues: () => void;
  /**
   * The project just opened has its census points read (no session is shown meanwhile): its check is on
   * its way, and the worker's answer for the previous document is not shown as this one's.
   */
  readonly censusLoading?: boolean;
}

/**
 * Keeps the validation worker in step with the document: everything when a project opens or the rule
 * set changes, then only the neighbourhood of each saved change (edits, undos and redos).
 * `mapDrawn`: the map has drawn the shown project. A session's whole check starts once it has, or after
 * {@link FIRST_CHECK_WAIT_MS}: counting a million points beside the map's first drawing made both slower
 * on two cores (bench/app-open-bench.ts: the map answered about a second later). The grids show
 * 正在计算… until the counts come. `selectGrid` selects a grid; `showIssues` brings the 问题 tab forward.
 */
export function useValidationWiring({
  session,
  division,
  ruleSet,
  mapDrawn,
  selectGrid,
  showIssues,
  censusLoading = false,
}: ValidationWiringInput): ValidationWiring {
  const [client] = useState(() => new ValidationClient());
  const workerState = useSyncExternalStore(client.subscribe, client.getState);
  const [selectedIssue, setSelectedIssue] = useState<ValidationIssue | null>(null);
  const [resetSession, setResetSession] = useState<EditorSession | null>(null);
  const resetDue = session !== null && session !== resetSession;
  // While the shown session's check waits, the worker still holds the previous document's answer: it is
  // not shown as this one's (its issues, error counts and shapes belong to another document).
  const waiting = resetDue || censusLoading;
  const state = useMemo(() => shownValidationState(workerState, waiting), [workerState, waiting]);
  // The worker lives with the mounted window, not with the client object: StrictMode's second run of
  // this effect gets a fresh worker brought to the same document (see ValidationClient).
  useEffect(() => {
    client.connect();
    return () => client.disconnect();
  }, [client]);

  // The session whose wait for the map ran out, or whose check 整体校验 started (weakly held: a later
  // session must not keep an old document alive).
  const [startedEarly, setStartedEarly] = useState<WeakRef<EditorSession> | null>(null);
  const checkNow = session !== null && (mapDrawn || startedEarly?.deref() === session);
  useEffect(() => {
    if (!session || checkNow) return undefined;
    const timer = setTimeout(() => setStartedEarly(new WeakRef(session)), FIRST_CHECK_WAIT_MS);
    return () => clearTimeout(timer);
  }, [session, checkNow]);
  /** The session 整体校验 already sent whole: its gated reset is not sent a second time. */
  const sentByValidateAll = useRef<EditorSession | null>(null);

  useEffect(() => {
    if (!session || !checkNow) return undefined;
    // The document as it is now: an edit made while the check waited is in it.
    if (sentByValidateAll.current !== session) client.reset(session.getState().division, ruleSet);
    sentByValidateAll.current = null;
    markOpening('check-sent');
    // Which session the worker has: until this is set, the figures wait for the worker instead of
    // counting on this thread in the render before the reset (an effect cannot run before a render).
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setResetSession(session);
    return session.onApplied((change, division) => client.applied(change, division));
  }, [session, ruleSet, client, checkNow]);

  // The validator's issues refer to ids; their shapes are drawn from the current document.
  const problems = useMemo(
    () =>
      division ? problemShapes(division, state.issues) : { type: 'FeatureCollection' as const, features: [] },
    [division, state.issues],
  );

  const unassigned = useMemo(
    () =>
      division
        ? unassignedPoints(division, state.issues)
        : { type: 'FeatureCollection' as const, features: [] },
    [division, state.issues],
  );

  const selectIssue = (issue: ValidationIssue): void => {
    setSelectedIssue(issue);
    if (issue.layer === 'grid' && issue.ids.length === 1) selectGrid(issue.ids[0]!);
  };

  const nextProblem = (): void => {
    const issues = state.issues;
    if (issues.length === 0) return;
    const at = selectedIssue ? issues.findIndex((issue) => issue.key === selectedIssue.key) : -1;
    const issue = issues[(at + 1) % issues.length]!;
    selectIssue(issue);
    showIssues();
  };

  const validateAll = (): void => {
    if (!division) return;
    client.reset(division, ruleSet, 1, true);
    // Pressed while the first check waited for the map: this was it.
    if (resetDue && session) {
      sentByValidateAll.current = session;
      setStartedEarly(new WeakRef(session));
    }
    showIssues();
  };

  return {
    client,
    state,
    countsDue: waiting,
    problems,
    unassigned,
    selectedIssue,
    selectIssue,
    nextProblem,
    validateAll,
  };
}
