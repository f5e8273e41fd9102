import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { sendGeoJson, sourceChanged } from '../../../renderer/map/send-geojson';

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };
const ONE: FeatureCollection = {
  type: 'FeatureCollection',
  features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [104.7, 29.3] } }],
};

/** A source that records what it was given (sendGeoJson only calls setData). */
function recordingSource(): { source: GeoJSONSource; given: FeatureCollection[] } {
  const given: FeatureCollection[] = [];
  const source = { setData: (data: FeatureCollection) => given.push(data) } as unknown as GeoJSONSource;
  return { source, given };
}

describe('sendGeoJson', () => {
  it('does not clear a source that holds nothing (every source is added empty)', () => {
    const { source, given } = recordingSource();
    sendGeoJson(source, EMPTY);
    sendGeoJson(source, EMPTY);
    expect(given).toEqual([]);
  });

  it('sends features, and the empty collection that clears them, once', () => {
    const { source, given } = recordingSource();
    sendGeoJson(source, ONE);
    sendGeoJson(source, EMPTY);
    sendGeoJson(source, EMPTY);
    expect(given).toEqual([ONE, EMPTY]);
  });

  it('sends every non-empty collection, even an equal one (its features may have moved)', () => {
    const { source, given } = recordingSource();
    sendGeoJson(source, ONE);
    sendGeoJson(source, ONE);
    expect(given).toEqual([ONE, ONE]);
  });

  it('clears a source changed by other means, whatever it was last given', () => {
    const { source, given } = recordingSource();
    sourceChanged(source);
    sendGeoJson(source, EMPTY);
    expect(given).toEqual([EMPTY]);
  });

  it('ignores a missing source', () => {
    expect(() => sendGeoJson(undefined, ONE)).not.toThrow();
  });
});
