import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Position } from 'geojson';
import { LineNetwork, tracePath } from '../../../shared/geometry/trace-line-network';
import { roundPosition, toDegrees, toUnits } from '../../../shared/geometry/lattice';
import { snapCoordinate } from '../../../shared/geometry/snap-coordinate';

const X = 104.75;
const Y = 29.36;
const STEP = 0.001;

/** A street grid of n×n blocks: horizontal and vertical lines with a vertex at every crossing. */
function streetGrid(n: number): Position[][] {
  const lines: Position[][] = [];
  for (let i = 0; i <= n; i++) {
    const row: Position[] = [];
    const column: Position[] = [];
    for (let j = 0; j <= n; j++) {
      row.push(roundPosition([X + j * STEP, Y + i * STEP]));
      column.push(roundPosition([X + i * STEP, Y + j * STEP]));
    }
    lines.push(row, column);
  }
  return lines;
}

function key(p: Position): string {
  return `${toUnits(p[0]!)},${toUnits(p[1]!)}`;
}

/** Every segment of the lines, both directions, as text. */
function segmentsOf(lines: readonly Position[][]): Set<string> {
  const set = new Set<string>();
  for (const line of lines)
    for (let i = 0; i + 1 < line.length; i++) {
      set.add(`${key(line[i]!)}>${key(line[i + 1]!)}`);
      set.add(`${key(line[i + 1]!)}>${key(line[i]!)}`);
    }
  return set;
}

describe('LineNetwork.path', () => {
  it('follows a winding street vertex for vertex between two of its vertices', () => {
    const street: Position[] = [
      [X, Y],
      [X + 0.0003, Y + 0.0001],
      [X + 0.0007, Y - 0.0002],
      [X + 0.0011, Y + 0.0004],
      [X + 0.0015, Y],
    ].map(roundPosition);
    const network = new LineNetwork([street]);
    expect(network.path(street[0]!, street[4]!)).toEqual(street);
    expect(network.path(street[3]!, street[1]!)).toEqual(street.slice(1, 4).reverse());
  });

  it('starts and ends inside edges where the clicks snapped, keeping the vertices between', () => {
    const street: Position[] = [
      [X, Y],
      [X + 0.001, Y + 0.0005],
      [X + 0.002, Y],
    ].map(roundPosition);
    const network = new LineNetwork([street]);
    const snap = (p: Position) => {
      const hit = snapCoordinate(p, [{ id: 's', geometry: { type: 'Polygon', coordinates: [street] } }], {
        toleranceM: 5,
      });
      if (hit.kind === 'none') throw new Error('no snap');
      return hit.position;
    };
    const a = snap([X + 0.0005, Y + 0.00026]);
    const b = snap([X + 0.0015, Y + 0.00024]);
    expect(network.path(a, b)).toEqual([a, street[1], b]);
    // Both on one edge: a straight step.
    const c = snap([X + 0.0002, Y + 0.0001]);
    expect(network.path(a, c)).toEqual([a, c]);
  });

  it('takes the shorter way round a block and gives up between unjoined lines or off the network', () => {
    const network = new LineNetwork(streetGrid(3));
    const from = roundPosition([X, Y]);
    const to = roundPosition([X + 3 * STEP, Y]);
    expect(network.path(from, to)).toEqual([0, 1, 2, 3].map((j) => roundPosition([X + j * STEP, Y])));
    const apart = new LineNetwork([
      [from, roundPosition([X + STEP, Y])],
      [roundPosition([X + 2 * STEP, Y]), to],
    ]);
    expect(apart.path(from, to)).toBeUndefined();
    expect(network.path(from, [X + 0.00055, Y + 0.00055])).toBeUndefined();
  });

  it('on any street grid, walks only along its segments and is never longer than a Manhattan path', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.tuple(fc.nat(6), fc.nat(6), fc.nat(6), fc.nat(6)),
        (n, [a, b, c, d]) => {
          const lines = streetGrid(n);
          const network = new LineNetwork(lines);
          const segments = segmentsOf(lines);
          const from = roundPosition([X + (a % (n + 1)) * STEP, Y + (b % (n + 1)) * STEP]);
          const to = roundPosition([X + (c % (n + 1)) * STEP, Y + (d % (n + 1)) * STEP]);
          const path = network.path(from, to)!;
          expect(path).toBeDefined();
          expect(path[0]).toEqual(from);
          expect(path[path.length - 1]).toEqual(to);
          if (key(from) === key(to)) return;
          for (let i = 0; i + 1 < path.length; i++) {
            expect(segments.has(`${key(path[i]!)}>${key(path[i + 1]!)}`)).toBe(true);
          }
          const steps = Math.abs((a % (n + 1)) - (c % (n + 1))) + Math.abs((b % (n + 1)) - (d % (n + 1)));
          expect(path.length - 1).toBe(steps);
        },
      ),
    );
  });

  it('on any polyline without repeated vertices, returns exactly the part between two vertices', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5000, max: 5000 }), { minLength: 2, maxLength: 40 }),
        fc.nat(),
        fc.nat(),
        (offsets, i, j) => {
          // x grows strictly, so no vertex repeats and no segment is shared.
          const line = offsets.map((dy, k) => [
            toDegrees(toUnits(X) + k * 7919),
            toDegrees(toUnits(Y) + dy * 1000),
          ]);
          const network = new LineNetwork([line]);
          const from = i % line.length;
          const to = j % line.length;
          const path = network.path(line[from]!, line[to]!)!;
          if (from === to) {
            expect(path).toEqual([line[from], line[to]]);
            return;
          }
          const expected = from < to ? line.slice(from, to + 1) : line.slice(to, from + 1).reverse();
          expect(path).toEqual(expected);
        },
      ),
    );
  });
});

describe('tracePath', () => {
  it('turns a drawn ring with corners on streets into one whose edges are the streets', () => {
    const lines = streetGrid(4);
    const network = new LineNetwork(lines);
    // Three clicks on the street grid plus one in a block; the ring is closed.
    const drawn: Position[] = [
      roundPosition([X, Y]),
      roundPosition([X + 2 * STEP, Y]),
      roundPosition([X + 2 * STEP, Y + 2 * STEP]),
      roundPosition([X + 0.00043, Y + 0.0015]),
      roundPosition([X, Y]),
    ];
    const traced = tracePath(drawn, network, true);
    expect(traced[0]).toEqual(traced[traced.length - 1]);
    expect(traced).toEqual(
      [
        [X, Y],
        [X + STEP, Y],
        [X + 2 * STEP, Y],
        [X + 2 * STEP, Y + STEP],
        [X + 2 * STEP, Y + 2 * STEP],
        [X + 0.00043, Y + 0.0015],
        [X, Y],
      ].map(roundPosition),
    );
  });

  it('leaves an open line alone when none of its steps has both ends on the network', () => {
    const network = new LineNetwork(streetGrid(2));
    const drawn: Position[] = [
      [X + 0.0005, Y + 0.0005],
      [X + 0.0015, Y + 0.0005],
    ];
    expect(tracePath(drawn, network, false)).toEqual(drawn);
  });
});
