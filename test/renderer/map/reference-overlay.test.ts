import { describe, expect, it } from 'vitest';
import {
  REFERENCE_LABEL_SOURCE,
  REFERENCE_LABELS_OVERLAY,
  REFERENCE_SOURCE,
  REFERENCES_OVERLAY,
} from '../../../renderer/map/overlays/reference-overlay';

describe('reference layers (参考图层) on the map', () => {
  const features = REFERENCES_OVERLAY.layers;
  const labels = REFERENCE_LABELS_OVERLAY.layers;
  const byId = (id: string) => features.find((layer) => layer.id === id) as Record<string, unknown>;

  it('draws features from their source and labels from theirs, every layer id once', () => {
    expect(features.map((layer) => 'source' in layer && layer.source)).toEqual(
      features.map(() => REFERENCE_SOURCE),
    );
    expect(labels.map((layer) => [layer.type, 'source' in layer && layer.source])).toEqual([
      ['symbol', REFERENCE_LABEL_SOURCE],
      ['symbol', REFERENCE_LABEL_SOURCE],
    ]);
    const ids = [...features, ...labels].map((layer) => layer.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('puts a white casing under each road, rounds streets and rivers, dashes railways', () => {
    const ids = features.map((layer) => layer.id);
    expect(ids.indexOf('ref-road-casing')).toBeLessThan(ids.indexOf('ref-road'));
    for (const id of ['ref-road-casing', 'ref-road', 'ref-river']) {
      expect(byId(id).layout).toEqual({ 'line-cap': 'round', 'line-join': 'round' });
    }
    expect(byId('ref-railway').layout).toBeUndefined();
    expect((byId('ref-railway').paint as Record<string, unknown>)['line-dasharray']).toEqual([3, 3]);
  });

  it('labels streets along the line from zoom 14 and compounds from zoom 15', () => {
    expect(labels.map((layer) => [layer.id, layer.minzoom])).toEqual([
      ['ref-line-label', 14],
      ['ref-polygon-label', 15],
    ]);
    const [line, polygon] = labels as unknown as readonly Record<string, Record<string, unknown>>[];
    expect(line!.layout!['symbol-placement']).toBe('line');
    expect(polygon!.layout!['symbol-placement']).toBeUndefined();
    expect(line!.layout!['text-field']).toEqual(['get', 'label']);
  });
});
