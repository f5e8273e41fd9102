import fc from 'fast-check';
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { ExportCrs } from '../../../shared/formats/coordinate-systems';
import { GAUSS_KRUGER_ZONES, projectToZone } from '../../../shared/formats/coordinate-systems';
import type { ShapeRecord } from '../../../shared/formats/shapefile-write';
import { writeShapefile } from '../../../shared/formats/shapefile-write';
import { ringSignedArea2 } from '../../../shared/geometry/rewind';
import type { AreaGeometry } from '../../../shared/model';

// writeShapefile writes each ring straight from the geometry, backwards where the shapefile's winding
// asks for it. The reference is the writer as it was before (closed and reversed copies of every ring,
// then written): the .shp and .shx must be the same bytes for any layer.

function referenceRings(geometry: AreaGeometry): Position[][] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const rings: Position[][] = [];
  for (const polygon of polygons) {
    polygon.forEach((ring, index) => {
      const closed =
        ring.length > 0 && (ring[0]![0] !== ring.at(-1)![0] || ring[0]![1] !== ring.at(-1)![1])
          ? [...ring, ring[0]!]
          : ring;
      const clockwise = ringSignedArea2(closed) < 0;
      rings.push(clockwise === (index === 0) ? closed : [...closed].reverse());
    });
  }
  return rings;
}

function referenceShpShx(records: readonly ShapeRecord[], polygon: boolean, crs: ExportCrs): Uint8Array[] {
  const project = typeof crs === 'object' ? projectToZone(crs) : undefined;
  const place = (p: Position): Position => (project ? project(p[0]!, p[1]!) : p);
  const contents = records.map((record) => {
    const g = record.geometry;
    if (!g) return { type: 0, rings: [] as Position[][], point: undefined };
    if (g.type === 'Point') return { type: 1, rings: [] as Position[][], point: place(g.coordinates) };
    const rings = referenceRings(g);
    return { type: 5, rings: project ? rings.map((ring) => ring.map(place)) : rings, point: undefined };
  });
  const contentBytes = contents.map((c) =>
    c.type === 0
      ? 4
      : c.type === 1
        ? 20
        : 44 + 4 * c.rings.length + 16 * c.rings.reduce((n, r) => n + r.length, 0),
  );
  const shp = new Uint8Array(100 + contentBytes.reduce((sum, n) => sum + 8 + n, 0));
  const shpView = new DataView(shp.buffer);
  const shx = new Uint8Array(100 + 8 * contents.length);
  const shxView = new DataView(shx.buffer);
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  const grow = (b: number[], p: Position) => {
    b[0] = Math.min(b[0]!, p[0]!);
    b[1] = Math.min(b[1]!, p[1]!);
    b[2] = Math.max(b[2]!, p[0]!);
    b[3] = Math.max(b[3]!, p[1]!);
  };
  let at = 100;
  contents.forEach((c, index) => {
    shxView.setInt32(100 + index * 8, at / 2, false);
    shxView.setInt32(104 + index * 8, contentBytes[index]! / 2, false);
    shpView.setInt32(at, index + 1, false);
    shpView.setInt32(at + 4, contentBytes[index]! / 2, false);
    at += 8;
    shpView.setInt32(at, c.type, true);
    if (c.type === 1) {
      shpView.setFloat64(at + 4, c.point![0]!, true);
      shpView.setFloat64(at + 12, c.point![1]!, true);
      grow(box, c.point!);
    } else if (c.type === 5) {
      const own = [Infinity, Infinity, -Infinity, -Infinity];
      for (const ring of c.rings)
        for (const p of ring) {
          grow(own, p);
          grow(box, p);
        }
      own.forEach((value, i) => shpView.setFloat64(at + 4 + i * 8, value, true));
      shpView.setInt32(at + 36, c.rings.length, true);
      shpView.setInt32(
        at + 40,
        c.rings.reduce((n, r) => n + r.length, 0),
        true,
      );
      let part = at + 44;
      let first = 0;
      for (const ring of c.rings) {
        shpView.setInt32(part, first, true);
        part += 4;
        first += ring.length;
      }
      for (const ring of c.rings)
        for (const p of ring) {
          shpView.setFloat64(part, p[0]!, true);
          shpView.setFloat64(part + 8, p[1]!, true);
          part += 16;
        }
    }
    at += contentBytes[index]!;
  });
  const finalBox = Number.isFinite(box[0]) ? box : [0, 0, 0, 0];
  for (const [view, length] of [
    [shpView, shp.length],
    [shxView, shx.length],
  ] as const) {
    view.setInt32(0, 9994, false);
    view.setInt32(24, length / 2, false);
    view.setInt32(28, 1000, true);
    view.setInt32(32, polygon ? 5 : 1, true);
    finalBox.forEach((value, i) => view.setFloat64(36 + i * 8, value, true));
  }
  return [shp, shx];
}

const lon = fc.double({ min: 100, max: 110, noNaN: true });
const lat = fc.double({ min: 20, max: 40, noNaN: true });
const position = fc.tuple(lon, lat);
/** Rings as they come: closed or not, either winding, a repeated point, sometimes empty or tiny. */
const ring = fc.oneof(
  { weight: 5, arbitrary: fc.array(position, { minLength: 3, maxLength: 12 }) },
  {
    weight: 5,
    arbitrary: fc.array(position, { minLength: 3, maxLength: 12 }).map((r) => [...r, r[0]!]),
  },
  { weight: 1, arbitrary: fc.array(position, { maxLength: 2 }) },
);
const polygon = fc.array(ring, { minLength: 1, maxLength: 3 });
const geometry = fc.oneof(
  polygon.map((coordinates): AreaGeometry => ({ type: 'Polygon', coordinates })),
  fc.array(polygon, { minLength: 1, maxLength: 3 }).map((coordinates): AreaGeometry => ({
    type: 'MultiPolygon',
    coordinates,
  })),
);
const zone = GAUSS_KRUGER_ZONES.find((z) => z.epsg === 4523)!;
const crs = fc.constantFrom<ExportCrs>('cgcs2000', 'wgs84', zone);

describe('writeShapefile', () => {
  it('writes the .shp and .shx of the reference writer for any polygons (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.option(geometry, { freq: 8 }), { maxLength: 8 }), crs, (geometries, to) => {
        const records: ShapeRecord[] = geometries.map((g) => ({ geometry: g, cells: [] }));
        const written = writeShapefile(
          { name: 'g', shapeType: 'polygon', fields: [], records },
          { encoding: 'utf-8', crs: to },
        );
        const [shp, shx] = referenceShpShx(records, true, to);
        expect(written.files[0]!.bytes).toEqual(shp);
        expect(written.files[1]!.bytes).toEqual(shx);
      }),
      { numRuns: 200 },
    );
  });

  it('writes the .shp and .shx of the reference writer for points (property)', () => {
    fc.assert(
      fc.property(fc.array(position, { maxLength: 8 }), crs, (points, to) => {
        const records: ShapeRecord[] = points.map((coordinates) => ({
          geometry: { type: 'Point', coordinates },
          cells: [],
        }));
        const written = writeShapefile(
          { name: 'p', shapeType: 'point', fields: [], records },
          { encoding: 'gbk', crs: to },
        );
        const [shp, shx] = referenceShpShx(records, false, to);
        expect(written.files[0]!.bytes).toEqual(shp);
        expect(written.files[1]!.bytes).toEqual(shx);
      }),
      { numRuns: 100 },
    );
  });
});
