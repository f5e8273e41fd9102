// shpjs ships no types. Only the synchronous .shp parser is used (the DBF is read by ./dbf.ts so that
// the encoding is ours to choose): declare just that.
declare module 'shpjs' {
  import type { Geometry } from 'geojson';

  /** Parses a whole .shp into one geometry per record (null for null shapes); false: no reprojection. */
  export function parseShp(shp: DataView, prj: false): (Geometry | null)[];
}
