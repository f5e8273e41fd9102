import type { Severity } from '../model';
import type { Layer, LocalText } from '../model';

/** Rule names of the interchange report (../shared/spec/interchange.md), in report order. */
export const RULES = [
  'invalid-geometry',
  'multipart',
  'overlap',
  'gap',
  'outside-parent',
  'too-complex',
  'duplicate-code',
  'bad-code',
  'missing-parent',
  'missing-attribute',
  'household-over',
  'household-under',
  'unassigned-point',
] as const;
export type RuleName = (typeof RULES)[number];

export type { Severity } from '../model';

/**
 * One problem found by validation, as the app and the report writers use it. The interchange report
 * (`ReportIssue`) is this with the message in one language and without ids.
 */
export interface ValidationIssue {
  /**
   * Identifies the problem across re-validations: the same overlap between the same two grids keeps
   * its key while its area changes, so the issues panel can keep a selection.
   */
  readonly key: string;
  readonly rule: RuleName;
  readonly severity: Severity;
  /** Layer of the entities concerned (census for unassigned points). */
  readonly layer: Layer;
  /** Ids of the entities concerned, in the order of `codes`. */
  readonly ids: readonly string[];
  /** Codes of the entities concerned (two for an overlap; empty for a census point). */
  readonly codes: readonly string[];
  /** Code of the parent the issue is about (the village of a gap, the parent left by a grid). */
  readonly parentCode?: string;
  /** Area in m² of the problem (overlap, gap, part outside the parent). */
  readonly areaM2?: number;
  /** Where to look, [longitude, latitude]. */
  readonly at: readonly [number, number];
  readonly message: LocalText;
  /** An out-of-range household count with a written justification: an accepted exception. */
  readonly accepted?: boolean;
  readonly justification?: string;
  /** Census points the issue sums up (unassigned points are reported per community, not one by one). */
  readonly points?: number;
  /** Households of those census points. */
  readonly households?: number;
  /** Population of those census points. */
  readonly population?: number;
}
