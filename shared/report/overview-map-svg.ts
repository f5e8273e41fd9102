import type { Division, Language, ReferenceLayer, TargetStatus } from '../model';
import type { ValidationReport } from '../validate/validation-report';
import { circle, drawDivisionMap } from './draw-division-map';
import { legendItems } from './legend';
import type { LegendEntry } from './legend';
import type { MeasureText, SceneItem } from './map-scene';
import { estimateTextWidth } from './map-scene';
import { INK, TARGET_LEGEND, TARGET_STYLES } from './map-styles';
import { REVIEW_WORDS } from './review-report-words';
import { scenesToSvg } from './scene-to-svg';

/** Options of {@link overviewMapSvg}. */
export interface OverviewMapSvgOptions {
  readonly referenceLayers?: readonly ReferenceLayer[];
  readonly lang?: Language;
  /** Size of the map in CSS pixels (default 880 × 620); the legend adds a strip below. */
  readonly width?: number;
  readonly height?: number;
  readonly measure?: MeasureText;
}

/**
 * The reviewer's overview map as SVG (the same drawing as the PDF's overview page): grids coloured and
 * hatched by household target, labelled by name, issues marked and numbered as in the report, with a
 * legend, scale bar and north arrow. For the HTML report and the app.
 */
export function overviewMapSvg(
  division: Division,
  report: ValidationReport,
  options: OverviewMapSvgOptions = {},
): string {
  const lang = options.lang ?? 'zh';
  const width = options.width ?? 880;
  const height = options.height ?? 620;
  const measure = options.measure ?? estimateTextWidth;
  const points = report.issues.filter((issue) => issue.rule === 'unassigned-point');
  const others = report.issues.filter((issue) => issue.rule !== 'unassigned-point');
  const map = drawDivisionMap(division, {
    box: { x: 0, y: 0, width, height },
    colourBy: 'target',
    targets: new Map(report.grids.map((grid) => [grid.code, grid.target])),
    labels: 'all',
    labelCodes: false,
    labelSize: 9,
    referenceLayers: options.referenceLayers,
    markers: [
      ...points.map((issue) => ({ lon: issue.at[0], lat: issue.at[1], small: true })),
      ...others.map((issue, index) => ({ lon: issue.at[0], lat: issue.at[1], label: String(index + 1) })),
    ],
    measure,
    lang,
  });
  const statuses: TargetStatus[] = ['under', 'ok', 'over', 'none'];
  const entries: LegendEntry[] = statuses.map((status) => ({
    swatch: TARGET_STYLES[status],
    text: TARGET_LEGEND[status][lang],
  }));
  const legendTop = height + 12;
  const column = width / 3;
  const legend: SceneItem[] = [
    ...legendItems(entries.slice(0, 2), 8, legendTop, column - 16, measure, 11),
    ...legendItems(entries.slice(2), column + 8, legendTop, column - 16, measure, 11),
    {
      kind: 'area',
      rings: [circle(2 * column + 20, legendTop + 7, 6)],
      stroke: INK.problem,
      strokeWidth: 1.8,
    },
    {
      kind: 'text',
      x: 2 * column + 34,
      y: legendTop + 7,
      text: REVIEW_WORDS.problemMarker[lang],
      size: 11,
      colour: INK.text,
      anchor: 'start',
    },
  ];
  const legendBox = { x: 0, y: height, width, height: 60 };
  return scenesToSvg(
    [map.scene, { clip: legendBox, items: legend }],
    { x: 0, y: 0, width, height: height + 60 },
    'overview',
    REVIEW_WORDS.overview[lang],
  );
}
