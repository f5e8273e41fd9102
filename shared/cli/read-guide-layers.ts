import type { Feature } from 'geojson';
import { readImport } from '../formats/import-files';
import type { ReferenceGeometry, ReferenceLayer, Result } from '../model';
import { fail, ok, text } from '../model';

/** One guide file as read by the host: its path (for the layer name and the format) and its bytes. */
export interface GuideFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

function baseName(path: string): string {
  const file = path.replace(/\\/g, '/').split('/').pop() ?? path;
  const dot = file.lastIndexOf('.');
  return dot > 0 ? file.slice(0, dot) : file;
}

/**
 * Turns a guide file (`--guides`: a GeoJSON or a zipped shapefile, read through the import pipeline, so
 * encodings, .prj and Gauss-Kruger zones are honoured) into reference layers for automatic division. The
 * role follows the geometry: lines are roads (preferred boundaries), polygons are compounds (never cut);
 * a file holding both gives one layer of each. Points and empty geometries are skipped; a file with no
 * line or polygon at all, or a GridPlan division or a table, is refused with the reason.
 */
export function readGuideLayers(file: GuideFile, index: number): Result<ReferenceLayer[]> {
  const name = baseName(file.path);
  const source = readImport([
    { name: file.path.replace(/\\/g, '/').split('/').pop() ?? file.path, bytes: file.bytes },
  ]);
  if (!source.ok) return source;
  if (source.value.kind !== 'features') {
    return fail({
      kind: 'not-a-guide-layer',
      message: text(
        `${file.path} 不是线或面图层（参考图层须为道路、河流等线要素或小区等面要素的 GeoJSON 或 Shapefile 压缩包）。`,
        `${file.path} is not a line or polygon layer (a guide layer is a GeoJSON or zipped shapefile of lines such as roads and rivers, or polygons such as compounds).`,
      ),
    });
  }
  const lines: Feature<ReferenceGeometry>[] = [];
  const polygons: Feature<ReferenceGeometry>[] = [];
  for (const record of source.value.records) {
    const geometry = record.geometry;
    if (!geometry) continue;
    const feature = (g: ReferenceGeometry): Feature<ReferenceGeometry> => ({
      type: 'Feature',
      properties: { ...record.properties },
      geometry: g,
    });
    if (geometry.type === 'LineString' || geometry.type === 'MultiLineString') lines.push(feature(geometry));
    else if (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon')
      polygons.push(feature(geometry));
  }
  if (lines.length === 0 && polygons.length === 0) {
    return fail({
      kind: 'not-a-guide-layer',
      message: text(
        `${file.path} 中没有线或面要素，不能作为参考图层。`,
        `${file.path} has no line or polygon features to guide the division.`,
      ),
    });
  }
  const layers: ReferenceLayer[] = [];
  if (lines.length > 0) {
    layers.push({ id: `guide-${index}-lines`, name, role: 'road', visible: true, features: lines });
  }
  if (polygons.length > 0) {
    layers.push({ id: `guide-${index}-polygons`, name, role: 'compound', visible: true, features: polygons });
  }
  return ok(layers);
}
