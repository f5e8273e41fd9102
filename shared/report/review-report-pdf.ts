import type { PDFPage } from 'pdf-lib';
import { labelled, withAside } from './punctuation';
import type { AreaEntity, Division, Language, ReferenceLayer, TargetStatus } from '../model';
import { RULE_LABELS } from '../validate/rule-labels';
import type { ReportIssue, ValidationReport } from '../validate/validation-report';
import { drawDivisionMap, preparedOf } from './draw-division-map';
import { legendItems } from './legend';
import type { LegendEntry } from './legend';
import type { SceneItem } from './map-scene';
import { INK, TARGET_LEGEND, TARGET_STYLES } from './map-styles';
import { circle } from './draw-division-map';
import { locatePoint, metresPerDegree, PointLocation } from '../geometry';
import { padBox, unionBox } from './page-projection';
import type { LonLatBox } from './page-projection';
import {
  box,
  createPdf,
  drawItems,
  formatDate,
  label,
  PAPER,
  rule,
  tableItems,
  wrapText,
} from './pdf-document';
import type { PdfBuilder, ReportFonts } from './pdf-document';
import { drawSceneOnPdf } from './pdf-scene';
import { formatInteger } from './notice-words';
import { REVIEW_WORDS } from './review-report-words';
import { appendAll } from '../model';

/** A reviewer's decision to print in the sign-off block (blank lines are printed without one). */
export interface ReviewDecisionInfo {
  readonly decision: 'approve' | 'return';
  readonly reviewer: string;
  /** ISO date or date-time. */
  readonly date: string;
  readonly note?: string;
}

/** Options of {@link reviewReportPdf}. */
export interface ReviewReportOptions {
  readonly fonts: ReportFonts;
  /** The rule set's name as printed (default the report's rule-set id). */
  readonly ruleSetName?: string;
  /** Version number or label (版本); default "working copy". */
  readonly version?: string;
  readonly date?: Date;
  readonly lang?: Language;
  readonly referenceLayers?: readonly ReferenceLayer[];
  /** A decision already taken, printed in the sign-off block. */
  readonly decision?: ReviewDecisionInfo;
}

/** One row of the per-community summary. */
export interface CommunitySummary {
  readonly code: string;
  readonly name: string;
  readonly grids: number;
  readonly households: number;
  /** Grids with a household target (exclusive grids and villages' grids under some rule sets have none). */
  readonly withTarget: number;
  /** Of them, within it. */
  readonly withinBand: number;
  readonly errors: number;
  readonly warnings: number;
}

/**
 * The per-community summary of a report: grids, households, grids within the household band, and
 * errors and warnings (an issue counts for the community it names, else the community of its first grid,
 * else the community its location lies in; issues of none are in a last row without a community).
 */
export function communitySummary(division: Division, report: ValidationReport): CommunitySummary[] {
  type Row = { -readonly [K in keyof CommunitySummary]: CommunitySummary[K] };
  const emptyRow = (code: string, name: string): Row => ({
    code,
    name,
    grids: 0,
    households: 0,
    withTarget: 0,
    withinBand: 0,
    errors: 0,
    warnings: 0,
  });
  const rows = new Map<string, Row>();
  const communities = [...division.community.values()].sort((a, b) => a.code.localeCompare(b.code));
  for (const community of communities) rows.set(community.code, emptyRow(community.code, community.name));
  const row = (code: string | undefined) => {
    const key = code ?? '';
    let found = rows.get(key);
    if (!found) {
      found = emptyRow(key, '');
      rows.set(key, found);
    }
    return found;
  };
  const parentOf = new Map<string, string>();
  for (const grid of report.grids) {
    parentOf.set(grid.code, grid.parentCode);
    const r = row(rows.has(grid.parentCode) ? grid.parentCode : undefined);
    r.grids++;
    r.households += grid.households;
    if (grid.target !== 'none') r.withTarget++;
    if (grid.target === 'ok') r.withinBand++;
  }
  for (const micro of report.microgrids ?? []) {
    const parent = parentOf.get(micro.parentCode);
    if (parent) parentOf.set(micro.code, parent);
  }
  for (const issue of report.issues) {
    const fromCodes = issue.codes
      .map((code) => (rows.has(code) ? code : parentOf.get(code)))
      .find((c) => c !== undefined);
    // A census point in no grid names no code: it counts for the community it lies in.
    const located =
      fromCodes ??
      communities.find(
        (community) =>
          locatePoint(preparedOf(community.geometry), issue.at[0], issue.at[1]) !== PointLocation.outside,
      )?.code;
    const code = issue.parentCode && rows.has(issue.parentCode) ? issue.parentCode : located;
    const r = row(code && rows.has(code) ? code : undefined);
    if (issue.severity === 'error') r.errors++;
    else r.warnings++;
  }
  return [...rows.values()].filter((r) => r.code !== '' || r.grids + r.errors + r.warnings > 0);
}

/** "within / with a target", or a dash where no grid has a household target (nothing to meet). */
function withinOf(within: number, withTarget: number): string {
  return withTarget === 0 ? '—' : `${formatInteger(within)}/${formatInteger(withTarget)}`;
}

/** Issues about a census point in no grid: listed together on one map, not one map each. */
function pointIssues(report: ValidationReport): ReportIssue[] {
  return report.issues.filter((issue) => issue.rule === 'unassigned-point');
}

/** Every other issue: each gets its own locator map. */
function areaIssues(report: ValidationReport): ReportIssue[] {
  return report.issues.filter((issue) => issue.rule !== 'unassigned-point');
}

function targetsOf(report: ValidationReport): Map<string, TargetStatus> {
  return new Map(report.grids.map((grid) => [grid.code, grid.target]));
}

const MARGIN = 42;

function coverPage(
  pdf: PdfBuilder,
  division: Division,
  report: ValidationReport,
  options: ReviewReportOptions,
  date: Date,
): void {
  const lang = options.lang ?? 'zh';
  const w = REVIEW_WORDS;
  const [width] = PAPER.a4;
  const page = pdf.addPage(PAPER.a4);
  const township = [...division.township.values()][0];
  const pass = report.summary.errors === 0;
  const items: SceneItem[] = [
    label(width / 2, 120, w.title[lang], 26, { bold: true, anchor: 'middle' }),
    label(width / 2, 160, township ? withAside(township.name, township.code, lang) : division.meta.name, 15, {
      anchor: 'middle',
    }),
    rule(MARGIN + 60, width - MARGIN - 60, 186, 1.2, INK.text),
  ];
  const metaRows = [
    [w.township[lang], township?.name ?? division.meta.name],
    [w.version[lang], options.version ?? w.working[lang]],
    [w.ruleSet[lang], options.ruleSetName ?? report.ruleSet],
    [w.date[lang], formatDate(date, lang)],
  ];
  const meta = tableItems(
    MARGIN + 60,
    206,
    [
      { title: '', width: 110 },
      { title: '', width: width - 2 * MARGIN - 230 },
    ],
    metaRows,
    pdf.measure,
    {
      header: false,
      size: 11,
    },
  );
  appendAll(items, meta.items);
  let y = meta.y + 24;
  const verdictBox = { x: MARGIN, y, width: width - 2 * MARGIN, height: 50 };
  items.push(
    box(
      verdictBox,
      pass ? { r: 0.91, g: 0.96, b: 0.92 } : { r: 0.99, g: 0.92, b: 0.92 },
      pass ? TARGET_STYLES.ok.stroke : INK.problem,
      2,
    ),
  );
  items.push(
    label(MARGIN + 14, y + 17, (pass ? w.verdictPass : w.verdictFail)[lang], 14, {
      bold: true,
      colour: pass ? TARGET_STYLES.ok.stroke : INK.problem,
    }),
  );
  items.push(
    label(
      MARGIN + 14,
      y + 36,
      w.counts(
        report.summary.grids,
        report.summary.errors,
        report.summary.warnings,
        report.summary.accepted ?? 0,
      )[lang],
      10,
    ),
  );
  y += 74;
  items.push(label(MARGIN, y, w.summary[lang], 13, { bold: true }));
  y += 12;
  const summary = communitySummary(division, report);
  const contentWidth = width - 2 * MARGIN;
  const rows = summary.map((r) => [
    r.name ? `${r.name}\n${r.code}` : w.unplaced[lang],
    formatInteger(r.grids),
    formatInteger(r.households),
    withinOf(r.withinBand, r.withTarget),
    formatInteger(r.errors),
    formatInteger(r.warnings),
  ]);
  const sum = (key: 'grids' | 'households' | 'withTarget' | 'withinBand' | 'errors' | 'warnings') =>
    summary.reduce((s, r) => s + r[key], 0);
  rows.push([
    w.total[lang],
    formatInteger(sum('grids')),
    formatInteger(sum('households')),
    withinOf(sum('withinBand'), sum('withTarget')),
    formatInteger(sum('errors')),
    formatInteger(sum('warnings')),
  ]);
  const numberWidth = (contentWidth - 170) / 5;
  const table = tableItems(
    MARGIN,
    y,
    [
      { title: w.community[lang], width: 170 },
      { title: w.grids[lang], width: numberWidth, align: 'end' },
      { title: w.households[lang], width: numberWidth, align: 'end' },
      { title: w.withinBand[lang], width: numberWidth, align: 'end' },
      { title: w.errors[lang], width: numberWidth, align: 'end' },
      { title: w.warnings[lang], width: numberWidth, align: 'end' },
    ],
    rows,
    pdf.measure,
    { size: 9.5, maxY: PAPER.a4[1] - 50 },
  );
  appendAll(items, table.items);
  drawItems(page, items, pdf.faces);
}

function overviewPage(
  pdf: PdfBuilder,
  division: Division,
  report: ValidationReport,
  options: ReviewReportOptions,
): void {
  const lang = options.lang ?? 'zh';
  const w = REVIEW_WORDS;
  const [width, height] = PAPER.a4;
  const page = pdf.addPage(PAPER.a4);
  const mapBox = { x: MARGIN - 12, y: 70, width: width - 2 * MARGIN + 24, height: 600 };
  const map = drawDivisionMap(division, {
    box: mapBox,
    colourBy: 'target',
    targets: targetsOf(report),
    labels: 'all',
    labelCodes: false,
    labelSize: 7,
    labelText: (grid) => grid.code.slice(-3),
    referenceLayers: options.referenceLayers,
    markers: [
      ...pointIssues(report).map((issue) => ({ lon: issue.at[0], lat: issue.at[1], small: true })),
      ...areaIssues(report).map((issue, index) => ({
        lon: issue.at[0],
        lat: issue.at[1],
        label: String(index + 1),
      })),
    ],
    measure: pdf.measure,
    lang,
  });
  drawSceneOnPdf(page, map.scene, pdf.faces);
  const statuses: TargetStatus[] = ['under', 'ok', 'over', 'none'];
  const entries: LegendEntry[] = statuses.map((status) => ({
    swatch: TARGET_STYLES[status],
    text: TARGET_LEGEND[status][lang],
  }));
  const half = Math.ceil(entries.length / 2);
  const items: SceneItem[] = [
    label(MARGIN, 46, w.overview[lang], 15, { bold: true }),
    box(mapBox, undefined, INK.text, 0.8),
    ...legendItems(entries.slice(0, half), MARGIN, mapBox.y + mapBox.height + 16, 230, pdf.measure, 9),
    ...legendItems(entries.slice(half), MARGIN + 240, mapBox.y + mapBox.height + 16, 230, pdf.measure, 9),
    {
      kind: 'area',
      rings: [circle(width - MARGIN - 120, mapBox.y + mapBox.height + 23, 6)],
      stroke: INK.problem,
      strokeWidth: 1.8,
    },
    label(width - MARGIN - 108, mapBox.y + mapBox.height + 23, w.problemMarker[lang], 9),
  ];
  void height;
  drawItems(page, items, pdf.faces);
}

function issueBounds(issue: ReportIssue, areasByCode: ReadonlyMap<string, AreaEntity>): LonLatBox {
  const boxes: LonLatBox[] = [];
  for (const code of issue.parentCode !== undefined && issue.codes.length === 0
    ? [issue.parentCode]
    : issue.codes) {
    const area = areasByCode.get(code);
    if (!area) continue;
    const prepared = preparedOf(area.geometry);
    if (!prepared.empty) boxes.push([prepared.minX, prepared.minY, prepared.maxX, prepared.maxY]);
  }
  const [lon, lat] = issue.at;
  // At least ~300 m around the location, so a point issue still shows its surroundings.
  const perDegree = metresPerDegree(lat);
  const dLon = 150 / perDegree.lon;
  const dLat = 150 / perDegree.lat;
  boxes.push([lon - dLon, lat - dLat, lon + dLon, lat + dLat]);
  return padBox(unionBox(boxes)!, 0.08);
}

function issuePages(
  pdf: PdfBuilder,
  division: Division,
  report: ValidationReport,
  options: ReviewReportOptions,
): void {
  const lang = options.lang ?? 'zh';
  const w = REVIEW_WORDS;
  const [width, height] = PAPER.a4;
  const gridsByCode = new Map([...division.grid.values()].map((grid) => [grid.code, grid]));
  const areasByCode = new Map<string, AreaEntity>([
    ...[...division.community.values()].map((c) => [c.code, c] as const),
    ...[...division.microgrid.values()].map((m) => [m.code, m] as const),
    ...gridsByCode,
  ]);
  const targets = targetsOf(report);
  const perPage = 3;
  const slot = (height - 110) / perPage;
  const issues = areaIssues(report);
  if (report.issues.length === 0) {
    const page = pdf.addPage(PAPER.a4);
    drawItems(
      page,
      [label(MARGIN, 46, w.issues[lang], 15, { bold: true }), label(MARGIN, 80, w.noIssues[lang], 11)],
      pdf.faces,
    );
    return;
  }
  let page: PDFPage | undefined;
  let items: SceneItem[] = [];
  issues.forEach((issue, index) => {
    const position = index % perPage;
    if (position === 0) {
      if (page) drawItems(page, items, pdf.faces);
      page = pdf.addPage(PAPER.a4);
      items = [label(MARGIN, 46, withAside(w.issues[lang], String(issues.length), lang), 15, { bold: true })];
    }
    const top = 70 + position * slot;
    const mapBox = { x: MARGIN, y: top, width: 220, height: slot - 24 };
    const focus = new Set(
      issue.codes.map((code) => gridsByCode.get(code)?.id).filter((id): id is string => id !== undefined),
    );
    const map = drawDivisionMap(division, {
      box: mapBox,
      bounds: issueBounds(issue, areasByCode),
      marginPt: 6,
      colourBy: 'target',
      targets,
      focusGridIds: focus,
      labels: 'focus',
      labelCodes: true,
      labelSize: 7,
      referenceLayers: options.referenceLayers,
      markers: [{ lon: issue.at[0], lat: issue.at[1] }],
      northArrow: false,
      measure: pdf.measure,
      lang,
    });
    drawSceneOnPdf(page!, map.scene, pdf.faces);
    items.push(box(mapBox, undefined, INK.text, 0.6));
    const x = mapBox.x + mapBox.width + 14;
    const textWidth = width - MARGIN - x;
    const error = issue.severity === 'error';
    let y = top + 8;
    items.push(
      label(
        x,
        y,
        `${w.issueHeading(index + 1, issues.length)[lang]} · ${RULE_LABELS[issue.rule][lang]}`,
        11.5,
        { bold: true },
      ),
    );
    items.push(
      label(
        width - MARGIN,
        y,
        `${w.severity[issue.severity][lang]}${issue.accepted ? ` · ${w.accepted[lang]}` : ''}`,
        9.5,
        {
          anchor: 'end',
          bold: true,
          colour: error ? INK.problem : INK.muted,
        },
      ),
    );
    y += 18;
    const names = issue.codes.map((code) => {
      const area = areasByCode.get(code);
      return area ? withAside(area.name, code, lang) : code;
    });
    const lines: [string, string][] = [];
    if (names.length > 0) lines.push([w.codes[lang], names.join('、')]);
    if (issue.areaM2 !== undefined)
      lines.push([w.area[lang], `${formatInteger(issue.areaM2)} ${w.m2[lang]}`]);
    lines.push([w.at[lang], `${issue.at[0].toFixed(6)}, ${issue.at[1].toFixed(6)}`]);
    lines.push([w.message[lang], issue.message]);
    if (issue.rule === 'household-over' || issue.rule === 'household-under' || issue.justification)
      lines.push([w.justification[lang], issue.justification ?? w.noJustification[lang]]);
    for (const [key, value] of lines) {
      const wrapped = wrapText(value, textWidth - 60, 9, pdf.measure);
      items.push(label(x, y, key, 9, { colour: INK.muted }));
      wrapped.forEach((line, k) => items.push(label(x + 60, y + k * 12.5, line, 9)));
      y += wrapped.length * 12.5 + 4;
      if (y > top + slot - 30) break;
    }
    if (position < perPage - 1 && index < issues.length - 1)
      items.push(rule(MARGIN, width - MARGIN, top + slot - 10, 0.5, INK.contextLine));
  });
  if (page) drawItems(page, items, pdf.faces);
  censusPointPages(pdf, division, report, options, targets);
}

/**
 * Census points in no grid, all on one locator map (numbered as in the table below it) and listed with
 * their messages; the table continues on further pages when long.
 */
function censusPointPages(
  pdf: PdfBuilder,
  division: Division,
  report: ValidationReport,
  options: ReviewReportOptions,
  targets: ReadonlyMap<string, TargetStatus>,
): void {
  const points = pointIssues(report);
  if (points.length === 0) return;
  const lang = options.lang ?? 'zh';
  const w = REVIEW_WORDS;
  const [width, height] = PAPER.a4;
  const page = pdf.addPage(PAPER.a4);
  const boxes: LonLatBox[] = points.map((issue) => {
    const perDegree = metresPerDegree(issue.at[1]);
    const dLon = 100 / perDegree.lon;
    const dLat = 100 / perDegree.lat;
    return [issue.at[0] - dLon, issue.at[1] - dLat, issue.at[0] + dLon, issue.at[1] + dLat];
  });
  const mapBox = { x: MARGIN, y: 70, width: width - 2 * MARGIN, height: 300 };
  const map = drawDivisionMap(division, {
    box: mapBox,
    bounds: padBox(unionBox(boxes)!, 0.05),
    marginPt: 8,
    colourBy: 'target',
    targets,
    labels: 'all',
    labelCodes: false,
    labelSize: 7,
    referenceLayers: options.referenceLayers,
    markers: points.map((issue, index) => ({
      lon: issue.at[0],
      lat: issue.at[1],
      label: String(index + 1),
      small: points.length > 30,
    })),
    measure: pdf.measure,
    lang,
  });
  drawSceneOnPdf(page, map.scene, pdf.faces);
  const columns = [
    { title: '#', width: 30, align: 'end' as const },
    { title: w.at[lang], width: 130 },
    { title: w.message[lang], width: width - 2 * MARGIN - 160 },
  ];
  const rows = points.map((issue, index) => [
    String(index + 1),
    `${issue.at[0].toFixed(6)}, ${issue.at[1].toFixed(6)}`,
    issue.message,
  ]);
  const title = withAside(RULE_LABELS['unassigned-point'][lang], String(points.length), lang);
  let table = tableItems(MARGIN, mapBox.y + mapBox.height + 14, columns, rows, pdf.measure, {
    size: 8.5,
    maxY: height - 50,
  });
  drawItems(
    page,
    [label(MARGIN, 46, title, 15, { bold: true }), box(mapBox, undefined, INK.text, 0.8), ...table.items],
    pdf.faces,
  );
  while (table.rest.length > 0) {
    const next = pdf.addPage(PAPER.a4);
    table = tableItems(MARGIN, 70, columns, table.rest, pdf.measure, { size: 8.5, maxY: height - 50 });
    drawItems(next, [label(MARGIN, 46, title, 15, { bold: true }), ...table.items], pdf.faces);
  }
}

function signOffPage(pdf: PdfBuilder, options: ReviewReportOptions): void {
  const lang = options.lang ?? 'zh';
  const w = REVIEW_WORDS;
  const [width] = PAPER.a4;
  const page = pdf.addPage(PAPER.a4);
  const decision = options.decision;
  const items: SceneItem[] = [label(MARGIN, 46, w.signOff[lang], 15, { bold: true })];
  const opinionBox = { x: MARGIN, y: 70, width: width - 2 * MARGIN, height: 260 };
  items.push(box(opinionBox, undefined, INK.text, 0.8));
  items.push(
    label(
      MARGIN + 10,
      86,
      labelled(w.opinion[lang], decision ? w.decision[decision.decision][lang] : '', lang),
      11,
      {
        bold: true,
      },
    ),
  );
  if (decision?.note) {
    wrapText(decision.note, opinionBox.width - 20, 10, pdf.measure)
      .slice(0, 16)
      .forEach((line, k) => items.push(label(MARGIN + 10, 108 + k * 14, line, 10)));
  }
  const y = opinionBox.y + opinionBox.height + 40;
  const field = (x: number, caption: string, value: string) => {
    items.push(label(x, y, labelled(caption, '', lang), 11));
    items.push(rule(x + 60, x + 220, y + 8, 0.8, INK.text));
    if (value) items.push(label(x + 66, y, value, 11));
  };
  field(MARGIN, w.reviewer[lang], decision?.reviewer ?? '');
  field(MARGIN + 260, w.signDate[lang], decision ? decision.date.slice(0, 10) : '');
  items.push(label(MARGIN, y + 50, labelled(w.signature[lang], '', lang), 11));
  items.push(rule(MARGIN + 90, MARGIN + 300, y + 58, 0.8, INK.text));
  drawItems(page, items, pdf.faces);
}

/**
 * The reviewer's report (审核报告) as a PDF: a cover (township, version, rule set, date, verdict,
 * summary per community: grids, households, within band, issues), an overview map coloured by household
 * target with every issue marked and numbered, every issue with a locator map, its message and the
 * planner's justification, and a sign-off block (审核人、日期、意见), filled in when a decision is given.
 * Page numbers are added at the end.
 */
export async function reviewReportPdf(
  division: Division,
  report: ValidationReport,
  options: ReviewReportOptions,
): Promise<Uint8Array> {
  const lang = options.lang ?? 'zh';
  const date = options.date ?? new Date();
  const township = [...division.township.values()][0];
  const pdf = await createPdf(options.fonts, {
    title: `${REVIEW_WORDS.title[lang]} ${township?.name ?? division.meta.name}`,
    subject: REVIEW_WORDS.title[lang],
    date,
  });
  coverPage(pdf, division, report, options, date);
  overviewPage(pdf, division, report, options);
  issuePages(pdf, division, report, options);
  signOffPage(pdf, options);
  const pages = pdf.doc.getPages();
  pages.forEach((page, index) => {
    drawItems(
      page,
      [
        label(PAPER.a4[0] / 2, PAPER.a4[1] - 24, REVIEW_WORDS.page(index + 1, pages.length)[lang], 8, {
          anchor: 'middle',
          colour: INK.muted,
        }),
      ],
      pdf.faces,
    );
  });
  return pdf.save();
}
