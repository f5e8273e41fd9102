import { describe, expect, it } from 'vitest';
import { parseDivisionGeoJson, stringifyDivision } from '../../../shared/formats/geojson';

function township(properties: Record<string, unknown>) {
  return JSON.stringify({
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { layer: 'township', code: '510302003000', name: '新街街道', ...properties },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [104.75, 29.36],
              [104.76, 29.36],
              [104.76, 29.37],
              [104.75, 29.36],
            ],
          ],
        },
      },
    ],
  });
}

describe('the township supervision phone (监督电话) in the GeoJSON profile', () => {
  it('is read into the model and written back', () => {
    const parsed = parseDivisionGeoJson(township({ supervisionPhone: '0813-12345678' }));
    if (!parsed.ok) throw new Error('not parsed');
    const [read] = [...parsed.value.township.values()];
    expect(read?.supervisionPhone).toBe('0813-12345678');
    expect(read?.extra).toEqual({});
    const again = JSON.parse(stringifyDivision(parsed.value)) as {
      features: { properties: Record<string, unknown> }[];
    };
    expect(again.features[0]!.properties.supervisionPhone).toBe('0813-12345678');
  });

  it('is optional: absent or not text, the township has none (a non-text value is kept as it came)', () => {
    const absent = parseDivisionGeoJson(township({}));
    if (!absent.ok) throw new Error('not parsed');
    expect([...absent.value.township.values()][0]?.supervisionPhone).toBeUndefined();
    expect(stringifyDivision(absent.value)).not.toContain('supervisionPhone');
    const numeric = parseDivisionGeoJson(township({ supervisionPhone: 12345 }));
    if (!numeric.ok) throw new Error('not parsed');
    const [read] = [...numeric.value.township.values()];
    expect(read?.supervisionPhone).toBeUndefined();
    expect(read?.extra).toEqual({ supervisionPhone: 12345 });
  });
});
