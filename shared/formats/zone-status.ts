import type { LocalText, Problem } from '../model';
import { text } from '../model';
import type { BBox, GaussKrugerZone } from './coordinate-systems';
import { proposeZone } from './coordinate-systems';

// What an imported file's coordinates are in, as the import dialog and the command line say it: the same
// for a shapefile without a .prj and a census table in metres.

/** What the coordinates are, or why the planner must say. */
export type CrsStatus =
  | {
      readonly status: 'ok';
      /** The system's own name (a .prj's PROJCS or GEOGCS name), or GridPlan's English one. */
      readonly name: string;
      /** GridPlan's words for it, where GridPlan named it (a chosen zone, no .prj): shown before `name`. */
      readonly label?: LocalText;
      readonly projected: boolean;
      /** EPSG code of the CGCS2000 Gauss-Kruger zone the coordinates are in, when they are in one. */
      readonly zoneEpsg?: number;
      /** Read, but with a caveat the planner must see (a Beijing 1954 or Xi'an 1980 datum). */
      readonly warning?: Problem;
    }
  | {
      readonly status: 'needs-zone';
      /** `missing-prj`: projected coordinates and no .prj; `unknown-prj`: a .prj proj4 cannot read. */
      readonly reason: 'missing-prj' | 'unknown-prj';
      /** The zone the eastings' prefix points to, if any. */
      readonly proposed: GaussKrugerZone | undefined;
      readonly message: Problem;
    };

/** Coordinates in the CGCS2000 Gauss-Kruger zone the planner chose. */
export function chosenZoneStatus(zone: GaussKrugerZone): CrsStatus {
  return { status: 'ok', name: zone.label.en, label: zone.label, projected: true, zoneEpsg: zone.epsg };
}

/**
 * Projected metres that nothing names the zone of: the planner must choose it; the zone the eastings'
 * prefix points to is proposed. `what` says which coordinates, given a corner of their box in whole
 * metres; the request to choose follows it.
 */
export function zoneNeededStatus(box: BBox, what: (x: number, y: number) => LocalText): CrsStatus {
  const proposed = proposeZone(box);
  const lead = what(Math.round(box[0]), Math.round(box[1]));
  return {
    status: 'needs-zone',
    reason: 'missing-prj',
    proposed,
    message: {
      kind: 'missing-prj',
      message: text(
        `${lead.zh}请选择数据所在的 CGCS2000 投影带${proposed ? `（根据带号前缀推测为 ${proposed.label.zh}）` : ''}。`,
        `${lead.en} Choose the CGCS2000 zone the data is in${proposed ? ` (the zone prefix suggests ${proposed.label.en})` : ''}.`,
      ),
    },
  };
}
