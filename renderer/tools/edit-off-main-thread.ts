import type { Change, Division, Problem, Result, RuleSet } from '../../shared/model';
import { fail, text } from '../../shared/model';
import type { SketchWorkerClient } from '../divide/sketch-worker-client';
import type { EditorSession } from '../editor/editor-session';
import type { EditCommand } from './edit-command';
import { runEditCommand } from './edit-command';
import { failedUnchanged } from '../workers/failed-unchanged';

/** What became of an edit command run by {@link editOffMainThread}. */
export type EditOutcome =
  /** Applied and stored; `base` is the document it was computed on. */
  | { readonly kind: 'applied'; readonly change: Change; readonly base: Division }
  /** The command refused it on the current document: nothing applied, here is why. */
  | { readonly kind: 'refused'; readonly problems: readonly Problem[] }
  /** The write failed: the session shows its message, the document is as before. */
  | { readonly kind: 'failed' }
  /** The document kept changing while the command was computed: nothing applied. */
  | { readonly kind: 'stale' };

/**
 * The command on the main thread. A kernel that throws (a geometry it cannot handle) becomes a refusal
 * that says so, nothing applied, instead of a rejected promise nobody shows.
 */
function runHere(base: Division, command: EditCommand): Result<Change> {
  try {
    return runEditCommand(base, command);
  } catch (error) {
    return fail({
      kind: 'unexpected',
      message: failedUnchanged(text('计算此编辑时出错', 'Computing this edit failed'), error),
    });
  }
}

/** How many times a command is computed again when the document changed while it was computed. */
export const EDIT_ATTEMPTS = 3;

/**
 * Runs an edit command (edit-command.ts: 拆分, 合并, 挖出专属网格, 填补空白, 画网格, 微网格) off the main
 * thread (issue 12): the sketch worker computes the Change on its copy of the session's document and
 * the session applies it only if its document is still that one (`EditorSession.applyOn`); if an edit landed in between (an undo, another
 * window's change), the command is computed again on the new document, at most {@link EDIT_ATTEMPTS}
 * times. Without a worker (none, failed, stopped) the same command runs here, on the main thread.
 */
export async function editOffMainThread(
  session: EditorSession,
  worker: SketchWorkerClient | null,
  ruleSet: RuleSet,
  command: EditCommand,
): Promise<EditOutcome> {
  for (let attempt = 0; attempt < EDIT_ATTEMPTS; attempt++) {
    const base = session.getState().division;
    const result = (await worker?.compute(base, ruleSet, command)) ?? runHere(base, command);
    if (!result.ok) {
      // A refusal is the planner's answer only if it was made on the document they see.
      if (session.getState().division === base) return { kind: 'refused', problems: result.problems };
      continue;
    }
    const outcome = await session.applyOn(base, result.value);
    if (outcome === 'applied') return { kind: 'applied', change: result.value, base };
    if (outcome === 'failed') return { kind: 'failed' };
  }
  return { kind: 'stale' };
}
