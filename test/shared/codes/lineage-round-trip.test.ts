import { describe, expect, it } from 'vitest';
import { parseDivisionGeoJson, stringifyDivision } from '../../../shared/formats/geojson';
import type { Community, LineageRecord } from '../../../shared/model';
import { divisionOf } from '../../../shared/model';

const LINEAGE: LineageRecord[] = [
  { code: '510302003001004', from: ['510302003001001'], operation: 'split', at: '2026-11-21T08:00:00.000Z' },
  {
    code: '510302003001005',
    from: ['510302003001002', '510302003001003'],
    operation: 'merge',
    at: '2026-11-21T09:00:00.000Z',
  },
  { code: '510302003001002', from: [], operation: 'delete', at: '2026-11-21T10:00:00.000Z' },
];

/** The properties of the first feature of GeoJSON text. */
function firstProperties(text: string): Record<string, unknown> {
  const collection = JSON.parse(text) as { features: { properties: Record<string, unknown> }[] };
  return collection.features[0]!.properties;
}

function community(lineage: unknown): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        id: 'c1',
        properties: { layer: 'community', code: '510302003001', name: '光明社区', kind: 'urban', lineage },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [104, 29],
              [104.01, 29],
              [104.01, 29.01],
              [104, 29],
            ],
          ],
        },
      },
    ],
  });
}

describe('community lineage in GeoJSON', () => {
  it('reads a well-formed lineage into the typed field and writes it back', () => {
    const parsed = parseDivisionGeoJson(community(LINEAGE));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const read = parsed.value.community.get('c1')!;
    expect(read.lineage).toEqual(LINEAGE);
    expect(read.extra).toEqual({});
    const again = parseDivisionGeoJson(stringifyDivision(parsed.value));
    expect(again.ok && again.value.community.get('c1')!.lineage).toEqual(LINEAGE);
  });

  it('keeps a malformed lineage as it came, in extra', () => {
    const odd = [{ code: 1, from: 'x' }];
    const parsed = parseDivisionGeoJson(community(odd));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const read = parsed.value.community.get('c1')!;
    expect(read.lineage).toBeUndefined();
    expect(read.extra).toEqual({ lineage: odd });
    expect(firstProperties(stringifyDivision(parsed.value)).lineage).toEqual(odd);
  });

  it('writes no lineage key for a community without one', () => {
    const plain: Community = {
      layer: 'community',
      id: 'c1',
      code: '510302003001',
      name: '光明社区',
      kind: 'urban',
      extra: {},
      geometry: { type: 'Polygon', coordinates: [] },
    };
    const text = stringifyDivision(divisionOf({}, [plain]));
    expect(firstProperties(text)).not.toHaveProperty('lineage');
  });
});
