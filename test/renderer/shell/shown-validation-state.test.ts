import { describe, expect, it } from 'vitest';
import { shownValidationState } from '../../../renderer/shell/use-validation-wiring';
import type { ValidationState } from '../../../renderer/validation/validation-client';
import type { ValidationIssue } from '../../../shared/validate';

/** The worker's answer about the previous document: one error, checked, counted. */
const previous = {
  issues: [{ key: 'overlap:g1:g2', severity: 'error' } as unknown as ValidationIssue],
  gridCounts: new Map([['g1', { households: 300, population: 900, points: 12 }]]),
  counts: null,
  countedDivision: null,
  awaitedReset: null,
  running: false,
  checked: true,
  lastDurationMs: 812,
  lastFull: true,
  failure: null,
  retrying: null,
} satisfies ValidationState;

describe('the validation state the window shows', () => {
  it('is the worker’s once the shown session has been sent', () => {
    expect(shownValidationState(previous, false)).toBe(previous);
  });

  it('shows no issue of another document while the shown session’s check waits', () => {
    const shown = shownValidationState(previous, true);
    expect(shown.issues).toEqual([]);
    expect(shown.checked).toBe(false);
    expect(shown.gridCounts).toBeNull();
    expect(shown.running).toBe(true);
    // What says how the conversation stands is kept.
    expect(shown.lastDurationMs).toBe(812);
    expect(shown.failure).toBeNull();
  });
});
