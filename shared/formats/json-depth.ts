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

/**
 * True when a parsed JSON value holds a number JSON.parse read as ±Infinity (1e999): kept as it came,
 * it would be written back as null. Iterative, like {@link nestsDeeperThan}.
 */
export function holdsInfinity(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (typeof current === 'number') {
      if (!Number.isFinite(current)) return true;
    } else if (typeof current === 'object' && current !== null) {
      for (const child of Array.isArray(current) ? current : Object.values(current)) stack.push(child);
    }
  }
  return false;
}
