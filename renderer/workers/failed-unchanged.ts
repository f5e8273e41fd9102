import type { LocalText } from '../../shared/model';
import { errorDetail, text } from '../../shared/model';

/**
 * The message of work off the main thread that threw or whose worker died (import, automatic division,
 * printing): what failed, the error's own words, and that the project is as it was. Those workers only
 * compute; what they make is written by the window afterwards, so a failure never leaves half a change.
 */
export function failedUnchanged(what: LocalText, error: unknown): LocalText {
  const detail = errorDetail(error);
  return text(
    `${what.zh}（${detail}）。项目未作任何更改。`,
    `${what.en} (${detail}). The project was not changed.`,
  );
}
