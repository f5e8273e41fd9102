import type { FeatureCollection, Point } from 'geojson';
import type { RuleName, ValidationIssue } from '../../shared/validate';

/**
 * Issues whose place is a whole grid whose fill already says it (blue under, orange over its household
 * target): a marker adds nothing there, and one per grid covered every fill of a 5,000-grid city at the
 * zoom that shows it whole (a white disc with an orange ring per grid, wider than the grid).
 */
const SHOWN_BY_THE_FILL: ReadonlySet<RuleName> = new Set<RuleName>(['household-over', 'household-under']);

/** What the issue-point layer's paint reads. */
export interface IssueMarkerProperties {
  readonly key: string;
  readonly severity: ValidationIssue['severity'];
  readonly selected: boolean;
}

/**
 * The points of the issue-point layer: where each overlap, gap, part outside the village or other
 * problem is. Census issues have their own red dots (overlays/unassigned-overlay.ts); household-target
 * issues are marked only when chosen in the 问题 tab.
 */
export function issueMarkers(
  issues: readonly ValidationIssue[],
  selectedKey: string | undefined,
): FeatureCollection<Point, IssueMarkerProperties> {
  return {
    type: 'FeatureCollection',
    features: issues
      .filter(
        (issue) =>
          issue.layer !== 'census' && (!SHOWN_BY_THE_FILL.has(issue.rule) || issue.key === selectedKey),
      )
      .map((issue) => ({
        type: 'Feature' as const,
        properties: { key: issue.key, severity: issue.severity, selected: issue.key === selectedKey },
        geometry: { type: 'Point' as const, coordinates: [...issue.at] },
      })),
  };
}
