import type { Division } from '../../../shared/model';
import { divisionOf } from '../../shared/geometry/division-fixtures';
import {
  communityEntity,
  gridEntity,
  microgridEntity,
  rect,
} from '../../shared/geometry/geometry-test-helpers';

/** The south-west corner of the township. */
export const X = 104.75;
export const Y = 29.36;

/** The id of grid number `n` of the community 510302003001 (gridEntity's ids). */
export const G = (n: number) => `grid-510302003001${String(n).padStart(3, '0')}`;

const microgrid = (n: number, x0: number, x1: number) =>
  microgridEntity(2, n, rect(X + x0, Y, X + x1, Y + 0.002));

/** One community of two side-by-side grids (002 west, 005 east); grid 002 has micro-grids m1 and m2. */
export function twoGridTownship(): Division {
  return divisionOf([
    communityEntity(rect(X, Y, X + 0.004, Y + 0.002)),
    gridEntity(2, rect(X, Y, X + 0.002, Y + 0.002)),
    gridEntity(5, rect(X + 0.002, Y, X + 0.004, Y + 0.002)),
    microgrid(1, 0, 0.001),
    microgrid(2, 0.001, 0.002),
  ]);
}
