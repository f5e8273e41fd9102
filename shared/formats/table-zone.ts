import type { BBox } from './coordinate-systems';
import { gaussKrugerZone, looksProjected } from './coordinate-systems';
import type { TableRow } from './csv';
import type { FieldMapping } from './field-mapping';
import { proposeMapping } from './field-mapping';
import type { CrsStatus } from './zone-status';
import { chosenZoneStatus, zoneNeededStatus } from './zone-status';
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
  if (zone) return chosenZoneStatus(zone);
  return zoneNeededStatus(bbox, (x, y) =>
    text(
      `表中“${longitude}”“${latitude}”两列是以米为单位的投影坐标（如 x=${x}, y=${y}），不是经纬度。`,
      `The columns "${longitude}" and "${latitude}" hold projected metres (e.g. x=${x}, y=${y}), not longitude/latitude.`,
    ),
  );
}
