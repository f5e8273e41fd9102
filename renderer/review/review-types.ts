import type { DivisionDiff } from '../../shared/diff';
import type { FilingPdfMakers } from '../../shared/cli/build-filing-package';
import type { Division, Language, LocalText, RuleSet } from '../../shared/model';
import type { EditorSession } from '../editor/editor-session';
import type { ProjectStore } from '../storage/project-store';

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

/** Shows a message: an error with its problems, or information. */
export type Notify = (kind: 'info' | 'error', title: LocalText, lines?: readonly LocalText[]) => void;

export interface ReviewDeps {
  readonly store: ProjectStore;
  /** The planner's working session (or the review project's session). */
  readonly session: EditorSession | null;
  /**
   * The project open, known while its census points are still read (`session` is null then): whether it
   * is a package under review (read-only) is read at once, before anything in it can be edited.
   */
  readonly openedProjectId?: string | null;
  readonly ruleSet: RuleSet;
  readonly language: Language;
  /** Opens a project (after a restore, or a package opened as a new project) and refreshes the list. */
  readonly openProject: (projectId: string) => Promise<void>;
  /** Shows a message: an error with its problems, or information. */
  readonly notify: Notify;
  /** The PDFs of a filing package (shared/report). */
  readonly pdfs: FilingPdfMakers;
}
