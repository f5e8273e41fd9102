import { allocateCodes } from '../codes/allocate-codes';
import { codesEverUsed } from '../codes/code-lineage';
import { DEFAULT_MICROGRID_CODE_TEMPLATE } from '../codes/code-template';
import { parseNumberingTemplate, sequenceOfCode } from '../codes/numbering-template';
import type { NumberingTemplate } from '../codes/numbering-template';
import { orderNorthToSouth } from '../codes/order-north-to-south';
import type { AreaGeometry, Community, Division, Result } from '../model';
import { builtinRuleSet, ok } from '../model';
import type { GridCommandOptions } from './grid-command-context';

/** Options of the commands that give out micro-grid codes. */
export interface MicrogridCodeOptions extends GridCommandOptions {
  /** Micro-grid code template; default the rule set's, else `{grid}{seq3}`. */
  readonly microgridCodeTemplate?: string;
}

/** The micro-grid code template in force: the option, the rule set's, or the default. */
export function microgridTemplate(
  division: Division,
  options: MicrogridCodeOptions,
): Result<NumberingTemplate> {
  return parseNumberingTemplate(
    options.microgridCodeTemplate ??
      builtinRuleSet(division.meta.ruleSetId)?.microgridCodeTemplate ??
      DEFAULT_MICROGRID_CODE_TEMPLATE,
  );
}

/**
 * New codes for micro-grids of the grid coded `gridCode`, numbered north→south then west→east: after the
 * highest sequence ever used (current grids and micro-grids, the community's lineage, where micro-grid
 * codes are recorded like grid codes, and `taken`: codes this command already gave out). The codes given
 * out are added to `taken`.
 */
export function codesForNewMicrogrids(
  division: Division,
  community: Community,
  gridCode: string,
  geometries: readonly AreaGeometry[],
  taken: Set<string>,
  options: MicrogridCodeOptions,
): Result<string[]> {
  const template = microgridTemplate(division, options);
  if (!template.ok) return template;
  const used = codesEverUsed(division, [community]);
  for (const microgrid of division.microgrid.values()) used.add(microgrid.code);
  for (const code of taken) used.add(code);
  const allocated = allocateCodes(template.value, gridCode, used, geometries.length);
  if (!allocated.ok) return allocated;
  const codes: string[] = new Array<string>(geometries.length);
  orderNorthToSouth(geometries).forEach((index, rank) => (codes[index] = allocated.value[rank]!));
  for (const code of codes) taken.add(code);
  return ok(codes);
}

/** The name of a micro-grid with this code in a grid so named: 新民社区第3网格第2微网格. */
export function microgridName(
  division: Division,
  gridName: string,
  gridCode: string,
  code: string,
  options: MicrogridCodeOptions,
): string {
  const template = microgridTemplate(division, options);
  const sequence = template.ok ? sequenceOfCode(template.value, code, gridCode) : undefined;
  return `${gridName}第${sequence ?? code}微网格`;
}

/** An id for a new micro-grid that no micro-grid of the division has (nor one given out in this command). */
export function newMicrogridId(division: Division, code: string, taken: Set<string>): string {
  const base = `microgrid-${code}`;
  let id = base;
  for (let n = 2; division.microgrid.has(id) || taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}
