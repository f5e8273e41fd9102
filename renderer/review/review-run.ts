import { useState } from 'react';
import type { LocalText, Problem } from '../../shared/model';
import { text } from '../../shared/model';
import type { Notify } from './review-types';

/** What the planner reads about an error thrown by an action: the store's problem, else a plain word. */
export function problemOf(error: unknown): LocalText {
  if (typeof error === 'object' && error !== null && 'problem' in error) {
    return (error as { problem: Problem }).problem.message;
  }
  return text('发生了意外错误。', 'Something unexpected went wrong.');
}

/**
 * Runs one action of the 审核 tab: `label` shows while it runs (the tab's busy line), a thrown error is
 * told under `title`. Resolves whether it ran to the end.
 */
export type ReviewRun = (label: LocalText, title: LocalText, task: () => Promise<void>) => Promise<boolean>;

/** The busy line of the 审核 tab and the runner of its actions. */
export function useReviewRun(notify: Notify): { readonly busy: LocalText | null; readonly run: ReviewRun } {
  const [busy, setBusy] = useState<LocalText | null>(null);
  const run: ReviewRun = async (label, title, task) => {
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
  return { busy, run };
}
