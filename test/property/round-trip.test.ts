import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDivisionGeoJson, stringifyDivision } from '../../shared/formats/geojson';
import type { Division } from '../../shared/model';
import { applyChange } from '../../shared/model';
import { changeArb, divisionArb } from './arbitraries';

function imported(text: string): Division {
  const result = parseDivisionGeoJson(text);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message.en).join('\n'));
  return result.value;
}

describe('GeoJSON profile round trip', () => {
  it('import(export(project)) is the project, personal data included on request', () => {
    fc.assert(
      fc.property(divisionArb, (division) => {
        expect(imported(stringifyDivision(division, { includePersonal: true }))).toEqual(division);
      }),
      { numRuns: 200 },
    );
  });

  it('export(import(export(project))) is byte-identical to export(project)', () => {
    fc.assert(
      fc.property(divisionArb, (division) => {
        const once = stringifyDivision(division);
        expect(stringifyDivision(imported(once))).toBe(once);
      }),
      { numRuns: 100 },
    );
  });

  it('a default export never contains residents personal data', () => {
    fc.assert(
      fc.property(divisionArb, (division) => {
        const back = imported(stringifyDivision(division));
        for (const point of back.census.values()) expect(point.personal).toBeUndefined();
      }),
      { numRuns: 100 },
    );
  });
});

describe('Change', () => {
  it('applying a change and then its inverse restores the document', () => {
    fc.assert(
      fc.property(
        divisionArb.chain((division) => fc.tuple(fc.constant(division), changeArb(division))),
        ([division, change]) => {
          const applied = applyChange(division, change);
          const restored = applyChange(applied.division, applied.inverse);
          expect(restored.division).toEqual(division);
          // The inverse of the inverse redoes the change.
          expect(applyChange(restored.division, restored.inverse).division).toEqual(applied.division);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never mutates the document it is applied to', () => {
    fc.assert(
      fc.property(
        divisionArb.chain((division) => fc.tuple(fc.constant(division), changeArb(division))),
        ([division, change]) => {
          const before = stringifyDivision(division, { includePersonal: true });
          applyChange(division, change);
          expect(stringifyDivision(division, { includePersonal: true })).toBe(before);
        },
      ),
      { numRuns: 100 },
    );
  });
});
