import { useCallback, useState } from 'react';
import type { LocalText } from '../../shared/model';
import { errorDetail, text } from '../../shared/model';

/** A message box over the map: the outcome of an import, an export or a refused edit. */
export interface Notice {
  readonly kind: 'info' | 'error';
  readonly title: string;
  readonly lines: readonly LocalText[] | readonly string[];
}

/** A question to the planner: a name to type, or a yes/no before something that cannot be undone. */
export type Prompt =
  | {
      readonly kind: 'name';
      readonly title: string;
      readonly initial: string;
      readonly then: (name: string) => void;
    }
  | {
      readonly kind: 'confirm';
      readonly message: string;
      readonly confirmLabel: string;
      readonly then: () => void;
    };

/** The notice box and the small prompts (name, confirm), with the one way errors become notices. */
export interface Notices {
  readonly notice: Notice | null;
  readonly notify: (notice: Notice | null) => void;
  /** Shows an error's bilingual `problem` when it has one (the store's errors do), else its text. */
  readonly reportError: (title: string, error: unknown) => void;
  readonly prompt: Prompt | null;
  readonly ask: (prompt: Prompt | null) => void;
}

/** State of the notice box and of the open prompt. */
export function useNotices(): Notices {
  const [notice, notify] = useState<Notice | null>(null);
  const [prompt, ask] = useState<Prompt | null>(null);
  const reportError = useCallback((title: string, error: unknown) => {
    const problem =
      typeof error === 'object' && error !== null && 'problem' in error
        ? (error as { problem: { message: LocalText } }).problem
        : null;
    // Anything else is a fault, not the planner's: said in both languages, with the error's own words.
    const detail = errorDetail(error);
    const unexpected = text(`发生了意外错误（${detail}）。`, `Something unexpected went wrong (${detail}).`);
    notify({ kind: 'error', title, lines: [problem ? problem.message : unexpected] });
  }, []);
  return { notice, notify, reportError, prompt, ask };
}
