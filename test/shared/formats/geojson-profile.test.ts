import { describe, expect, it } from 'vitest';
import { parseDivisionGeoJson, stringifyDivision, toGeoJson } from '../../../shared/formats/geojson';
import { GRIDPLAN_PROFILE_VERSION, PROFILE_MEMBER } from '../../../shared/formats/geojson-profile';
import { divisionOf } from '../geometry/division-fixtures';
import { communityEntity, gridEntity, rect } from '../geometry/geometry-test-helpers';

const division = divisionOf([
  communityEntity(rect(104.75, 29.36, 104.754, 29.362)),
  gridEntity(1, rect(104.75, 29.36, 104.752, 29.362)),
]);

function withProfile(value: unknown): string {
  const collection = JSON.parse(stringifyDivision(division)) as Record<string, unknown>;
  if (value === undefined) delete collection[PROFILE_MEMBER];
  else collection[PROFILE_MEMBER] = value;
  return JSON.stringify(collection);
}

describe('the GeoJSON profile version', () => {
  it('is written on export and not kept as a foreign member on import', () => {
    const written = toGeoJson(division) as unknown as Record<string, unknown>;
    expect(written[PROFILE_MEMBER]).toBe(GRIDPLAN_PROFILE_VERSION);
    const read = parseDivisionGeoJson(stringifyDivision(division));
    if (!read.ok) throw new Error(read.problems[0]!.message.en);
    expect(read.value.meta.extra[PROFILE_MEMBER]).toBeUndefined();
    expect(stringifyDivision(read.value)).toBe(stringifyDivision(division));
  });

  it('reads files written before the profile had a version', () => {
    const read = parseDivisionGeoJson(withProfile(undefined));
    expect(read.ok && read.value.grid.size).toBe(1);
  });

  it('refuses a newer version or a member that is not a version, in both languages', () => {
    for (const [value, kind] of [
      [GRIDPLAN_PROFILE_VERSION + 1, 'newer-profile'],
      ['1', 'bad-profile'],
      [0, 'bad-profile'],
      [1.5, 'bad-profile'],
    ] as const) {
      const read = parseDivisionGeoJson(withProfile(value));
      expect(read.ok).toBe(false);
      if (read.ok) continue;
      expect(read.problems.map((p) => p.kind)).toEqual([kind]);
      expect(read.problems[0]!.message.zh).toMatch(/版本/);
      expect(read.problems[0]!.message.en).toMatch(/version/);
    }
  });
});
