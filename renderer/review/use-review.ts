import { useCallback, useEffect, useMemo, useState } from 'react';
import type { DivisionDiff } from '../../shared/diff';
import { diffDivisions } from '../../shared/diff';
import type { FilingPdfMakers } from '../../shared/cli/build-filing-package';
import { buildFilingPackage } from '../../shared/cli/build-filing-package';
import { looksLikeZip, readFilingPackage } from '../../shared/formats/filing-package';
import { parseDivisionGeoJson, stringifyDivision } from '../../shared/formats/geojson';
import { sha256Hex } from '../../shared/formats/sha256';
import type { Division, Language, LocalText, Problem, RuleSet } from '../../shared/model';
import { countByLayer, text } from '../../shared/model';
import type {
  IssueMark,
  IssueMarkStatus,
  ReviewComment,
  ReviewDecision,
  ReviewReply,
} from '../../shared/review';
import {
  filedStatusChange,
  parseReviewReply,
  restoreVersionDivision,
  REVIEW_REPLY_TYPE,
  REVIEW_REPLY_VERSION,
  stringifyReviewReply,
} from '../../shared/review';
import type { ValidationIssue } from '../../shared/validate';
import { EditorSession } from '../editor/editor-session';
import { downloadBytes } from '../platform/download-bytes';
import { openProjectFile, saveProjectFile } from '../platform/project-files';
import type { ProjectStore } from '../storage/project-store';
import type { VersionRow } from '../storage/version-rows';
import { pickFileBytes } from './pick-file-bytes';
import { readOnlyPersistence } from './read-only-persistence';
import type { PackageInfo, ReviewDraft } from './review-settings';
import { DRAFT_SETTING, EMPTY_DRAFT, PACKAGE_SETTING, readDraft, readPackageInfo } from './review-settings';

/** A side of a comparison: the working copy, a version, the package's base or division, or a file. */
export type CompareKey = 'working' | 'package' | 'base' | 'file' | `v${number}`;

/** A diff shown on the map and as a table. */
export interface DiffView {
  readonly before: Division;
  readonly after: Division;
  readonly beforeLabel: LocalText;
  readonly afterLabel: LocalText;
  readonly diff: DivisionDiff;
}

/** A frozen version (or the package) shown read-only in place of the working copy. */
export interface ReadOnlyView {
  readonly label: LocalText;
  readonly session: EditorSession;
}

export interface ReviewDeps {
  readonly store: ProjectStore;
  /** The planner's working session (or the review project's session). */
  readonly session: EditorSession | null;
  readonly ruleSet: RuleSet;
  readonly language: Language;
  /** Opens a project (after a restore, or a package opened as a new project) and refreshes the list. */
  readonly openProject: (projectId: string) => Promise<void>;
  /** Shows a message: an error with its problems, or information. */
  readonly notify: (kind: 'info' | 'error', title: LocalText, lines?: readonly LocalText[]) => void;
  /** The PDFs of a filing package (shared/report). */
  readonly pdfs: FilingPdfMakers;
}

const AUTHOR_KEY = 'gridplan.reviewAuthor';

function remembered(): string {
  try {
    return localStorage.getItem(AUTHOR_KEY) ?? '';
  } catch {
    return '';
  }
}

function remember(name: string): void {
  try {
    localStorage.setItem(AUTHOR_KEY, name);
  } catch {
    // Without localStorage the name is asked again next time.
  }
}

function problemOf(error: unknown): LocalText {
  if (typeof error === 'object' && error !== null && 'problem' in error) {
    return (error as { problem: Problem }).problem.message;
  }
  return text('发生了意外错误。', 'Something unexpected went wrong.');
}

function parseFrozen(source: string): Division {
  const parsed = parseDivisionGeoJson(source);
  // A version's text was written by stringifyDivision: failing to read it back is a bug, not user input.
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message.en).join('; '));
  return parsed.value;
}

/**
 * Everything of the 审核 tab: versions (提交审核, history, read-only view, restore), filing packages
 * (导出报审包, 打开报审包), the reviewer's comments and issue marks with the decision written to a reply
 * file, the planner's opening of that reply (comments, 已备案), and 对比 between any two divisions.
 */
export function useReview(deps: ReviewDeps) {
  const { store, session, ruleSet, language, openProject, notify, pdfs } = deps;
  const projectId = session?.getState().projectId ?? null;
  const [versions, setVersions] = useState<readonly VersionRow[]>([]);
  const [packageInfo, setPackageInfo] = useState<PackageInfo | null>(null);
  const [draft, setDraft] = useState<ReviewDraft>(EMPTY_DRAFT);
  const [taggedView, setView] = useState<(ReadOnlyView & { projectId: string }) | null>(null);
  const [taggedDiff, setDiffView] = useState<(DiffView & { projectId: string }) | null>(null);
  // A view or diff belongs to the project it was made in; another project never shows it.
  const view = taggedView?.projectId === projectId ? taggedView : null;
  const diffView = taggedDiff?.projectId === projectId ? taggedDiff : null;
  const [file, setFile] = useState<{ name: string; division: Division } | null>(null);
  // The sides chosen for 对比, kept here so they survive switching tabs ('' = the default pair).
  const [compareKeys, setCompareKeys] = useState<{ before: CompareKey | ''; after: CompareKey | '' }>({
    before: '',
    after: '',
  });
  const [picking, setPicking] = useState(false);
  const [pickedAt, setPickedAt] = useState<readonly [number, number] | null>(null);
  const [busy, setBusy] = useState<LocalText | null>(null);
  const [author, setAuthorState] = useState(remembered);

  const reload = useCallback(async () => {
    if (!projectId) return;
    setVersions(await store.versions.list(projectId));
  }, [store, projectId]);

  // A new project: its versions, and whether it is a package under review with a draft. State of the
  // previous project is dropped in the callback (views are also tagged with their project, below).
  useEffect(() => {
    let live = true;
    const settle = (rows: readonly VersionRow[], settings: ReadonlyMap<string, unknown>): void => {
      if (!live) return;
      setVersions(rows);
      setPackageInfo(readPackageInfo(settings.get(PACKAGE_SETTING)));
      setDraft(readDraft(settings.get(DRAFT_SETTING)));
      setPicking(false);
      setCompareKeys({ before: '', after: '' });
    };
    const reading = projectId
      ? Promise.all([store.versions.list(projectId), store.getSettings(projectId)])
      : Promise.resolve([[], new Map<string, unknown>()] as const);
    reading.then(
      ([rows, settings]) => settle(rows, settings),
      (error: unknown) =>
        notify('error', text('读取版本失败', 'Reading versions failed'), [problemOf(error)]),
    );
    return () => {
      live = false;
    };
  }, [store, projectId, notify]);

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

  const setAuthor = (name: string): void => {
    setAuthorState(name);
    remember(name);
  };

  const run = async (label: LocalText, title: LocalText, task: () => Promise<void>): Promise<boolean> => {
    setBusy(label);
    try {
      await task();
      return true;
    } catch (error) {
      notify('error', title, [problemOf(error)]);
      return false;
    } finally {
      setBusy(null);
    }
  };

  // ---- versions ----

  const submit = (note: string) =>
    run(text('正在提交…', 'Submitting…'), text('提交审核失败', 'Submitting failed'), async () => {
      if (!session || !projectId) return;
      if (author.trim() === '') {
        notify('error', text('提交审核失败', 'Submitting failed'), [
          text('请填写提交人。', 'Enter who submits.'),
        ]);
        return;
      }
      await session.idle();
      const division = session.getState().division;
      const divisionText = stringifyDivision(division);
      const row = await store.versions.submit(projectId, {
        divisionText,
        divisionSha256: sha256Hex(divisionText),
        author: author.trim(),
        note,
        counts: countByLayer(division),
      });
      await reload();
      notify('info', text(`已提交审核：版本 ${row.number}`, `Submitted for review: version ${row.number}`));
    });

  const versionDivision = async (number: number): Promise<Division> => {
    if (!projectId) throw new Error('no project');
    return parseFrozen(await store.versions.body(projectId, number));
  };

  const openVersion = (number: number) =>
    run(
      text('正在打开版本…', 'Opening the version…'),
      text('打开版本失败', 'Opening the version failed'),
      async () => {
        if (!projectId) return;
        const division = await versionDivision(number);
        const label = text(`只读 · 版本 ${number}`, `Read-only · version ${number}`);
        setView({
          projectId,
          label,
          session: new EditorSession(
            projectId,
            division,
            { undo: [], redo: [] },
            readOnlyPersistence(text(`版本 ${number}`, `Version ${number}`)),
          ),
        });
      },
    );

  const closeView = (): void => setView(null);

  const restoreVersion = (number: number) =>
    run(text('正在恢复…', 'Restoring…'), text('恢复版本失败', 'Restoring the version failed'), async () => {
      if (!session || !projectId) return;
      await session.idle();
      const restored = restoreVersionDivision(await versionDivision(number), session.getState().division);
      const note = language === 'zh' ? `恢复版本 ${number}` : `Restore version ${number}`;
      await store.replaceDivision(projectId, restored, note);
      setView(null);
      await openProject(projectId);
      notify(
        'info',
        text(
          `已恢复版本 ${number} 为工作副本（可撤销）`,
          `Version ${number} restored as the working copy (undoable)`,
        ),
      );
    });

  // ---- filing packages ----

  /**
   * The filing package of a version: against the previous version as its base, or against the version
   * whose SHA-256 is `baseSha256` (报送市级库: the township's version the city office holds), or none
   * when `baseSha256` is null. Undefined after telling the planner why it could not be made.
   */
  const makePackage = async (
    number: number,
    baseSha256?: string | null,
  ): Promise<{ readonly name: string; readonly bytes: Uint8Array } | undefined> => {
    if (!projectId) return undefined;
    const row = versions.find((v) => v.number === number);
    if (!row) return undefined;
    const frozen = await store.versions.body(projectId, number);
    const division = parseFrozen(frozen);
    const previous =
      baseSha256 === undefined
        ? [...versions].reverse().find((v) => v.number < number)
        : versions.find((v) => baseSha256 !== null && v.divisionSha256 === baseSha256 && v.number !== number);
    const base = previous
      ? {
          division: await versionDivision(previous.number),
          sha256: previous.divisionSha256,
          name: `版本${previous.number}.geojson`,
        }
      : undefined;
    const made = await buildFilingPackage(division, {
      version: number,
      note: row.note,
      createdAt: new Date().toISOString(),
      ruleSet,
      lang: language,
      pdfs,
      // Stored byte for byte, so the package's divisionSha256 is the version's and its reply finds it.
      divisionText: frozen,
      ...(base ? { base } : {}),
    });
    if (!made.ok) {
      notify(
        'error',
        text('导出报审包失败', 'Exporting the package failed'),
        made.problems.map((p) => p.message),
      );
      return undefined;
    }
    if (made.value.manifest.divisionSha256 !== row.divisionSha256) {
      // The package must hold exactly the frozen text, or the reviewer's reply would not find this version.
      throw new Error('package division differs from the frozen version');
    }
    const township = made.value.manifest.township.name || division.meta.name || 'gridplan';
    return { name: `报审包-${township}-版本${number}.zip`, bytes: made.value.bytes };
  };

  const exportPackage = (number: number) =>
    run(
      text('正在生成报审包…', 'Making the filing package…'),
      text('导出报审包失败', 'Exporting the package failed'),
      async () => {
        const made = await makePackage(number);
        if (!made) return;
        downloadBytes(made.name, made.bytes, 'application/zip');
        notify('info', text(`已导出报审包：${made.name}`, `Filing package exported: ${made.name}`));
      },
    );

  const openPackage = () =>
    run(
      text('正在打开报审包…', 'Opening the package…'),
      text('打开报审包失败', 'Opening the package failed'),
      async () => {
        const picked = await pickFileBytes('.zip,application/zip');
        if (!picked) return;
        const read = readFilingPackage(picked.bytes, picked.fileName);
        if (!read.ok) {
          notify(
            'error',
            text(`报审包“${picked.fileName}”被拒绝`, `The filing package “${picked.fileName}” was refused`),
            read.problems.map((p) => p.message),
          );
          return;
        }
        const { manifest, division, files } = read.value;
        const baseBytes = files.get('base.geojson');
        const info: PackageInfo = {
          fileName: picked.fileName,
          manifest: {
            township: manifest.township,
            version: manifest.version,
            createdAt: manifest.createdAt,
            divisionSha256: manifest.divisionSha256,
            ruleSet: manifest.ruleSet,
            ...(manifest.note !== undefined ? { note: manifest.note } : {}),
            ...(manifest.baseSha256 !== undefined ? { baseSha256: manifest.baseSha256 } : {}),
          },
          ...(baseBytes ? { baseText: new TextDecoder().decode(baseBytes) } : {}),
        };
        const name = `审核 ${manifest.township.name || division.meta.name} 版本${manifest.version}`;
        const summary = await store.createProject({
          ...division,
          meta: { ...division.meta, name, ruleSetId: manifest.ruleSet || division.meta.ruleSetId },
        });
        await store.setSetting(summary.id, PACKAGE_SETTING, info);
        await openProject(summary.id);
      },
    );

  // ---- the reviewer's draft ----

  const saveDraft = (next: ReviewDraft): void => {
    setDraft(next);
    if (!projectId) return;
    store
      .setSetting(projectId, DRAFT_SETTING, next)
      .catch((error: unknown) =>
        notify('error', text('保存审核意见失败', 'Saving the review failed'), [problemOf(error)]),
      );
  };

  const addComment = (
    commentText: string,
    anchor: { gridCode?: string; at?: readonly [number, number] },
  ): void => {
    if (commentText.trim() === '' || (anchor.gridCode === undefined && !anchor.at)) return;
    const id = `c${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const comment: ReviewComment = {
      id,
      ...(anchor.gridCode !== undefined ? { gridCode: anchor.gridCode } : {}),
      ...(anchor.at ? { at: [anchor.at[0], anchor.at[1]] as const } : {}),
      text: commentText.trim(),
      author: draft.reviewer || author,
      createdAt: new Date().toISOString(),
    };
    saveDraft({ ...draft, comments: [...draft.comments, comment] });
  };

  const removeComment = (id: string): void =>
    saveDraft({ ...draft, comments: draft.comments.filter((c) => c.id !== id) });

  const setMark = (issue: ValidationIssue, status: IssueMarkStatus | null, justification?: string): void => {
    const others = draft.marks.filter((m) => m.key !== issue.key);
    const mark: IssueMark | null = status
      ? {
          key: issue.key,
          rule: issue.rule,
          codes: [...issue.codes],
          status,
          ...(justification ? { justification } : {}),
        }
      : null;
    saveDraft({ ...draft, marks: mark ? [...others, mark] : others });
  };

  const setDraftFields = (fields: Partial<Pick<ReviewDraft, 'reviewer' | 'note'>>): void =>
    saveDraft({ ...draft, ...fields });

  const decide = (decision: ReviewDecision) =>
    run(
      text('正在写审核意见…', 'Writing the reply…'),
      text('写审核意见失败', 'Writing the reply failed'),
      async () => {
        if (!packageInfo) return;
        const refuse = (message: LocalText): void =>
          notify('error', text('写审核意见失败', 'Writing the reply failed'), [message]);
        if (draft.reviewer.trim() === '') return refuse(text('请填写审核人。', 'Enter the reviewer’s name.'));
        if (
          decision === 'returned' &&
          draft.comments.length === 0 &&
          !draft.marks.some((m) => m.status === 'to-fix') &&
          draft.note.trim() === ''
        ) {
          return refuse(text('退回时请至少写一条意见。', 'Returning needs at least one comment.'));
        }
        const reply: ReviewReply = {
          type: REVIEW_REPLY_TYPE,
          version: REVIEW_REPLY_VERSION,
          township: { code: packageInfo.manifest.township.code, name: packageInfo.manifest.township.name },
          divisionVersion: packageInfo.manifest.version,
          divisionSha256: packageInfo.manifest.divisionSha256,
          reviewer: draft.reviewer.trim(),
          decidedAt: new Date().toISOString(),
          decision,
          note: draft.note,
          comments: draft.comments,
          issueMarks: draft.marks,
        };
        const written = stringifyReviewReply(reply);
        // What is written must be what the planner's GridPlan reads: check with the same parser.
        const check = parseReviewReply(written, { divisionSha256: reply.divisionSha256 });
        if (!check.ok) return refuse(check.problems[0]!.message);
        const word = decision === 'approved' ? '通过' : '退回';
        const name = `审核意见-${reply.township.name || 'gridplan'}-版本${reply.divisionVersion}-${word}.json`;
        const saved = await saveProjectFile(name, written);
        if (saved)
          notify('info', text(`已写审核意见（${word}）：${saved}`, `Reply written (${decision}): ${saved}`));
      },
    );

  // ---- the planner opens a reply ----

  const openReply = () =>
    run(
      text('正在打开审核意见…', 'Opening the reply…'),
      text('打开审核意见失败', 'Opening the reply failed'),
      async () => {
        if (!session || !projectId) return;
        const opened = await openProjectFile();
        if (!opened) return;
        const parsed = parseReviewReply(opened.text);
        if (!parsed.ok) {
          notify(
            'error',
            text(`审核意见“${opened.fileName}”无法打开`, `The reply “${opened.fileName}” cannot be opened`),
            parsed.problems.map((p) => p.message),
          );
          return;
        }
        const reply = parsed.value;
        const row = await store.versions.recordReply(projectId, reply);
        await reload();
        if (reply.decision === 'approved') {
          await session.idle();
          const approved = await versionDivision(row.number);
          const note = language === 'zh' ? `版本 ${row.number} 已备案` : `Version ${row.number} filed`;
          const change = filedStatusChange(session.getState().division, approved, note);
          await session.apply(change);
          notify(
            'info',
            text(
              `版本 ${row.number} 已备案（${reply.decidedAt.slice(0, 10)}）`,
              `Version ${row.number} filed (${reply.decidedAt.slice(0, 10)})`,
            ),
          );
        } else {
          notify(
            'info',
            text(
              `版本 ${row.number} 被退回：${reply.comments.length} 条意见`,
              `Version ${row.number} returned: ${reply.comments.length} comments`,
            ),
          );
        }
      },
    );

  const resolveComment = (number: number, commentId: string, resolved: boolean) =>
    run(text('正在保存…', 'Saving…'), text('保存失败', 'Saving failed'), async () => {
      if (!projectId) return;
      await store.versions.setResolved(projectId, number, commentId, resolved);
      await reload();
    });

  /** The reply the planner works from: that of the newest version that has one. */
  const latestReply = useMemo(() => {
    const row = [...versions].reverse().find((v) => v.reply);
    return row?.reply ? { number: row.number, stored: row.reply } : null;
  }, [versions]);

  // ---- 对比 ----

  const sideDivision = async (key: CompareKey): Promise<{ division: Division; label: LocalText } | null> => {
    if (key === 'working') {
      if (!session) return null;
      return {
        division: session.getState().division,
        label: packageInfo ? text('报审包', 'Package') : text('工作副本', 'Working copy'),
      };
    }
    if (key === 'package')
      return session ? { division: session.getState().division, label: text('报审包', 'Package') } : null;
    if (key === 'base') {
      return packageInfo?.baseText
        ? { division: parseFrozen(packageInfo.baseText), label: text('上一版本', 'Previous version') }
        : null;
    }
    if (key === 'file') return file ? { division: file.division, label: text(file.name, file.name) } : null;
    const number = Number(key.slice(1));
    return { division: await versionDivision(number), label: text(`版本 ${number}`, `Version ${number}`) };
  };

  const compare = (beforeKey: CompareKey, afterKey: CompareKey) =>
    run(text('正在对比…', 'Comparing…'), text('对比失败', 'Comparing failed'), async () => {
      const before = await sideDivision(beforeKey);
      const after = await sideDivision(afterKey);
      if (!before || !after) return;
      if (!projectId) return;
      setDiffView({
        projectId,
        before: before.division,
        after: after.division,
        beforeLabel: before.label,
        afterLabel: after.label,
        diff: diffDivisions(before.division, after.division),
      });
    });

  const loadCompareFile = () =>
    run(
      text('正在读取文件…', 'Reading the file…'),
      text('读取文件失败', 'Reading the file failed'),
      async () => {
        const picked = await pickFileBytes('.geojson,.json,.zip');
        if (!picked) return;
        if (looksLikeZip(picked.bytes)) {
          const read = readFilingPackage(picked.bytes, picked.fileName);
          if (!read.ok) {
            notify(
              'error',
              text(`报审包“${picked.fileName}”被拒绝`, `The filing package “${picked.fileName}” was refused`),
              read.problems.map((p) => p.message),
            );
            return;
          }
          setFile({ name: picked.fileName, division: read.value.division });
          return;
        }
        const parsed = parseDivisionGeoJson(new TextDecoder().decode(picked.bytes));
        if (!parsed.ok) {
          notify(
            'error',
            text(`文件“${picked.fileName}”无法读取`, `The file “${picked.fileName}” cannot be read`),
            parsed.problems.map((p) => p.message),
          );
          return;
        }
        setFile({ name: picked.fileName, division: parsed.value });
      },
    );

  return {
    projectId,
    versions,
    packageInfo,
    draft,
    view,
    diffView,
    file,
    picking,
    pickedAt,
    pickPoint: (at: readonly [number, number]) => {
      setPickedAt(at);
      setPicking(false);
    },
    clearPicked: () => setPickedAt(null),
    busy,
    author,
    latestReply,
    shownSession,
    readOnlyLabel,
    setAuthor,
    setPicking,
    submit,
    openVersion,
    closeView,
    restoreVersion,
    makePackage,
    exportPackage,
    openPackage,
    addComment,
    removeComment,
    setMark,
    setDraftFields,
    decide,
    openReply,
    resolveComment,
    compare,
    compareKeys,
    setCompareKeys,
    loadCompareFile,
    closeDiff: () => setDiffView(null),
  };
}

/** What {@link useReview} returns. */
export type ReviewModel = ReturnType<typeof useReview>;
