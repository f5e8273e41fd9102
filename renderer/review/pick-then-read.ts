import type { LocalText, Result } from '../../shared/model';
import type { Notify } from './review-types';

/**
 * The shape of every 打开… of the 审核 tab: ask for a file, read it, and when it is refused tell the
 * planner which file and why (each problem on its line). Resolves undefined when the planner cancelled
 * or the file was refused; nothing is changed then.
 */
export async function pickThenRead<P extends { readonly fileName: string }, T>(
  pick: () => Promise<P | null>,
  read: (picked: P) => Result<T>,
  refused: (picked: P) => LocalText,
  notify: Notify,
): Promise<{ readonly picked: P; readonly value: T } | undefined> {
  const picked = await pick();
  if (!picked) return undefined;
  const result = read(picked);
  if (!result.ok) {
    notify(
      'error',
      refused(picked),
      result.problems.map((p) => p.message),
    );
    return undefined;
  }
  return { picked, value: result.value };
}
