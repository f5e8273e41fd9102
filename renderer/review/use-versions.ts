import { useCallback, useState } from 'react';
import { parseDivisionGeoJson, stringifyDivision } from '../../shared/formats/geojson';
import { sha256Hex } from '../../shared/formats/sha256';
import type { Division } from '../../shared/model';
import { countByLayer, text } from '../../shared/model';
import { restoreVersionDivision } from '../../shared/review';
import { EditorSession } from '../editor/editor-session';
import { announceSaved } from '../platform/project-channel';
import type { VersionRow } from '../storage/version-rows';
import { readOnlyPersistence } from './read-only-persistence';
import type { ReviewRun } from './review-run';
import type { ReadOnlyView, ReviewDeps } from './review-types';

/** A division written by stringifyDivision (a version, a package's base), read back. */
export function parseFrozen(source: string): Division {
  const parsed = parseDivisionGeoJson(source);
  // A version's text was written by stringifyDivision: failing to read it back is a bug, not user input.
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message.en).join('; '));
  return parsed.value;
}

/** What {@link useVersions} needs besides the review's deps. */
export interface VersionsDeps extends Pick<
  ReviewDeps,
  'store' | 'session' | 'language' | 'openProject' | 'notify'
> {
  readonly projectId: string | null;
  readonly run: ReviewRun;
  readonly author: string;
}

/** The planner's versions: 提交审核, the list, 查看 (read-only) and 恢复. */
export function useVersions(deps: VersionsDeps) {
  const { store, session, projectId, language, openProject, notify, run, author } = deps;
  const [versions, setVersions] = useState<readonly VersionRow[]>([]);
  const [taggedView, setView] = useState<(ReadOnlyView & { projectId: string }) | null>(null);
  // A view belongs to the project it was made in; another project never shows it.
  const view = taggedView?.projectId === projectId ? taggedView : null;

  const reload = useCallback(async () => {
    if (!projectId) return;
    setVersions(await store.versions.list(projectId));
  }, [store, projectId]);

  const versionDivision = async (number: number): Promise<Division> => {
    if (!projectId) throw new Error('no project');
    return parseFrozen(await store.versions.body(projectId, number));
  };

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
      const version = await versionDivision(number);
      // Built on the document with every edit saved, and written at once (no await in between).
      await session.idle();
      const restored = restoreVersionDivision(version, session.getState().division);
      const note = language === 'zh' ? `恢复版本 ${number}` : `Restore version ${number}`;
      const { revision } = await store.replaceDivision(projectId, restored, note);
      setView(null);
      await openProject(projectId);
      // Other windows showing the project read it again (the restore is no edit of a session).
      announceSaved({ projectId, revision });
      notify(
        'info',
        text(
          `已恢复版本 ${number} 为工作副本（可撤销）`,
          `Version ${number} restored as the working copy (undoable)`,
        ),
      );
    });

  return {
    versions,
    setVersions,
    reload,
    view,
    versionDivision,
    submit,
    openVersion,
    closeView,
    restoreVersion,
  };
}
