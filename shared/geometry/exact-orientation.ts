/**
 * Exact sign of the cross product u × v for integer vectors (lattice units): 1 when v turns
 * counter-clockwise from u, -1 clockwise, 0 when parallel.
 *
 * Products of lattice coordinates (up to ~3.6e11) exceed 2^53, so the floating-point determinant can
 * have the wrong sign when it is small. The filter below accepts the floating-point sign only when it is
 * larger than the worst rounding error; the rare rest is recomputed exactly with BigInt. Topology
 * (which side of an edge a vertex lies on) must never depend on rounding.
 */
export function crossSign(ux: number, uy: number, vx: number, vy: number): -1 | 0 | 1 {
  const left = ux * vy;
  const right = uy * vx;
  const det = left - right;
  // Each product and the difference are rounded once: error ≤ 3·2⁻⁵³·(|left| + |right|) < 4.5e-16·(...).
  const bound = (Math.abs(left) + Math.abs(right)) * 4.5e-16;
  if (det > bound) return 1;
  if (-det > bound) return -1;
  const exact = BigInt(ux) * BigInt(vy) - BigInt(uy) * BigInt(vx);
  return exact > 0n ? 1 : exact < 0n ? -1 : 0;
}

/**
 * Exact orientation of c relative to the directed line a→b (integer coordinates): 1 when c is to the
 * left, -1 to the right, 0 on the line. Differences of lattice coordinates are exact in floating point.
 */
export function orientation(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
): -1 | 0 | 1 {
  return crossSign(bx - ax, by - ay, cx - ax, cy - ay);
}
