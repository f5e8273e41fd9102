import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { describe, expect, it } from 'vitest';
import { writePointTile } from '../../../renderer/workers/point-tile-writer';

const decode = (bytes: Uint8Array): VectorTile => new VectorTile(new PbfReader(bytes));

describe('writePointTile', () => {
  it('writes points that @mapbox/vector-tile reads back with their positions and properties', () => {
    const bytes = writePointTile('census', 4096, [
      { x: 0, y: 0, properties: { households: 3 } },
      { x: 4095, y: 17, properties: { point_count: 12, households: 40 } },
      { x: 2048.4, y: 1000.6, properties: { households: 2.5, shift: -7, big: 2 ** 40 } },
    ]);
    const layer = decode(bytes).layers['census']!;
    expect(layer.version).toBe(2);
    expect(layer.extent).toBe(4096);
    expect(layer.length).toBe(3);
    const features = [0, 1, 2].map((i) => layer.feature(i));
    expect(features.map((f) => f.type)).toEqual([1, 1, 1]);
    expect(features.map((f) => f.loadGeometry().map((ring) => ring.map(({ x, y }) => [x, y])))).toEqual([
      [[[0, 0]]],
      [[[4095, 17]]],
      [[[2048, 1001]]],
    ]);
    expect(features.map((f) => f.properties)).toEqual([
      { households: 3 },
      { point_count: 12, households: 40 },
      { households: 2.5, shift: -7, big: 2 ** 40 },
    ]);
  });

  it('shares keys and values between features and writes an empty layer when there are no points', () => {
    const same = { households: 5 };
    const one = writePointTile('census', 4096, [{ x: 1, y: 1, properties: same }]);
    const three = writePointTile('census', 4096, [
      { x: 1, y: 1, properties: same },
      { x: 2, y: 2, properties: same },
      { x: 3, y: 3, properties: same },
    ]);
    // Each further feature costs 13 bytes (its framing, 2 tag indices, its type, a MoveTo), not the
    // key (12 bytes) and value (4) again.
    expect(three.length - one.length).toBe(2 * 13);
    // An empty layer, which readers take as no layer at all.
    expect(decode(writePointTile('census', 4096, [])).layers).toEqual({});
  });
});
