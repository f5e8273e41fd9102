import type { Division, LineageRecord } from '../model';

function recordKey(record: LineageRecord): string {
  return JSON.stringify([record.code, [...record.from], record.operation, record.at]);
}

/**
 * The lineage records (编码沿革) of `after`'s communities that `before`'s communities do not have: what
 * was done to codes since `before`, when `after` is a later version of the same division. Records are
 * compared whole (code, from, operation, time), so a file edited elsewhere with its own history simply
 * shares fewer records. Oldest first within each community.
 */
export function lineageSince(before: Division, after: Division): LineageRecord[] {
  const known = new Set<string>();
  for (const community of before.community.values()) {
    for (const record of community.lineage ?? []) known.add(recordKey(record));
  }
  const fresh: LineageRecord[] = [];
  for (const community of after.community.values()) {
    for (const record of community.lineage ?? []) {
      if (!known.has(recordKey(record))) fresh.push(record);
    }
  }
  return fresh;
}
