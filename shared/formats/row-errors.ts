import type { RowError } from './import-layer';

/**
 * How many row errors an import keeps to list: the planner reads the first ones, and a 256 MB table of
 * bad rows (18 million) kept one object each, gigabytes, before it said anything.
 */
export const MAX_KEPT_ROW_ERRORS = 1_000;

/** The row errors of an import as it reads: the first {@link MAX_KEPT_ROW_ERRORS} kept, all counted. */
export class RowErrors {
  readonly kept: RowError[] = [];
  count = 0;

  add(error: RowError): void {
    this.count++;
    if (this.kept.length < MAX_KEPT_ROW_ERRORS) this.kept.push(error);
  }
}
