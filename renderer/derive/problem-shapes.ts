import type { Feature, FeatureCollection, Polygon } from 'geojson';
import type { AreaEntity, Division } from '../../shared/model';
import type { ValidationIssue } from '../../shared/validate';
import type { PreparedPolygon } from '../../shared/geometry/prepared-polygon';
import { preparePolygon } from '../../shared/geometry/prepared-polygon';
import type { SlabInterval } from '../../shared/validate/sweep-coverage';
import { sweepCoverage } from '../../shared/validate/sweep-coverage';
import { SweepTooComplex } from '../../shared/validate/sweep-too-complex';
import type { Trapezoid } from './trapezoid-outline';
import { trapezoidOutline } from './trapezoid-outline';

/**
 * What a drawn problem piece is (ui.md: gap red hatched, overlap red solid, outside the village a red
 * outline, `outside-outline`, over a faint fill of its pieces).
 */
export type ProblemKind = 'gap' | 'overlap' | 'outside' | 'outside-outline';

const PARENT_LAYER = { community: 'township', grid: 'community', microgrid: 'grid' } as const;
const CHILD_LAYER = {
  township: 'community',
  community: 'grid',
  grid: 'microgrid',
  microgrid: undefined,
} as const;

function trapezoid(interval: SlabInterval, kind: ProblemKind): Feature<Polygon> | null {
  const { y0, y1, left0, right0, left1, right1 } = interval;
  if (right0 - left0 <= 0 && right1 - left1 <= 0) return null;
  return {
    type: 'Feature',
    properties: { kind },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [left0, y0],
          [right0, y0],
          [right1, y1],
          [left1, y1],
          [left0, y0],
        ],
      ],
    },
  };
}

/**
 * The shapes of the gaps, overlaps and parts outside a village that the validator reported, as the
 * trapezoids of the same exact sweep it measured them with (shared/validate/sweep-coverage): drawn
 * together they are the pieces, with no polygon clipping. Computed only for the issues at hand.
 */
export function problemShapes(division: Division, issues: readonly ValidationIssue[]): FeatureCollection {
  const features: Feature[] = [];
  const prepared = new Map<AreaEntity, PreparedPolygon>();
  const prepare = (entity: AreaEntity): PreparedPolygon => {
    let polygon = prepared.get(entity);
    if (!polygon) {
      polygon = preparePolygon(entity.geometry);
      prepared.set(entity, polygon);
    }
    return polygon;
  };
  const byCode = (layer: 'township' | 'community' | 'grid', code: string): AreaEntity | undefined =>
    [...division[layer].values()].find((entity) => entity.code === code);
  const push = (interval: SlabInterval, kind: ProblemKind): void => {
    const feature = trapezoid(interval, kind);
    if (feature) features.push(feature);
  };
  const gapsDone = new Set<AreaEntity>();

  const draw = (issue: ValidationIssue): void => {
    if (issue.layer === 'census') return;
    if (issue.rule === 'overlap' && issue.ids.length === 2) {
      const areas = division[issue.layer] as ReadonlyMap<string, AreaEntity>;
      const a = areas.get(issue.ids[0]!);
      const b = areas.get(issue.ids[1]!);
      if (!a || !b) return;
      sweepCoverage([prepare(a), prepare(b)], (interval) => push(interval, 'overlap'), { minInside: 2 });
    } else if (issue.rule === 'gap' && issue.ids.length === 1) {
      // A gap issue names the parent (township, community or grid); one sweep draws all its gaps.
      const parent = (division[issue.layer] as ReadonlyMap<string, AreaEntity>).get(issue.ids[0]!);
      const childLayer = CHILD_LAYER[issue.layer];
      if (!parent || !childLayer || gapsDone.has(parent)) return;
      gapsDone.add(parent);
      const children = [...(division[childLayer] as ReadonlyMap<string, AreaEntity>).values()].filter(
        (child) => child.layer === 'community' || ('parentCode' in child && child.parentCode === parent.code),
      );
      sweepCoverage([prepare(parent), ...children.map(prepare)], (interval, inside, insideCount) => {
        if (inside[0] && insideCount === 1) push(interval, 'gap');
      });
    } else if (issue.rule === 'outside-parent' && issue.ids.length === 1 && issue.parentCode) {
      const parentLayer = issue.layer === 'township' ? undefined : PARENT_LAYER[issue.layer];
      const child = (division[issue.layer] as ReadonlyMap<string, AreaEntity>).get(issue.ids[0]!);
      const parent = parentLayer && byCode(parentLayer, issue.parentCode);
      if (!child || !parent) return;
      const pieces: Trapezoid[] = [];
      sweepCoverage([prepare(parent), prepare(child)], (interval, inside) => {
        if (!inside[0] && inside[1]) {
          push(interval, 'outside');
          // The sweep reuses its interval: keep a copy for the outline.
          const { y0, y1, left0, right0, left1, right1 } = interval;
          pieces.push({ y0, y1, left0, right0, left1, right1 });
        }
      });
      if (pieces.length > 0) {
        features.push({
          type: 'Feature',
          properties: { kind: 'outside-outline' },
          geometry: { type: 'MultiLineString', coordinates: trapezoidOutline(pieces) },
        });
      }
    }
  };

  for (const issue of issues) {
    const before = features.length;
    try {
      draw(issue);
    } catch (error) {
      if (!(error instanceof SweepTooComplex)) throw error;
      // Too complex to draw in bounded time: drop what was drawn of it (the issue list still has it).
      features.length = before;
    }
  }
  return { type: 'FeatureCollection', features };
}
