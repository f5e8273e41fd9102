import { useEffect, useMemo, useState } from 'react';
import type { LocalText } from '../../shared/model';
import { text } from '../../shared/model';
import { EditorSession } from '../editor/editor-session';
import type { VersionRow } from '../storage/version-rows';
import { readOnlyPersistence } from './read-only-persistence';
import { useReviewAuthor } from './review-author';
import { problemOf, useReviewRun } from './review-run';
import type { PackageInfo } from './review-settings';
import { DRAFT_SETTING, PACKAGE_SETTING, readDraft, readPackageInfo } from './review-settings';
import type { ReviewDeps } from './review-types';
import { useCompare } from './use-compare';
import { useFilingPackages } from './use-filing-packages';
import { useReplies } from './use-replies';
import { useReviewerDraft } from './use-reviewer-draft';
import { useVersions } from './use-versions';

export type { CompareKey, DiffView, ReadOnlyView, ReviewDeps } from './review-types';

/**
 * Everything of the 审核 tab, composed of one hook per part: versions (提交审核, history, read-only view,
 * restore: use-versions.ts), filing packages (导出报审包, 打开报审包: use-filing-packages.ts), the
 * reviewer's comments and issue marks with the decision written to a reply file (use-reviewer-draft.ts),
 * the planner's opening of that reply (use-replies.ts), and 对比 between any two divisions
 * (use-compare.ts). This hook reads what a project is when it opens and what the app shows.
 */
export function useReview(deps: ReviewDeps) {
  const { store, session, ruleSet, language, openProject, notify, pdfs } = deps;
  const projectId = session?.getState().projectId ?? null;
  // Whether the project open is a package under review, tagged with that project: another project's
  // answer is never taken for this one's.
  const openedProjectId = deps.openedProjectId ?? projectId;
  const [packageOf, setPackageOf] = useState<{ projectId: string; info: PackageInfo | null } | null>(null);
  const packageInfo = packageOf !== null && packageOf.projectId === openedProjectId ? packageOf.info : null;
  const [author, setAuthor] = useReviewAuthor();
  const { busy, run } = useReviewRun(notify);

  const versions = useVersions({ store, session, projectId, language, openProject, notify, run, author });
  const { versionDivision } = versions;
  const packages = useFilingPackages({
    store,
    ruleSet,
    language,
    openProject,
    notify,
    pdfs,
    projectId,
    run,
    versions: versions.versions,
    versionDivision,
  });
  const reviewer = useReviewerDraft({ store, notify, language, projectId, run, author, packageInfo });
  const replies = useReplies({
    store,
    session,
    language,
    notify,
    projectId,
    run,
    versions: versions.versions,
    reload: versions.reload,
    versionDivision,
  });
  const comparison = useCompare({ session, notify, projectId, run, packageInfo, versionDivision });

  // A new project: its versions, and whether it is a package under review with a draft. State of the
  // previous project is dropped in the callback (views are also tagged with their project).
  const { setVersions } = versions;
  const { setDraft, setPicking } = reviewer;
  const { setCompareKeys } = comparison;
  // Read as soon as the project opens (`openedProjectId`, while its census points are still read), so a
  // package is known as read-only before anything in it can be edited.
  useEffect(() => {
    let live = true;
    const settle = (rows: readonly VersionRow[], settings: ReadonlyMap<string, unknown>): void => {
      if (!live) return;
      setVersions(rows);
      if (openedProjectId)
        setPackageOf({ projectId: openedProjectId, info: readPackageInfo(settings.get(PACKAGE_SETTING)) });
      setDraft(readDraft(settings.get(DRAFT_SETTING)));
      setPicking(false);
      setCompareKeys({ before: '', after: '' });
    };
    const reading = openedProjectId
      ? Promise.all([store.versions.list(openedProjectId), store.getSettings(openedProjectId)])
      : Promise.resolve([[], new Map<string, unknown>()] as const);
    reading.then(
      ([rows, settings]) => settle(rows, settings),
      (error: unknown) =>
        notify('error', text('读取版本失败', 'Reading versions failed'), [problemOf(error)]),
    );
    return () => {
      live = false;
    };
  }, [store, openedProjectId, notify, setVersions, setDraft, setPicking, setCompareKeys]);

  // A package under review is read-only as a whole: its session refuses writes.
  const packageSession = useMemo(() => {
    if (!session || !packageInfo) return null;
    const state = session.getState();
    return new EditorSession(
      state.projectId,
      state.division,
      { undo: [], redo: [] },
      readOnlyPersistence(
        text(
          `报审包 版本 ${packageInfo.manifest.version}`,
          `Package version ${packageInfo.manifest.version}`,
        ),
      ),
    );
  }, [session, packageInfo]);

  const { view } = versions;
  /** The session the app shows: a version being viewed, else the package, else the working copy. */
  const shownSession = view?.session ?? packageSession ?? session;
  const readOnlyLabel: LocalText | null = view
    ? view.label
    : packageInfo
      ? text(
          `只读 · 报审包 版本 ${packageInfo.manifest.version} · ${packageInfo.manifest.township.name}`,
          `Read-only · package version ${packageInfo.manifest.version} · ${packageInfo.manifest.township.name}`,
        )
      : null;

  return {
    projectId,
    versions: versions.versions,
    packageInfo,
    draft: reviewer.draft,
    view,
    diffView: comparison.diffView,
    file: comparison.file,
    picking: reviewer.picking,
    pickedAt: reviewer.pickedAt,
    pickPoint: reviewer.pickPoint,
    clearPicked: reviewer.clearPicked,
    busy,
    author,
    latestReply: replies.latestReply,
    shownSession,
    readOnlyLabel,
    setAuthor,
    setPicking,
    submit: versions.submit,
    openVersion: versions.openVersion,
    closeView: versions.closeView,
    restoreVersion: versions.restoreVersion,
    makePackage: packages.makePackage,
    exportPackage: packages.exportPackage,
    openPackage: packages.openPackage,
    addComment: reviewer.addComment,
    removeComment: reviewer.removeComment,
    setMark: reviewer.setMark,
    setDraftFields: reviewer.setDraftFields,
    decide: reviewer.decide,
    openReply: replies.openReply,
    resolveComment: replies.resolveComment,
    compare: comparison.compare,
    compareKeys: comparison.compareKeys,
    setCompareKeys,
    loadCompareFile: comparison.loadCompareFile,
    closeDiff: comparison.closeDiff,
  };
}

/** What {@link useReview} returns. */
export type ReviewModel = ReturnType<typeof useReview>;
