import { describe, expect, it } from 'vitest';
import { cityPackageVersion, filedBaseOf } from '../../../renderer/review/city-filed-base';
import { stringifyDivision } from '../../../shared/formats/geojson';
import type { CityPullAnswer } from '../../../shared/ipc';
import { demoDivision } from '../../shared/cli/filing-package-fixtures';

const FILED = 'a'.repeat(64);
const head: CityPullAnswer = {
  text: stringifyDivision(demoDivision()),
  version: 3,
  filedSha256: FILED,
  neighbourGrids: 0,
};

/** The demo as a project opened from a pull of version 3 and edited since (a grid renamed). */
function pulledAndEdited(filedSha256 = FILED) {
  const demo = demoDivision();
  const [id, grid] = [...demo.grid.entries()][0]!;
  return {
    ...demo,
    grid: new Map([...demo.grid, [id, { ...grid, name: '改名的网格' }]]),
    meta: {
      ...demo.meta,
      extra: {
        ...demo.meta.extra,
        cityFiling: {
          township: '510302003000',
          version: 3,
          divisionSha256: filedSha256,
          contentSha256: 'b'.repeat(64),
        },
      },
    },
  };
}

describe('filedBaseOf', () => {
  it('takes the filed version the project was pulled from as the base, under the office’s hash', () => {
    const base = filedBaseOf(pulledAndEdited(), head)!;
    expect(base.sha256).toBe(FILED);
    expect(base.name).toBe('市级库第3版.geojson');
    expect(base.division.grid.size).toBe(demoDivision().grid.size);
  });

  it('gives nothing when the office holds another version now, nothing, or the project was not pulled', () => {
    expect(filedBaseOf(pulledAndEdited('c'.repeat(64)), head)).toBeUndefined();
    expect(filedBaseOf(pulledAndEdited(), { ...head, text: null, filedSha256: null })).toBeUndefined();
    expect(filedBaseOf(demoDivision(), head)).toBeUndefined();
  });
});

describe('cityPackageVersion', () => {
  it('numbers a package after the office’s version when the project’s own number is not above it', () => {
    expect(cityPackageVersion(1, head)).toBe(4);
    expect(cityPackageVersion(7, head)).toBe(7);
    expect(cityPackageVersion(1, { ...head, filedSha256: null, text: null })).toBe(1);
    expect(cityPackageVersion(2, null)).toBe(2);
  });
});
