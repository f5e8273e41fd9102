import type { Grid, MicroGrid } from '../model';

// The properties a reviewer reads, as the interchange profile names them. Geometry, id and layer are not
// attributes; `code` is compared by the caller (a grid matched by code has the same code).
const GRID_FIELDS = [
  'name',
  'parentCode',
  'gridType',
  'exclusiveCategory',
  'staff',
  'note',
  'justification',
  'status',
  'locked',
] as const;
const MICROGRID_FIELDS = ['name', 'parentCode', 'staff', 'note'] as const;

/** Equality of plain JSON-like values (strings, numbers, arrays, objects), key order ignored. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const key of keys) if (!sameValue(ra[key], rb[key])) return false;
  return true;
}

/**
 * Names of the properties that differ between two versions of a grid or micro-grid, sorted: the known
 * ones (`name`, `staff`, `gridType`, `note`, `status`, `exclusiveCategory`, `parentCode`, `justification`,
 * `locked`, and `code` when the codes differ) and unknown properties by their own name. An absent
 * property and `undefined` are the same.
 */
export function changedFields(before: Grid | MicroGrid, after: Grid | MicroGrid): string[] {
  const fields = new Set<string>();
  if (before.code !== after.code) fields.add('code');
  const known: readonly string[] = after.layer === 'grid' ? GRID_FIELDS : MICROGRID_FIELDS;
  const b = before as unknown as Record<string, unknown>;
  const a = after as unknown as Record<string, unknown>;
  for (const field of known) if (!sameValue(b[field], a[field])) fields.add(field);
  const extraKeys = new Set([...Object.keys(before.extra), ...Object.keys(after.extra)]);
  for (const key of extraKeys) if (!sameValue(before.extra[key], after.extra[key])) fields.add(key);
  return [...fields].sort();
}
