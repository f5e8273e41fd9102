import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { carvePolygon } from '../../../shared/geometry/carve-polygon';
import { clipToParentAndAvoidOverlap } from '../../../shared/geometry/clip-to-parent-and-avoid-overlap';
import { deleteVertex } from '../../../shared/geometry/delete-vertex';
import { fillGap, fillSmallGaps, findGaps } from '../../../shared/geometry/fill-gap';
import { insertVertex } from '../../../shared/geometry/insert-vertex';
import { mergePolygons } from '../../../shared/geometry/merge-polygons';
import { moveSharedVertex } from '../../../shared/geometry/move-shared-vertex';
import { snapCoordinate } from '../../../shared/geometry/snap-coordinate';
import { splitPolygonByLine } from '../../../shared/geometry/split-polygon-by-line';
import type { AreaGeometry } from '../../../shared/model';
import { expectedOutput } from '../expected-output';
import { expectValidOutput } from './geometry-test-helpers';

// Fixture pairs: test/fixtures/geometry/<operation>/<case>/in.json (the arguments) → out.json (the result,
// refusals included). Inputs come from test/fixtures/geometry/write-fixtures.ts. `REGEN=1`
// rewrites out.json (a missing one fails); review the diff before committing. Every polygon of every result must also be a
// valid output (closed, counter-clockwise shells, no repeated vertex, at most 9 decimals).

// The arguments come from JSON: each operation is called with them as they are. `never` is the honest
// type of "whatever the fixture holds"; a wrong fixture fails the comparison with out.json.
type Operation = (...args: never[]) => unknown;
const OPERATIONS: Record<string, Operation> = {
  split: splitPolygonByLine,
  merge: mergePolygons,
  carve: carvePolygon,
  clip: clipToParentAndAvoidOverlap,
  'find-gaps': findGaps,
  'fill-gap': fillGap,
  'fill-small-gaps': fillSmallGaps,
  snap: snapCoordinate,
  'move-shared-vertex': moveSharedVertex,
  'insert-vertex': insertVertex,
  'delete-vertex': deleteVertex,
};

const root = path.resolve(import.meta.dirname, '../../fixtures/geometry');
const cases = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((operation) =>
    readdirSync(path.join(root, operation.name), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => `${operation.name}/${entry.name}`),
  )
  .sort();

function run(name: string): unknown {
  const operation = OPERATIONS[name.split('/')[0]!];
  if (!operation) throw new Error(`no operation for fixture ${name}`);
  const input = JSON.parse(readFileSync(path.join(root, name, 'in.json'), 'utf8')) as { args: never[] };
  return JSON.parse(JSON.stringify(operation(...input.args)));
}

/** Every Polygon or MultiPolygon inside a JSON value. */
function geometriesIn(value: unknown, found: AreaGeometry[] = []): AreaGeometry[] {
  if (Array.isArray(value)) for (const item of value) geometriesIn(item, found);
  else if (typeof value === 'object' && value !== null) {
    const type = (value as { type?: unknown }).type;
    if (type === 'Polygon' || type === 'MultiPolygon') found.push(value as AreaGeometry);
    else for (const item of Object.values(value)) geometriesIn(item, found);
  }
  return found;
}

describe('geometry fixtures', () => {
  it('cover every operation', () => {
    expect(Object.keys(OPERATIONS).filter((op) => !cases.some((name) => name.startsWith(`${op}/`)))).toEqual(
      [],
    );
  });

  it.each(cases)('%s', (name) => {
    const result = run(name);
    const expectedPath = path.join(root, name, 'out.json');
    expect(result).toEqual(expectedOutput(expectedPath, result));
    for (const geometry of geometriesIn(result)) expectValidOutput(geometry);
    const refused = name.split('/')[1]!.startsWith('refuse-');
    expect((result as { ok?: boolean }).ok ?? true).toBe(!refused);
  });
});
