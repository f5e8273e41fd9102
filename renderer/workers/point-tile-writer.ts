import { PbfWriter } from 'pbf';

/** A point of a vector tile: its position in tile units (0…extent) and its numeric properties. */
export interface TilePoint {
  readonly x: number;
  readonly y: number;
  readonly properties: Readonly<Record<string, number>>;
}

// Field numbers of the Mapbox Vector Tile 2.1 protobuf schema (vector_tile.proto).
const TILE_LAYERS = 3;
const LAYER_VERSION = 15;
const LAYER_NAME = 1;
const LAYER_FEATURES = 2;
const LAYER_KEYS = 3;
const LAYER_VALUES = 4;
const LAYER_EXTENT = 5;
const FEATURE_TAGS = 2;
const FEATURE_TYPE = 3;
const FEATURE_GEOMETRY = 4;
const VALUE_DOUBLE = 3;
const VALUE_UINT = 5;
const VALUE_SINT = 6;
const POINT = 1;
/** MoveTo, once: command id 1, count 1. */
const MOVE_TO_ONE = (1 << 3) | 1;

const zigzag = (n: number): number => (n << 1) ^ (n >> 31);

interface Layer {
  readonly name: string;
  readonly extent: number;
  readonly points: readonly TilePoint[];
}

/**
 * A vector tile (MVT 2.1) of one layer of points, each a single MoveTo with its properties. Keys and
 * values are shared between features as the format wants; a value is an unsigned, signed or double
 * number as it fits. A tile of no points holds an empty layer (read as no layer: an empty tile).
 */
export function writePointTile(name: string, extent: number, points: readonly TilePoint[]): Uint8Array {
  const pbf = new PbfWriter();
  pbf.writeMessage<Layer>(TILE_LAYERS, writeLayer, { name, extent, points });
  return pbf.finish().slice();
}

function writeLayer(layer: Layer, pbf: PbfWriter): void {
  pbf.writeVarintField(LAYER_VERSION, 2);
  pbf.writeStringField(LAYER_NAME, layer.name);
  pbf.writeVarintField(LAYER_EXTENT, layer.extent);
  const keys = new Map<string, number>();
  const values = new Map<number, number>();
  const indexOf = <T>(table: Map<T, number>, item: T): number => {
    let index = table.get(item);
    if (index === undefined) table.set(item, (index = table.size));
    return index;
  };
  for (const point of layer.points) {
    const tags: number[] = [];
    for (const [key, value] of Object.entries(point.properties)) {
      tags.push(indexOf(keys, key), indexOf(values, value));
    }
    pbf.writeMessage(LAYER_FEATURES, writeFeature, { point, tags });
  }
  for (const key of keys.keys()) pbf.writeStringField(LAYER_KEYS, key);
  for (const value of values.keys()) pbf.writeMessage(LAYER_VALUES, writeValue, value);
}

function writeFeature(feature: { point: TilePoint; tags: number[] }, pbf: PbfWriter): void {
  pbf.writePackedVarint(FEATURE_TAGS, feature.tags);
  pbf.writeVarintField(FEATURE_TYPE, POINT);
  const { x, y } = feature.point;
  pbf.writePackedVarint(FEATURE_GEOMETRY, [MOVE_TO_ONE, zigzag(Math.round(x)), zigzag(Math.round(y))]);
}

function writeValue(value: number, pbf: PbfWriter): void {
  if (Number.isSafeInteger(value)) {
    if (value >= 0) pbf.writeVarintField(VALUE_UINT, value);
    else pbf.writeSVarintField(VALUE_SINT, value);
  } else {
    pbf.writeDoubleField(VALUE_DOUBLE, Number.isFinite(value) ? value : 0);
  }
}
