import type { EditPersistence } from '../editor/editor-session';
import type { LocalText } from '../../shared/model';
import { text } from '../../shared/model';

/** Why an edit of a read-only view was refused, as the session's failure shows it. */
export class ReadOnlyError extends Error {
  readonly problem: { readonly kind: 'read-only'; readonly message: LocalText };

  constructor(message: LocalText) {
    super(message.en);
    this.problem = { kind: 'read-only', message };
  }
}

/**
 * The persistence of a read-only session (a frozen version, or a filing package under review): every
 * write is refused with a message that says why, so even an edit that slips past the disabled tools never
 * changes anything and the planner reads the reason instead.
 */
export function readOnlyPersistence(what: LocalText): EditPersistence {
  return {
    commit: () =>
      Promise.reject(
        new ReadOnlyError(
          text(`${what.zh}是只读的，不能修改。`, `${what.en} is read-only and cannot be changed.`),
        ),
      ),
  };
}
