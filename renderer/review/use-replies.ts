import { useMemo } from 'react';
import type { Division } from '../../shared/model';
import { text } from '../../shared/model';
import { filedStatusChange, parseReviewReply } from '../../shared/review';
import { CHANGED_MEANWHILE } from '../editor/editor-session';
import { openProjectFile } from '../platform/project-files';
import type { VersionRow } from '../storage/version-rows';
import { pickThenRead } from './pick-then-read';
import type { ReviewRun } from './review-run';
import type { ReviewDeps } from './review-types';

/** What {@link useReplies} needs besides the review's deps. */
export interface RepliesDeps extends Pick<ReviewDeps, 'store' | 'session' | 'language' | 'notify'> {
  readonly projectId: string | null;
  readonly run: ReviewRun;
  readonly versions: readonly VersionRow[];
  readonly reload: () => Promise<void>;
  readonly versionDivision: (number: number) => Promise<Division>;
}

/** The planner's side of a reply: 打开审核意见 (退回 with comments, or 已备案), 已处理 on its comments. */
export function useReplies(deps: RepliesDeps) {
  const { store, session, language, notify, projectId, run, versions, reload, versionDivision } = deps;

  const openReply = () =>
    run(
      text('正在打开审核意见…', 'Opening the reply…'),
      text('打开审核意见失败', 'Opening the reply failed'),
      async () => {
        if (!session || !projectId) return;
        const read = await pickThenRead(
          openProjectFile,
          (opened) => parseReviewReply(opened.text),
          (opened) =>
            text(`审核意见“${opened.fileName}”无法打开`, `The reply “${opened.fileName}” cannot be opened`),
          notify,
        );
        if (!read) return;
        const reply = read.value;
        const row = await store.versions.recordReply(projectId, reply);
        await reload();
        if (reply.decision === 'approved') {
          await session.idle();
          const approved = await versionDivision(row.number);
          const note = language === 'zh' ? `版本 ${row.number} 已备案` : `Version ${row.number} filed`;
          // Built on the document as it is now, and applied only if it still is (an edit saved while the
          // version was read would otherwise be undone by these whole grids).
          const base = session.getState().division;
          const outcome = await session.applyOn(base, filedStatusChange(base, approved, note));
          const date = reply.decidedAt.slice(0, 10);
          if (outcome === 'applied')
            notify(
              'info',
              text(`版本 ${row.number} 已备案（${date}）`, `Version ${row.number} filed (${date})`),
            );
          else
            notify(
              'error',
              text(
                `版本 ${row.number} 已备案（${date}），但网格状态未改为已备案`,
                `Version ${row.number} filed (${date}), but its grids were not marked filed`,
              ),
              [
                outcome === 'stale'
                  ? CHANGED_MEANWHILE.message
                  : (session.getState().failure?.message ??
                    text('保存失败，请重新打开审核意见。', 'The save failed: open the reply again.')),
              ],
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

  return { openReply, resolveComment, latestReply };
}
