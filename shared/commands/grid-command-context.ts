import { allocateCodes } from '../codes/allocate-codes';
import { codesEverUsed, lineageRecord, withLineage } from '../codes/code-lineage';
import { DEFAULT_GRID_CODE_TEMPLATE } from '../codes/code-template';
import { hasParentToken, parseNumberingTemplate, sequenceOfCode } from '../codes/numbering-template';
import { orderNorthToSouth } from '../codes/order-north-to-south';
import type {
  AreaGeometry,
  Community,
  Division,
  Grid,
  LineageOperation,
  LineageRecord,
  Problem,
  Result,
} from '../model';
import { builtinRuleSet, fail, ok, text } from '../model';
import { preparePolygon } from '../geometry/prepared-polygon';
import type { AreaInput } from '../geometry/trace-existing';

/**
 * Options every grid command takes. Commands live in shared/geometry next to the operations they wrap
 * (`*-command.ts`): each turns one planner action into one Change for the editor's history.
 */
export interface GridCommandOptions {
  /** When the edit happens, for lineage (ISO 8601). Default: now. */
  readonly at?: string;
  /** Grid code template; default the division's rule set's, else `{community}{seq3}`. */
  readonly gridCodeTemplate?: string;
  /** Id for a new grid with this code; default `grid-<code>` (suffixed when taken). */
  readonly newId?: (code: string) => string;
  /**
   * How new, split and merged grids are named: `{community}` (the community's name), `{seq}` (the grid's
   * sequence in its code, without leading zeros) and `{code}`. Default {@link DEFAULT_GRID_NAME_TEMPLATE}.
   */
  readonly gridNameTemplate?: string;
}

/** The default naming template: 新民社区第3网格. */
export const DEFAULT_GRID_NAME_TEMPLATE = '{community}第{seq}网格';

/** The community a grid belongs to (by its 12-digit code), or a refusal the planner can act on. */
export function communityOfGrid(division: Division, grid: Grid): Result<Community> {
  for (const community of division.community.values())
    if (community.code === grid.parentCode) return ok(community);
  return fail({
    kind: 'missing-community',
    message: text(
      `找不到网格（${grid.code}）所属的社区/行政村（编码 ${grid.parentCode || '空'}），无法编号和记录编码沿革：请先修正所属社区编码。`,
      `The community of grid ${grid.code} (code ${grid.parentCode || 'empty'}) does not exist, so codes cannot be given out or recorded: correct the grid's community code first.`,
    ),
  });
}

/** A grid by id, or a refusal. */
export function gridById(division: Division, id: string): Result<Grid> {
  const grid = division.grid.get(id);
  if (grid) return ok(grid);
  return fail({
    kind: 'missing-grid',
    message: text(
      `找不到网格（${id}），它可能已被删除。`,
      `Grid ${id} does not exist; it may have been deleted.`,
    ),
  });
}

/** A community by id, or a refusal. */
export function communityById(division: Division, id: string): Result<Community> {
  const community = division.community.get(id);
  if (community) return ok(community);
  return fail({
    kind: 'missing-community',
    message: text(`找不到社区/行政村（${id}）。`, `Community ${id} does not exist.`),
  });
}

/** Grids whose bounding box comes within `marginDeg` of the geometry's, except the ids in `except`. */
export function gridsNear(
  division: Division,
  geometry: AreaGeometry,
  except: ReadonlySet<string> = new Set(),
  marginDeg = 1e-7,
): Grid[] {
  const box = preparePolygon(geometry);
  const near: Grid[] = [];
  if (box.empty) return near;
  for (const grid of division.grid.values()) {
    if (except.has(grid.id)) continue;
    const other = preparePolygon(grid.geometry);
    if (
      !other.empty &&
      other.minX <= box.maxX + marginDeg &&
      other.maxX >= box.minX - marginDeg &&
      other.minY <= box.maxY + marginDeg &&
      other.maxY >= box.minY - marginDeg
    )
      near.push(grid);
  }
  return near;
}

/** A grid as an operation input, named by its code in messages. */
export function areaInput(grid: Grid): AreaInput {
  return { id: grid.id, geometry: grid.geometry, label: grid.code };
}

/** The grid code template in force: the option, the rule set's, or the default. */
export function gridTemplateSource(division: Division, options: GridCommandOptions): string {
  return (
    options.gridCodeTemplate ??
    builtinRuleSet(division.meta.ruleSetId)?.gridCodeTemplate ??
    DEFAULT_GRID_CODE_TEMPLATE
  );
}

/**
 * The name of a grid with this code by the naming template (default 光明社区第12网格, the sequence of
 * its code, like the demo's). Split and merged grids are named this way too, so a name never grows with
 * every edit. A code the grid code template cannot read (no sequence) gives 光明社区网格<code>.
 */
export function defaultGridName(
  division: Division,
  community: Community,
  code: string,
  options: GridCommandOptions,
): string {
  const template = parseNumberingTemplate(gridTemplateSource(division, options));
  const sequence = template.ok ? sequenceOfCode(template.value, code, community.code) : undefined;
  if (sequence === undefined) return `${community.name}网格${code}`;
  const names: Record<string, string> = {
    community: community.name,
    seq: String(sequence),
    code,
  };
  // One pass, so a community name that itself contains "{seq}" is not substituted again.
  return (options.gridNameTemplate ?? DEFAULT_GRID_NAME_TEMPLATE).replace(
    /\{(community|seq|code)\}/g,
    (_, token: string) => names[token]!,
  );
}

/** New codes for new grids of a community, numbered north→south then west→east. */
export function codesForNewGrids(
  division: Division,
  community: Community,
  geometries: readonly AreaGeometry[],
  options: GridCommandOptions,
): Result<string[]> {
  const template = parseNumberingTemplate(gridTemplateSource(division, options));
  if (!template.ok) return template;
  // A template without the community's code numbers across communities: all lineages count.
  const lineages = hasParentToken(template.value) ? [community] : [...division.community.values()];
  const used = codesEverUsed(division, lineages);
  const allocated = allocateCodes(template.value, community.code, used, geometries.length);
  if (!allocated.ok) return allocated;
  const codes: string[] = new Array<string>(geometries.length);
  orderNorthToSouth(geometries).forEach((index, rank) => (codes[index] = allocated.value[rank]!));
  return ok(codes);
}

/** An id for a new grid that no grid of the division has (and none given out in this command). */
export function newGridId(
  division: Division,
  code: string,
  taken: Set<string>,
  options: GridCommandOptions,
): string {
  const base = options.newId ? options.newId(code) : `grid-${code}`;
  let id = base;
  for (let n = 2; division.grid.has(id) || taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/** The time of the edit for lineage. */
export function editTime(options: GridCommandOptions): string {
  return options.at ?? new Date().toISOString();
}

/** Builds a lineage record for this command's time. */
export function record(
  code: string,
  from: readonly string[],
  operation: LineageOperation,
  options: GridCommandOptions,
): LineageRecord {
  return lineageRecord(code, from, operation, editTime(options));
}

/** The community with the records appended (unchanged when there are none). */
export { withLineage };

/**
 * A grid made from another: attributes copied (name, type, category, staff, note, extra), with the given
 * id, code and geometry. Not copied: the written justification of a household count (it was about the old
 * grid's households), and the filing status: a new code has not been filed, so it is a draft.
 */
export function derivedGrid(
  from: Grid,
  id: string,
  code: string,
  geometry: AreaGeometry,
  name: string = from.name,
): Grid {
  const { justification: _dropped, ...rest } = from;
  return {
    ...rest,
    id,
    code,
    name,
    geometry,
    ...(from.status !== undefined ? { status: 'draft' as const } : {}),
  };
}

/** A refusal problem with a kind and bilingual message. */
export function problem(kind: string, zh: string, en: string): Problem {
  return { kind, message: text(zh, en) };
}
