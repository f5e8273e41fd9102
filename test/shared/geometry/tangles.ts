import type { Polygon, Position } from 'geojson';

/**
 * A star of `n` points drawn in one ring, each vertex joined to the one `n / 2` along: every edge crosses
 * most of the others (a 401-point star crosses itself about 40,000 times). The tangle that made sweeps and
 * overlays grow with the square of the vertices.
 */
export function star(cx: number, cy: number, radius: number, n: number): Polygon {
  const step = Math.floor(n / 2);
  const ring: Position[] = [];
  for (let i = 0; i < n; i++) {
    const angle = (2 * Math.PI * ((i * step) % n)) / n;
    ring.push([cx + radius * Math.cos(angle), cy + radius * Math.sin(angle)]);
  }
  return { type: 'Polygon', coordinates: [[...ring, ring[0]!]] };
}
