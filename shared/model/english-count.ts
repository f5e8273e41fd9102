/**
 * A count and an English noun that agrees with it: `1 row`, `2 rows`, `0 grids`. Chinese messages need no
 * such care (行, 个网格). `plural` defaults to the noun with an `s`.
 */
export function englishCount(count: number, noun: string, plural = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : plural}`;
}
