import type { BBox } from './coordinate-systems';
import { gaussKrugerZone, looksProjected, proposeZone } from './coordinate-systems';
import type { TableRow } from './csv';
import type { FieldMapping } from './field-mapping';
import { proposeMapping } from './field-mapping';
import type { CrsStatus } from './shapefile-read';
import { text } from '../model';

/**
 * Rows looked at to tell metres from degrees: the first ten, what the preview and the command line's
 * streaming reader keep (both paths must judge a table alike).
 */
const SAMPLED_ROWS = 10;

/**
 * What a census table's coordinates are in, from its longitude and latitude columns (`mapping`, the
 * proposal by default): a
 * CGCS2000 Gauss-Kruger zone when they look like its metres (a chosen `zoneEpsg`, or `needs-zone` with
 * the zone the eastings' prefix points to, as for a shapefile without a .prj), undefined for degrees.
 * The import dialog then asks for the zone, and the rows are converted from it (`LayerRequest.zoneEpsg`).
 */
export function tableCrs(
  header: readonly string[],
  rows: readonly TableRow[],
  zoneEpsg: number | undefined,
  mapping: FieldMapping = proposeMapping('census', header, true),
): CrsStatus | undefined {
  const { longitude, latitude } = mapping;
  if (longitude === undefined || latitude === undefined) return undefined;
  const x = header.indexOf(longitude);
  const y = header.indexOf(latitude);
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const row of rows.slice(0, SAMPLED_ROWS)) {
    const east = Number(row.cells[x]?.trim() || NaN);
    const north = Number(row.cells[y]?.trim() || NaN);
    if (!Number.isFinite(east) || !Number.isFinite(north)) continue;
    box[0] = Math.min(box[0]!, east);
    box[1] = Math.min(box[1]!, north);
    box[2] = Math.max(box[2]!, east);
    box[3] = Math.max(box[3]!, north);
  }
  const bbox = box as unknown as BBox; // four numbers, filled above
  if (!looksProjected(bbox)) return undefined;
  const zone = zoneEpsg === undefined ? undefined : gaussKrugerZone(zoneEpsg);
  if (zone)
    return { status: 'ok', name: zone.label.en, label: zone.label, projected: true, zoneEpsg: zone.epsg };
  const proposed = proposeZone(bbox);
  return {
    status: 'needs-zone',
    reason: 'missing-prj',
    proposed,
    message: {
      kind: 'missing-prj',
      message: text(
        `表中“${longitude}”“${latitude}”两列是以米为单位的投影坐标（如 x=${Math.round(bbox[0])}, y=${Math.round(bbox[1])}），不是经纬度。请选择数据所在的 CGCS2000 投影带${proposed ? `（根据带号前缀推测为 ${proposed.label.zh}）` : ''}。`,
        `The columns "${longitude}" and "${latitude}" hold projected metres (e.g. x=${Math.round(bbox[0])}, y=${Math.round(bbox[1])}), not longitude/latitude. Choose the CGCS2000 zone the data is in${proposed ? ` (the zone prefix suggests ${proposed.label.en})` : ''}.`,
      ),
    },
  };
}
