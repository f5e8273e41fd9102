/**
 * Appends `items` to `target` one by one. `target.push(...items)` passes every item as an argument on
 * the stack and throws RangeError (Maximum call stack size exceeded) past some 100,000 items: a file
 * with 500 copies of one grid made 125,000 overlap issues and crashed `gridplan validate`.
 */
export function appendAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}
