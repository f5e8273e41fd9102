import { describe, expect, it } from 'vitest';
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
});
