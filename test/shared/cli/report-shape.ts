import { expect } from 'vitest';
import { RULES } from '../../../shared/validate/validation-issue';

/** Checks a parsed JSON report against the interchange contract (../shared/spec/interchange.md). */
export function expectInterchangeReport(value: unknown): void {
  const report = value as Record<string, unknown>;
  expect(typeof report.ruleSet).toBe('string');
  expect(Array.isArray(report.grids)).toBe(true);
  for (const grid of report.grids as Record<string, unknown>[]) {
    for (const key of ['code', 'name', 'parentCode']) expect(typeof grid[key]).toBe('string');
    expect([null, 'urban', 'rural', 'exclusive']).toContain(grid.gridType);
    for (const key of ['households', 'population', 'areaM2']) expect(typeof grid[key]).toBe('number');
    expect(['ok', 'under', 'over', 'none']).toContain(grid.target);
  }
  expect(Array.isArray(report.issues)).toBe(true);
  for (const issue of report.issues as Record<string, unknown>[]) {
    expect(RULES).toContain(issue.rule);
    expect(['error', 'warning']).toContain(issue.severity);
    expect(Array.isArray(issue.codes)).toBe(true);
    for (const code of issue.codes as unknown[]) expect(typeof code).toBe('string');
    if ('parentCode' in issue) expect(typeof issue.parentCode).toBe('string');
    if ('areaM2' in issue) expect(typeof issue.areaM2).toBe('number');
    const at = issue.at as unknown[];
    expect(at).toHaveLength(2);
    for (const n of at) expect(Number.isFinite(n)).toBe(true);
    expect(typeof issue.message).toBe('string');
  }
  const summary = report.summary as Record<string, unknown>;
  const issues = report.issues as { severity: string }[];
  expect(summary.grids).toBe((report.grids as unknown[]).length);
  expect(summary.errors).toBe(issues.filter((issue) => issue.severity === 'error').length);
  expect(summary.warnings).toBe(issues.filter((issue) => issue.severity === 'warning').length);
}
