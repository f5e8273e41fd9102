import type { Position } from 'geojson';
import { ringSignedArea2 } from '../geometry/rewind';
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

/** Shapefile rings: outer rings clockwise, holes counter-clockwise (the opposite of RFC 7946). */
function shapefileRings(geometry: AreaGeometry): Position[][] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const rings: Position[][] = [];
  for (const polygon of polygons) {
    polygon.forEach((ring, index) => {
      const closed =
        ring.length > 0 && (ring[0]![0] !== ring.at(-1)![0] || ring[0]![1] !== ring.at(-1)![1])
          ? [...ring, ring[0]!]
          : ring;
      const clockwise = ringSignedArea2(closed) < 0;
      const wanted = index === 0;
      rings.push(clockwise === wanted ? closed : [...closed].reverse());
    });
  }
  return rings;
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
  const place = (p: Position): Position => (project ? project(p[0]!, p[1]!) : p);
  // Contents first, to know the sizes.
  const contents: { type: number; rings: Position[][]; point?: Position }[] = layer.records.map((record) => {
    const g = record.geometry;
    if (!g) return { type: SHAPE_NULL, rings: [] };
    if (g.type === 'Point') return { type: SHAPE_POINT, rings: [], point: place(g.coordinates) };
    const rings = shapefileRings(g);
    return { type: SHAPE_POLYGON, rings: project ? rings.map((ring) => ring.map(place)) : rings };
  });
  const contentBytes = contents.map((c) => {
    if (c.type === SHAPE_NULL) return 4;
    if (c.type === SHAPE_POINT) return 20;
    const points = c.rings.reduce((n, r) => n + r.length, 0);
    return 44 + 4 * c.rings.length + 16 * points;
  });
  const shpLength = 100 + contentBytes.reduce((sum, n) => sum + 8 + n, 0);
  const shp = new Uint8Array(shpLength);
  const shpView = new DataView(shp.buffer);
  const shx = new Uint8Array(100 + 8 * contents.length);
  const shxView = new DataView(shx.buffer);

  const box = [Infinity, Infinity, -Infinity, -Infinity];
  const grow = (p: Position) => {
    box[0] = Math.min(box[0]!, p[0]!);
    box[1] = Math.min(box[1]!, p[1]!);
    box[2] = Math.max(box[2]!, p[0]!);
    box[3] = Math.max(box[3]!, p[1]!);
  };

  let at = 100;
  contents.forEach((c, index) => {
    shxView.setInt32(100 + index * 8, at / 2, false);
    shxView.setInt32(104 + index * 8, contentBytes[index]! / 2, false);
    shpView.setInt32(at, index + 1, false);
    shpView.setInt32(at + 4, contentBytes[index]! / 2, false);
    at += 8;
    shpView.setInt32(at, c.type, true);
    if (c.type === SHAPE_POINT) {
      shpView.setFloat64(at + 4, c.point![0]!, true);
      shpView.setFloat64(at + 12, c.point![1]!, true);
      grow(c.point!);
    } else if (c.type === SHAPE_POLYGON) {
      const own = [Infinity, Infinity, -Infinity, -Infinity];
      for (const ring of c.rings) {
        for (const p of ring) {
          own[0] = Math.min(own[0]!, p[0]!);
          own[1] = Math.min(own[1]!, p[1]!);
          own[2] = Math.max(own[2]!, p[0]!);
          own[3] = Math.max(own[3]!, p[1]!);
          grow(p);
        }
      }
      own.forEach((value, i) => shpView.setFloat64(at + 4 + i * 8, value, true));
      const points = c.rings.reduce((n, r) => n + r.length, 0);
      shpView.setInt32(at + 36, c.rings.length, true);
      shpView.setInt32(at + 40, points, true);
      let part = at + 44;
      let first = 0;
      for (const ring of c.rings) {
        shpView.setInt32(part, first, true);
        part += 4;
        first += ring.length;
      }
      for (const ring of c.rings) {
        for (const p of ring) {
          shpView.setFloat64(part, p[0]!, true);
          shpView.setFloat64(part + 8, p[1]!, true);
          part += 16;
        }
      }
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
