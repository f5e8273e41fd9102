import type { LineString, Polygon } from 'geojson';
import type { Division, ReferenceLayer } from '../../shared/model';
import { snapToDivision } from '../editor/snap-to-division';
import type { SnapExclusion } from '../editor/snap-to-division';
import { traceDrawn } from '../editor/trace-drawn';
import type { DrawCallbacks, SnapHit } from '../map/draw-controller';

/** The editor's map props that reference layers change: snapping and the finished shapes. */
export interface DrawingMapProps {
  readonly snap: (position: [number, number], toleranceDeg: number) => SnapHit | undefined;
  /** The feature under vertex editing, left out of snapping (snap only to other features). */
  readonly snapExcept?: () => SnapExclusion | undefined;
  readonly draw: Omit<DrawCallbacks, 'snap'>;
}

/**
 * The editor's map props with the project's reference layers added: the pointer also snaps to visible
 * reference lines and outlines, and, in trace mode (追踪), a finished polygon or split line follows the
 * reference lines and existing boundaries between consecutive clicks on them before it becomes a
 * Change. Read at call time by the map, so the latest document and layers are used.
 */
export function withReferences<P extends DrawingMapProps>(
  props: P,
  division: Division,
  layers: readonly ReferenceLayer[],
  options: { readonly snapping: boolean; readonly trace: boolean },
): P {
  const { draw } = props;
  return {
    ...props,
    snap: (position, toleranceDeg) =>
      options.snapping
        ? snapToDivision(division, position, toleranceDeg, layers, props.snapExcept?.())
        : undefined,
    draw: {
      ...draw,
      onPolygon: (polygon: Polygon) => {
        if (!options.trace) return draw.onPolygon(polygon);
        const ring = traceDrawn(polygon.coordinates[0]!, true, division, layers);
        draw.onPolygon({ type: 'Polygon', coordinates: [ring, ...polygon.coordinates.slice(1)] });
      },
      onLine: (line: LineString) => {
        if (!options.trace) return draw.onLine(line);
        draw.onLine({
          type: 'LineString',
          coordinates: traceDrawn(line.coordinates, false, division, layers),
        });
      },
    },
  };
}
