import type { Community, Division, LineageOperation, LineageRecord } from '../model';

/**
 * Every code ever used that may collide with a new code: codes of all current grids, and every code in
 * the lineage of the given communities (records' own codes and the codes they came from, so retired
 * codes count).
 */
export function codesEverUsed(division: Division, communities: Iterable<Community>): Set<string> {
  const used = new Set<string>();
  for (const grid of division.grid.values()) used.add(grid.code);
  for (const community of communities) {
    for (const record of community.lineage ?? []) {
      used.add(record.code);
      for (const code of record.from) used.add(code);
    }
  }
  return used;
}

/** A lineage record. */
export function lineageRecord(
  code: string,
  from: readonly string[],
  operation: LineageOperation,
  at: string,
): LineageRecord {
  return { code, from: [...from], operation, at };
}

/** The community with records appended to its lineage (a new object; the input is not changed). */
export function withLineage(community: Community, records: readonly LineageRecord[]): Community {
  if (records.length === 0) return community;
  return { ...community, lineage: [...(community.lineage ?? []), ...records] };
}

/**
 * The events about one code (where it came from, what came from it), oldest first, each listed once.
 * One edit writes a record per resulting code (a split keeping its code writes `A ← A` and `B ← A`), so
 * records of the same operation, time and sources are one event: the record about the code itself is
 * shown when there is one, else the first.
 */
export function lineageOfCode(community: Community, code: string): LineageRecord[] {
  const events = new Map<string, LineageRecord>();
  for (const record of community.lineage ?? []) {
    if (record.code !== code && !record.from.includes(code)) continue;
    const key = JSON.stringify([record.operation, record.at, [...record.from].sort()]);
    const seen = events.get(key);
    if (seen === undefined || (seen.code !== code && record.code === code)) events.set(key, record);
  }
  return [...events.values()];
}

/**
 * How an event of {@link lineageOfCode} reads from the side of `code`: the codes it came from (`←`), or,
 * for an event about another code that came from this one (a micro-grid made in a grid, a grid split
 * off), that code (`→`). Without the direction, a micro-grid drawn in a grid read on the grid as "新建 ←
 * the grid's own code": the grid made from itself.
 */
export function lineageSide(
  record: LineageRecord,
  code: string,
): { readonly arrow: '←' | '→'; readonly codes: readonly string[] } {
  return record.code === code ? { arrow: '←', codes: record.from } : { arrow: '→', codes: [record.code] };
}
