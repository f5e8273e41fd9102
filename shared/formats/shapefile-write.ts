import type { Position } from 'geojson';
import type { AreaGeometry } from '../model';
import type { ExportCrs } from './coordinate-systems';
import { prjText, projectToZone } from './coordinate-systems';
import type { DbfFieldSpec } from './dbf';
import { writeDbf } from './dbf';
import type { TextEncodingName } from './text-encoding';
import { encodeText } from './text-encoding';
import type { InputFile } from './zip-archive';

/**
 * Writes ESRI shapefiles (.shp, .shx, .dbf, .prj, .cpg) for one layer: polygons or points in
 * longitude/latitude, or in the metres of a CGCS2000 Gauss-Kruger zone. Written here rather than with @mapbox/shp-write, which destroys Chinese text
 * (stack-notes.md), so the DBF bytes, field names and encoding are exactly what we choose.
 */

/** One record: its geometry (null writes a null shape) and its cells in field order. */
export interface ShapeRecord {
  readonly geometry: AreaGeometry | { readonly type: 'Point'; readonly coordinates: Position } | null;
  readonly cells: readonly (string | number | null | undefined)[];
}

/** What to write. */
export interface ShapefileLayer {
  /** File name without extension (the zip's entries are named after it). */
  readonly name: string;
  readonly shapeType: 'polygon' | 'point';
  readonly fields: readonly DbfFieldSpec[];
  readonly records: readonly ShapeRecord[];
}

/** Options of {@link writeShapefile}. */
export interface ShapefileWriteOptions {
  readonly encoding: TextEncodingName;
  readonly crs: ExportCrs;
  /** Day written in the DBF header (tests fix it). */
  readonly date?: Date;
}

/** The five files, and what could not be written exactly. */
export interface WrittenShapefile {
  readonly files: readonly InputFile[];
  readonly unmappable: readonly string[];
  readonly truncatedCells: number;
}

const SHAPE_NULL = 0;
const SHAPE_POINT = 1;
const SHAPE_POLYGON = 5;

/** The polygons of an area geometry. */
function polygonsOf(geometry: AreaGeometry): readonly (readonly Position[])[][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** Positions of a ring as written: closed (its first position again at the end when it does not end there). */
function closedLength(ring: readonly Position[]): number {
  return ring.length > 0 && (ring[0]![0] !== ring.at(-1)![0] || ring[0]![1] !== ring.at(-1)![1])
    ? ring.length + 1
    : ring.length;
}

/**
 * Shapefile rings run the other way from RFC 7946's: outer rings clockwise, holes counter-clockwise.
 * True when the ring is written from its end to its start. The sum is ringSignedArea2's over the closed
 * ring, term for term.
 */
function writtenBackwards(ring: readonly Position[], length: number, outer: boolean): boolean {
  let sum = 0;
  for (let i = 0; i < length; i++) {
    const a = ring[i < ring.length ? i : 0]!;
    const next = (i + 1) % length;
    const b = ring[next < ring.length ? next : 0]!;
    sum += a[0]! * b[1]! - b[0]! * a[1]!;
  }
  const clockwise = sum < 0;
  return clockwise !== outer;
}

function writeHeader(view: DataView, byteLength: number, shapeType: number, box: number[]): void {
  view.setInt32(0, 9994, false);
  view.setInt32(24, byteLength / 2, false);
  view.setInt32(28, 1000, true);
  view.setInt32(32, shapeType, true);
  box.forEach((value, i) => view.setFloat64(36 + i * 8, value, true));
}

/** Writes one layer as shapefile files named `<name>.shp` and so on. */
export function writeShapefile(layer: ShapefileLayer, options: ShapefileWriteOptions): WrittenShapefile {
  const shapeType = layer.shapeType === 'polygon' ? SHAPE_POLYGON : SHAPE_POINT;
  // A transverse Mercator projection keeps rings' orientation, so rings are wound before projecting.
  const project = typeof options.crs === 'object' ? projectToZone(options.crs) : undefined;
  // Sizes first: the record of each shape, then the files.
  const contentBytes = layer.records.map((record) => {
    const g = record.geometry;
    if (!g) return 4;
    if (g.type === 'Point') return 20;
    let rings = 0;
    let points = 0;
    for (const polygon of polygonsOf(g)) {
      rings += polygon.length;
      for (const ring of polygon) points += closedLength(ring);
    }
    return 44 + 4 * rings + 16 * points;
  });
  const shpLength = 100 + contentBytes.reduce((sum, n) => sum + 8 + n, 0);
  const shp = new Uint8Array(shpLength);
  const shpView = new DataView(shp.buffer);
  const shx = new Uint8Array(100 + 8 * layer.records.length);
  const shxView = new DataView(shx.buffer);

  // The layer's box and a shape's box, grown by each position written.
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  const own = [Infinity, Infinity, -Infinity, -Infinity];
  const grow = (target: number[], x: number, y: number) => {
    target[0] = Math.min(target[0]!, x);
    target[1] = Math.min(target[1]!, y);
    target[2] = Math.max(target[2]!, x);
    target[3] = Math.max(target[3]!, y);
  };

  let at = 100;
  layer.records.forEach((record, index) => {
    const g = record.geometry;
    shxView.setInt32(100 + index * 8, at / 2, false);
    shxView.setInt32(104 + index * 8, contentBytes[index]! / 2, false);
    shpView.setInt32(at, index + 1, false);
    shpView.setInt32(at + 4, contentBytes[index]! / 2, false);
    at += 8;
    shpView.setInt32(at, !g ? SHAPE_NULL : g.type === 'Point' ? SHAPE_POINT : SHAPE_POLYGON, true);
    if (g?.type === 'Point') {
      const [x, y] = project ? project(g.coordinates[0]!, g.coordinates[1]!) : g.coordinates;
      shpView.setFloat64(at + 4, x!, true);
      shpView.setFloat64(at + 12, y!, true);
      grow(box, x!, y!);
    } else if (g) {
      own.fill(Infinity, 0, 2).fill(-Infinity, 2, 4);
      let part = at + 44;
      let rings = 0;
      let first = 0;
      for (const polygon of polygonsOf(g)) {
        for (const ring of polygon) {
          shpView.setInt32(part, first, true);
          part += 4;
          rings++;
          first += closedLength(ring);
        }
      }
      shpView.setInt32(at + 36, rings, true);
      shpView.setInt32(at + 40, first, true);
      for (const polygon of polygonsOf(g)) {
        polygon.forEach((ring, r) => {
          const length = closedLength(ring);
          const backwards = writtenBackwards(ring, length, r === 0);
          for (let k = 0; k < length; k++) {
            const i = backwards ? length - 1 - k : k;
            const p = ring[i < ring.length ? i : 0]!;
            const [x, y] = project ? project(p[0]!, p[1]!) : p;
            shpView.setFloat64(part, x!, true);
            shpView.setFloat64(part + 8, y!, true);
            part += 16;
            grow(own, x!, y!);
            grow(box, x!, y!);
          }
        });
      }
      own.forEach((value, i) => shpView.setFloat64(at + 4 + i * 8, value, true));
    }
    at += contentBytes[index]!;
  });
  const finalBox = Number.isFinite(box[0]) ? box : [0, 0, 0, 0];
  writeHeader(shpView, shp.length, shapeType, finalBox);
  writeHeader(shxView, shx.length, shapeType, finalBox);

  const dbf = writeDbf(
    layer.fields,
    layer.records.map((r) => r.cells),
    options.encoding,
    options.date,
  );
  // "936" is what ArcGIS writes and GDAL reads as CP936; both read "UTF-8".
  const cpg = options.encoding === 'gbk' ? '936' : 'UTF-8';
  return {
    files: [
      { name: `${layer.name}.shp`, bytes: shp },
      { name: `${layer.name}.shx`, bytes: shx },
      { name: `${layer.name}.dbf`, bytes: dbf.bytes },
      { name: `${layer.name}.prj`, bytes: encodeText(prjText(options.crs), 'utf-8').bytes },
      { name: `${layer.name}.cpg`, bytes: encodeText(cpg, 'utf-8').bytes },
    ],
    unmappable: dbf.unmappable,
    truncatedCells: dbf.truncatedCells,
  };
}
