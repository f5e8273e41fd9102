/** How deep properties may nest: far beyond real data, far below what recursive writers survive. */
export const MAX_PROPERTY_DEPTH = 64;

/**
 * True when a parsed JSON value nests arrays/objects deeper than `limit`. Iterative, so a hostile value
 * nested a million levels deep is measured without overflowing the stack; JSON.stringify (recursive)
 * would overflow writing it back, so such values are refused when read.
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= limit) return true;
    const children = Array.isArray(current) ? current : Object.values(current as Record<string, unknown>);
    for (const child of children) {
      if (typeof child === 'object' && child !== null) stack.push({ value: child, depth: depth + 1 });
    }
  }
  return false;
}
