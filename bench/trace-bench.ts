// `node --import tsx bench/trace-bench.ts` — tracing (追踪) and reference snapping speed, each against a
// naive baseline measured in the same run. Figures go to docs/benchmarks.md.
//
//   network: a street grid of 120 × 120 streets with a vertex every ~25 m (about 115,000 segments)
//   trace:   shortest path between random street vertices with LineNetwork (binary heap) vs a Dijkstra
//            that scans every node for the next one (what a first implementation does)
//   snap:    one pointer position against 100,000 building outlines through visibleReferenceLines
//            (box pre-filter) vs snapCoordinate over every outline
import type { Feature, Position } from 'geojson';
import { roundPosition } from '../shared/geometry/lattice';
import { metresPerDegree } from '../shared/geometry/metres-per-degree';
import { snapCoordinate } from '../shared/geometry/snap-coordinate';
import { LineNetwork } from '../shared/geometry/trace-line-network';
import type { ReferenceGeometry, ReferenceLayer } from '../shared/model';
import { visibleReferenceLines } from '../shared/geometry/reference-lines';

const X = 104.7;
const Y = 29.3;
const STREETS = 120;
const SUBDIVIDE = 8;
const STEP = 0.002;

function streetGrid(): Position[][] {
  const lines: Position[][] = [];
  for (let i = 0; i < STREETS; i++) {
    const row: Position[] = [];
    const column: Position[] = [];
    for (let j = 0; j < (STREETS - 1) * SUBDIVIDE + 1; j++) {
      const t = (j / SUBDIVIDE) * STEP;
      row.push(roundPosition([X + t, Y + i * STEP]));
      column.push(roundPosition([X + i * STEP, Y + t]));
    }
    lines.push(row, column);
  }
  return lines;
}

let seed = 7;
const random = (): number => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;

/** Dijkstra scanning all nodes for the minimum: O(V²), the baseline. */
function naivePathLength(lines: Position[][], from: Position, to: Position): number {
  const ids = new Map<string, number>();
  const xs: number[] = [];
  const ys: number[] = [];
  const adjacency: [number, number][][] = [];
  const scale = metresPerDegree(Y);
  const node = (p: Position): number => {
    const key = `${p[0]},${p[1]}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = xs.length;
      ids.set(key, id);
      xs.push(p[0]!);
      ys.push(p[1]!);
      adjacency.push([]);
    }
    return id;
  };
  for (const line of lines)
    for (let i = 0; i + 1 < line.length; i++) {
      const a = node(line[i]!);
      const b = node(line[i + 1]!);
      const d = Math.hypot((xs[b]! - xs[a]!) * scale.lon, (ys[b]! - ys[a]!) * scale.lat);
      adjacency[a]!.push([b, d]);
      adjacency[b]!.push([a, d]);
    }
  const n = xs.length;
  const cost = new Float64Array(n).fill(Infinity);
  const done = new Uint8Array(n);
  const start = node(from);
  const goal = node(to);
  cost[start] = 0;
  for (;;) {
    let best = -1;
    for (let v = 0; v < n; v++)
      if (!done[v] && cost[v]! < Infinity && (best < 0 || cost[v]! < cost[best]!)) best = v;
    if (best < 0 || best === goal) break;
    done[best] = 1;
    for (const [w, d] of adjacency[best]!) if (cost[best]! + d < cost[w]!) cost[w] = cost[best]! + d;
  }
  return cost[goal]!;
}

function time<T>(run: () => T): [T, number] {
  const start = performance.now();
  const value = run();
  return [value, performance.now() - start];
}

const lines = streetGrid();
const segments = lines.reduce((n, l) => n + l.length - 1, 0);
const [network, buildMs] = time(() => new LineNetwork(lines));
const vertex = (): Position => {
  const line = lines[Math.floor(random() * lines.length)]!;
  return line[Math.floor(random() * line.length)]!;
};
const pairs = Array.from({ length: 20 }, () => [vertex(), vertex()] as const);
const [, pathMs] = time(() => pairs.forEach(([a, b]) => network.path(a, b)));
// The baseline is slow: one pair (the first), and the two must agree on its length.
const [naiveLength, naiveMs] = time(() => naivePathLength(lines, pairs[0]![0], pairs[0]![1]));
const path = network.path(pairs[0]![0], pairs[0]![1])!;
const scale = metresPerDegree(Y);
const pathLength = path
  .slice(1)
  .reduce(
    (sum, p, i) => sum + Math.hypot((p[0]! - path[i]![0]!) * scale.lon, (p[1]! - path[i]![1]!) * scale.lat),
    0,
  );

// 100,000 building outlines (10 m squares) over the same area.
const buildings: Feature<ReferenceGeometry>[] = Array.from({ length: 100_000 }, () => {
  const x = X + random() * STREETS * STEP;
  const y = Y + random() * STREETS * STEP;
  const s = 0.0001;
  return {
    type: 'Feature',
    properties: {},
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [x, y],
          [x + s, y],
          [x + s, y + s],
          [x, y + s],
          [x, y],
        ],
      ],
    },
  };
});
const layer: ReferenceLayer = { id: 'b', name: '建筑', role: 'building', visible: true, features: buildings };
visibleReferenceLines([layer], [X, Y, X, Y], 0); // build the per-layer boxes once, as the first move does
const pointers = Array.from({ length: 200 }, (): Position => [
  X + random() * STREETS * STEP,
  Y + random() * STREETS * STEP,
]);
const tolerance = 0.00012;
const [, snapMs] = time(() =>
  pointers.forEach((p) =>
    snapCoordinate(p, visibleReferenceLines([layer], [p[0]!, p[1]!, p[0]!, p[1]!], tolerance), {
      toleranceDeg: tolerance,
    }),
  ),
);
const all = visibleReferenceLines([layer], [X, Y, X + 1, Y + 1], 1);
const [, naiveSnapMs] = time(() =>
  pointers.slice(0, 20).forEach((p) => snapCoordinate(p, all, { toleranceDeg: tolerance })),
);

console.log(
  `network: ${segments.toLocaleString()} segments, ${network.nodeCount.toLocaleString()} vertices, built in ${buildMs.toFixed(0)} ms`,
);
console.log(
  `trace: ${(pathMs / pairs.length).toFixed(1)} ms per path (LineNetwork) vs ${naiveMs.toFixed(0)} ms (O(V²) baseline): ${(naiveMs / (pathMs / pairs.length)).toFixed(0)}× faster; lengths ${pathLength.toFixed(1)} m vs ${naiveLength.toFixed(1)} m`,
);
console.log(
  `snap among 100,000 outlines: ${(snapMs / pointers.length).toFixed(2)} ms per pointer move vs ${(naiveSnapMs / 20).toFixed(1)} ms over every outline: ${(naiveSnapMs / 20 / (snapMs / pointers.length)).toFixed(0)}×`,
);
