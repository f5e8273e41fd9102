import { describe, expect, it } from 'vitest';
import { toUnits } from '../../../shared/geometry/lattice';
import { buildOverlay } from '../../../shared/geometry/planar-overlay';

describe('buildOverlay noding', () => {
  it('settles when two cuts end a hair past a long, nearly straight street', () => {
    // Found dividing a 90,000-household township: each cut's end crosses the street within the snap
    // distance of the other's crossing, and noding used to hand the street's segment back and forth
    // between the two crossing vertices (2e-9° apart) until it gave up.
    const result = buildOverlay({
      polygons: [],
      lines: [
        [
          [104.769691098, 29.374243981],
          [104.826940847, 29.374247629],
        ],
        [
          [104.782742841, 29.371959128510152],
          [104.782742841, 29.37424481596295],
        ],
        [
          [104.782771102, 29.374244811771725],
          [104.782771102, 29.376087604],
        ],
      ],
    });
    expect(result.ok).toBe(true);
  });

  it('cuts a segment at a vertex made exactly on it next to its end, so the region stays whole', () => {
    // Four nearly parallel guide lines across a 1 km community (found dividing with 600 guide lines):
    // two crossings rounded onto the lattice land 2e-9° apart, one of them exactly on a segment that
    // ends at the other. Left uncut, that segment and the edge from its end to the vertex ran in one
    // direction, and a 29 m² face of the community was taken for outside it.
    const [west, south, east, north] = [104.75, 29.36, 104.760319917, 29.3690212];
    const square = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [west, south],
          [east, south],
          [east, north],
          [west, north],
          [west, south],
        ],
      ],
    };
    const result = buildOverlay({
      polygons: [{ geometry: square, role: 'fixed' }],
      lines: [
        [
          [104.75551204, 29.35954894],
          [104.75910562, 29.36947226],
        ],
        [
          [104.75569159, 29.35954894],
          [104.75571469, 29.36947226],
        ],
        [
          [104.75566659, 29.35954894],
          [104.756186845, 29.36947226],
        ],
        [
          [104.755676794, 29.35954894],
          [104.756558504, 29.36947226],
        ],
      ],
    });
    if (!result.ok) throw new Error(result.problems[0]!.message.en);
    const overlay = result.value;
    const inside = overlay
      .faces()
      .filter((face) => overlay.inside(face, 0))
      .reduce((sum, face) => sum + overlay.faceAreaUnits2(face), 0);
    const squareArea = (toUnits(east) - toUnits(west)) * (toUnits(north) - toUnits(south));
    expect(Math.abs(inside - squareArea) / squareArea).toBeLessThan(1e-12);
  });
});
