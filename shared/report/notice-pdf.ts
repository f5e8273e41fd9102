import type { PDFPage } from 'pdf-lib';
import type { FittedTitle } from './fit-title';
import { fitTitle } from './fit-title';
import { labelled, withAside } from './punctuation';
import { countCensus, polygonAreaM2 } from '../geometry';
import type {
  Community,
  Division,
  Grid,
  Language,
  MicroGrid,
  ReferenceLayer,
  StaffMember,
  Township,
} from '../model';
import { appendAll, ROLE_LABELS, STAFF_ROLES } from '../model';
import { drawDivisionMap, divisionBounds, preparedOf } from './draw-division-map';
import { fourBoundaries, formatBoundary } from './four-boundaries';
import type { PageBox, SceneItem } from './map-scene';
import { communityFill, EXCLUSIVE_HATCH, INK } from './map-styles';
import { padBox, unionBox } from './page-projection';
import type { LonLatBox, PageProjection } from './page-projection';
import { createPdf, drawItems, formatDate, label, PAPER, rule, tableItems, box } from './pdf-document';
import type { PdfBuilder, ReportFonts, TableColumn } from './pdf-document';
import { drawSceneOnPdf } from './pdf-scene';
import { formatInteger, GRID_TYPE_WORDS, NOTICE_WORDS } from './notice-words';
import { legendItems } from './legend';
import type { LegendEntry } from './legend';

/** Options of {@link noticePdf}. */
export interface NoticeOptions {
  readonly fonts: ReportFonts;
  /** Only the grids of these communities (codes); default every grid of the township. */
  readonly communities?: readonly string[];
  /** Streets and other reference layers drawn on the maps; roads also name the four boundaries. */
  readonly referenceLayers?: readonly ReferenceLayer[];
  /** The date printed on the notice and stored in the file (default now). */
  readonly date?: Date;
  readonly lang?: Language;
  /** Put the A3 township overview first (default true). */
  readonly overview?: boolean;
}

/** What one grid's notice says: everything but the map. Public facts only (no census personal data). */
export interface GridNoticeFacts {
  readonly grid: Grid;
  readonly community?: Community;
  readonly title: string;
  readonly areaM2: number;
  readonly households: number;
  readonly population: number;
  /** 北至, 东至, 南至, 西至 as printed. */
  readonly bounds: readonly { readonly side: string; readonly text: string }[];
  readonly staff: readonly StaffMember[];
  readonly microgrids: readonly { readonly micro: MicroGrid; readonly households: number }[];
}

/** The grid's name without its community's name in front (光明社区第1网格 → 第1网格). */
export function shortGridName(grid: Grid, community: Community | undefined): string {
  const name = grid.name || grid.code;
  if (community && community.name && name.startsWith(community.name) && name.length > community.name.length) {
    return name.slice(community.name.length).trim();
  }
  return name;
}

function staffInOrder(staff: readonly StaffMember[] | undefined): StaffMember[] {
  return [...(staff ?? [])].sort((a, b) => STAFF_ROLES.indexOf(a.role) - STAFF_ROLES.indexOf(b.role));
}

/** The grids a notice covers, by community then code. */
function noticeGrids(division: Division, communities: readonly string[] | undefined): Grid[] {
  const wanted = communities && communities.length > 0 ? new Set(communities) : undefined;
  return [...division.grid.values()]
    .filter((grid) => !wanted || wanted.has(grid.parentCode))
    .sort((a, b) => a.parentCode.localeCompare(b.parentCode) || a.code.localeCompare(b.code));
}

/**
 * The facts of every grid's notice: title, area, households and population counted from census points
 * (only the counts: a census point's personal data is never read), the four boundaries, staff in the
 * order of the regulations and micro-grids with their leaders.
 */
export function noticeFacts(
  division: Division,
  options: Pick<NoticeOptions, 'communities' | 'referenceLayers' | 'lang'> = {},
): GridNoticeFacts[] {
  const lang = options.lang ?? 'zh';
  const counts = countCensus(division);
  const communityByCode = new Map([...division.community.values()].map((c) => [c.code, c]));
  const micros = [...division.microgrid.values()].sort((a, b) => a.code.localeCompare(b.code));
  return noticeGrids(division, options.communities).map((grid) => {
    const community = communityByCode.get(grid.parentCode);
    const tally = counts.byGrid.get(grid.id);
    const bounds = fourBoundaries(grid, division, options.referenceLayers ?? []);
    return {
      grid,
      community,
      title:
        lang === 'zh'
          ? `${community?.name ?? ''} ${shortGridName(grid, community)} ${NOTICE_WORDS.notice.zh}`.trim()
          : `${NOTICE_WORDS.notice.en}: ${grid.name || grid.code}${community ? `, ${community.name}` : ''}`,
      areaM2: polygonAreaM2(grid.geometry),
      households: tally?.households ?? 0,
      population: tally?.population ?? 0,
      bounds: bounds.map((side) => ({
        side: formatBoundary(side, lang).side,
        text: formatBoundary(side, lang).text,
      })),
      staff: staffInOrder(grid.staff),
      microgrids: micros
        .filter((micro) => micro.parentCode === grid.code)
        .map((micro) => ({ micro, households: counts.byMicrogrid.get(micro.id)?.households ?? 0 })),
    };
  });
}

function townshipOf(division: Division): Township | undefined {
  return [...division.township.values()][0];
}

function gridBounds(grid: Grid): LonLatBox {
  const bounds = divisionBounds({
    meta: { name: '', ruleSetId: '', extra: {} },
    township: new Map(),
    community: new Map(),
    grid: new Map([[grid.id, grid]]),
    microgrid: new Map(),
    census: new Map(),
  });
  return padBox(bounds ?? [0, 0, 0.001, 0.001], 0.18, 0.0008);
}

const MARGIN = 42;

function footerItems(
  width: number,
  height: number,
  township: Township | undefined,
  date: Date,
  lang: Language,
): SceneItem[] {
  const w = NOTICE_WORDS;
  const phone = township?.supervisionPhone?.trim();
  const y = height - 78;
  return [
    rule(MARGIN, width - MARGIN, y - 12, 1, INK.text),
    label(MARGIN, y + 4, labelled(w.supervision[lang], phone || w.supervisionMissing[lang], lang), 13, {
      bold: true,
    }),
    label(width - MARGIN, y + 4, labelled(w.date[lang], formatDate(date, lang), lang), 10, { anchor: 'end' }),
    label(width - MARGIN, y + 22, township?.name ?? '', 10, { anchor: 'end' }),
    label(MARGIN, height - 40, w.footer[lang], 7.5, { colour: INK.muted }),
  ];
}

function gridPage(
  pdf: PdfBuilder,
  division: Division,
  facts: GridNoticeFacts,
  options: NoticeOptions,
  date: Date,
): void {
  const lang = options.lang ?? 'zh';
  const w = NOTICE_WORDS;
  const [width, height] = PAPER.a4;
  const page = pdf.addPage(PAPER.a4);
  const township = townshipOf(division);
  const contentWidth = width - 2 * MARGIN;
  const items: SceneItem[] = [
    // A long name shrinks, then wraps, rather than running off the page.
    ...titleItems(width / 2, 52, fitTitle(facts.title, contentWidth, pdf.measure, TITLE)),
    label(width / 2, 76, `${township?.name ?? ''}  ·  ${w.code[lang]} ${facts.grid.code}`, 9.5, {
      anchor: 'middle',
      colour: INK.muted,
    }),
  ];
  // The map takes the room the tables below leave above the footer (a row of one line is ~19 pt; wrapped
  // cells make it taller, and what then does not fit flows onto a continuation page).
  const row = 19;
  const tablesHeight =
    14 +
    3 * row +
    24 +
    2 * row +
    24 +
    (1 + Math.max(1, facts.staff.length)) * row +
    14 +
    (facts.microgrids.length > 0 ? 10 + (1 + facts.microgrids.length) * row + 14 : 0);
  const mapHeight = Math.max(190, Math.min(400, height - 100 - 92 - tablesHeight));
  const mapBox = { x: MARGIN, y: 92, width: contentWidth, height: mapHeight };
  const map = drawDivisionMap(division, {
    box: mapBox,
    bounds: gridBounds(facts.grid),
    colourBy: 'community',
    focusGridIds: new Set([facts.grid.id]),
    labels: 'all',
    labelCodes: false,
    labelText: (grid) => (grid.id === facts.grid.id ? grid.name || grid.code : grid.name || grid.code),
    referenceLayers: options.referenceLayers,
    measure: pdf.measure,
    lang,
  });
  drawSceneOnPdf(page, map.scene, pdf.faces);
  items.push(box(mapBox, undefined, INK.text, 0.8));

  const half = contentWidth / 2;
  const pairColumns = [
    { title: '', width: 84 },
    { title: '', width: half - 84 },
    { title: '', width: 84 },
    { title: '', width: half - 84 },
  ];
  let y = mapBox.y + mapBox.height + 14;
  const ha = (facts.areaM2 / 10000).toFixed(2);
  const factRows = [
    [w.code[lang], facts.grid.code, w.type[lang], GRID_TYPE_WORDS[facts.grid.gridType ?? 'unknown'][lang]],
    [
      w.community[lang],
      facts.community?.name ?? facts.grid.parentCode,
      w.area[lang],
      w.areaValue(formatInteger(facts.areaM2), ha)[lang],
    ],
    [
      w.households[lang],
      w.householdsValue(formatInteger(facts.households))[lang],
      w.population[lang],
      w.populationValue(formatInteger(facts.population))[lang],
    ],
  ];
  const factsTable = tableItems(MARGIN, y, pairColumns, factRows, pdf.measure, { header: false, size: 9.5 });
  appendAll(items, factsTable.items);
  y = factsTable.y + 14;

  items.push(label(MARGIN, y, w.bounds[lang], 11, { bold: true }));
  y += 10;
  const b = facts.bounds;
  const boundRows = [
    [b[0]?.side ?? '', b[0]?.text ?? '', b[1]?.side ?? '', b[1]?.text ?? ''],
    [b[2]?.side ?? '', b[2]?.text ?? '', b[3]?.side ?? '', b[3]?.text ?? ''],
  ];
  const boundsTable = tableItems(MARGIN, y, pairColumns, boundRows, pdf.measure, {
    header: false,
    size: 9.5,
  });
  appendAll(items, boundsTable.items);
  y = boundsTable.y + 14;

  const staffRows =
    facts.staff.length > 0
      ? facts.staff.map((member) => [ROLE_LABELS[member.role][lang], member.name, member.phone ?? ''])
      : [[w.noStaff[lang], '', '']];
  const sections: { heading: string; columns: TableColumn[]; rows: (readonly string[])[]; size: number }[] = [
    {
      heading: w.staff[lang],
      columns: [
        { title: w.role[lang], width: 150 },
        { title: w.name[lang], width: 170 },
        { title: w.phone[lang], width: contentWidth - 320 },
      ],
      rows: staffRows,
      size: 9.5,
    },
  ];
  if (facts.microgrids.length > 0) {
    sections.push({
      heading: w.microgrids[lang],
      columns: [
        { title: w.microgrid[lang], width: 130 },
        { title: w.microCode[lang], width: 120 },
        { title: w.microLeader[lang], width: 90 },
        { title: w.phone[lang], width: 110 },
        { title: w.households[lang], width: contentWidth - 450, align: 'end' },
      ],
      rows: facts.microgrids.map(({ micro, households }) => {
        const leader = staffInOrder(micro.staff)[0];
        return [micro.name, micro.code, leader?.name ?? '', leader?.phone ?? '', formatInteger(households)];
      }),
      size: 9,
    });
  }

  // Tables flow on: what does not fit above the footer continues on pages of their own (a grid with
  // many staff or micro-grids), each with the title and the same footer.
  const maxY = height - 100;
  let current = page;
  let currentItems = items;
  const continuedTitle = withAside(facts.title, w.continued[lang], lang);
  const newPage = () => {
    appendAll(currentItems, footerItems(width, height, township, date, lang));
    drawItems(current, currentItems, pdf.faces);
    current = pdf.addPage(PAPER.a4);
    currentItems = [
      ...titleItems(width / 2, 52, fitTitle(continuedTitle, contentWidth, pdf.measure, CONTINUED_TITLE)),
    ];
    y = 80;
  };
  for (const section of sections) {
    let rows: readonly (readonly string[])[] = section.rows;
    let heading = section.heading;
    while (rows.length > 0) {
      if (y + 50 > maxY) newPage();
      currentItems.push(label(MARGIN, y, heading, 11, { bold: true }));
      y += 10;
      const table = tableItems(MARGIN, y, section.columns, rows, pdf.measure, { size: section.size, maxY });
      appendAll(currentItems, table.items);
      y = table.y + 14;
      rows = table.rest;
      heading = withAside(section.heading, w.continued[lang], lang);
      if (rows.length > 0) newPage();
    }
  }
  appendAll(currentItems, footerItems(width, height, township, date, lang));
  drawItems(current, currentItems, pdf.faces);
}

function overviewPage(pdf: PdfBuilder, division: Division, options: NoticeOptions, date: Date): void {
  const lang = options.lang ?? 'zh';
  const w = NOTICE_WORDS;
  const [height, width] = PAPER.a3;
  const page: PDFPage = pdf.addPage([width, height]);
  const township = townshipOf(division);
  const name = township?.name ?? division.meta.name;
  const mapBox = { x: 30, y: 66, width: 880, height: height - 96 };
  const communityByCode = new Map([...division.community.values()].map((c) => [c.code, c]));
  const map = drawDivisionMap(division, {
    box: mapBox,
    colourBy: 'community',
    labels: 'all',
    labelCodes: true,
    labelSize: 9,
    labelText: (grid) => shortGridName(grid, communityByCode.get(grid.parentCode)),
    referenceLayers: options.referenceLayers,
    measure: pdf.measure,
    lang,
  });
  drawSceneOnPdf(page, map.scene, pdf.faces);
  const counts = countCensus(division);
  const communities = [...division.community.values()].sort((a, b) => a.code.localeCompare(b.code));
  const entries: LegendEntry[] = communities.map((community, index) => {
    const grids = [...division.grid.values()].filter((grid) => grid.parentCode === community.code);
    const households = grids.reduce((sum, grid) => sum + (counts.byGrid.get(grid.id)?.households ?? 0), 0);
    return {
      swatch: { fill: communityFill(index), stroke: INK.gridLine, strokeWidth: 0.6 },
      text: community.name,
      note: (grids.length === 0 ? w.notDivided : w.gridsCount(grids.length, formatInteger(households)))[lang],
    };
  });
  entries.push(
    {
      swatch: { fill: INK.paper, stroke: INK.gridLine, strokeWidth: 0.6, hatch: EXCLUSIVE_HATCH },
      text: w.exclusive[lang],
    },
    { swatch: { stroke: INK.gridLine, strokeWidth: 0.7 }, text: w.gridBoundary[lang], line: true },
    {
      swatch: { stroke: INK.community, strokeWidth: 1.3, dash: [6, 2, 1.5, 2] },
      text: w.communityBoundary[lang],
      line: true,
    },
    { swatch: { stroke: INK.township, strokeWidth: 2 }, text: w.townshipBoundary[lang], line: true },
  );
  if (division.microgrid.size > 0)
    entries.push({
      swatch: { stroke: INK.microgrid, strokeWidth: 0.5, dash: [2, 1.5] },
      text: w.microBoundary[lang],
      line: true,
    });
  if ((options.referenceLayers ?? []).some((layer) => layer.role === 'road' && layer.features.length > 0))
    entries.push({
      swatch: { stroke: INK.road, strokeWidth: 3.2 },
      text: w.road[lang],
      line: true,
      road: true,
    });
  const legendX = mapBox.x + mapBox.width + 22;
  const legend = legendItems(entries, legendX, 98, width - legendX - 24, pdf.measure);
  const legendBottom = Math.max(...legend.map((item) => (item.kind === 'text' ? item.y + item.size : 0)));
  const items: SceneItem[] = [
    label(30, 36, w.overviewTitle(name)[lang], 22, { bold: true }),
    box(mapBox, undefined, INK.text, 1),
    label(legendX, 80, w.legend[lang], 13, { bold: true }),
    ...legend,
    ...insetItems(
      pdf,
      page,
      division,
      map.projection,
      {
        x: legendX,
        y: legendBottom + 30,
        width: width - legendX - 24,
        height: height - 100 - legendBottom - 30,
      },
      options,
      communityByCode,
    ),
    label(
      legendX,
      height - 70,
      w.gridsCount(division.grid.size, formatInteger(sumHouseholds(counts)))[lang],
      10,
    ),
    label(
      legendX,
      height - 52,
      labelled(w.supervision[lang], township?.supervisionPhone?.trim() || w.supervisionMissing[lang], lang),
      10,
      { bold: true },
    ),
    label(legendX, height - 34, labelled(w.date[lang], formatDate(date, lang), lang), 10),
  ];
  drawItems(page, items, pdf.faces);
}

/**
 * Where grids are too small on the overview to be read (a town centre among large villages), an enlarged
 * inset of them below the legend, with its extent outlined on the main map. Nothing when all grids read.
 */
function insetItems(
  pdf: PdfBuilder,
  page: PDFPage,
  division: Division,
  projection: PageProjection,
  space: PageBox,
  options: NoticeOptions,
  communityByCode: ReadonlyMap<string, Community>,
): SceneItem[] {
  const lang = options.lang ?? 'zh';
  const small: LonLatBox[] = [];
  for (const grid of division.grid.values()) {
    const prepared = preparedOf(grid.geometry);
    if (prepared.empty) continue;
    const [x0, y1] = projection.project(prepared.minX, prepared.minY);
    const [x1, y0] = projection.project(prepared.maxX, prepared.maxY);
    if (Math.max(x1 - x0, y1 - y0) < 45)
      small.push([prepared.minX, prepared.minY, prepared.maxX, prepared.maxY]);
  }
  if (small.length < 3 || space.height < 120 || space.width < 120) return [];
  const bounds = padBox(unionBox(small)!, 0.04);
  const insetBox = {
    x: space.x,
    y: space.y + 18,
    width: space.width,
    height: Math.min(space.height - 18, space.width * 1.2),
  };
  const inset = drawDivisionMap(division, {
    box: insetBox,
    bounds,
    marginPt: 4,
    colourBy: 'community',
    labels: 'all',
    labelCodes: false,
    labelSize: 7,
    labelText: (grid) => shortGridName(grid, communityByCode.get(grid.parentCode)),
    referenceLayers: options.referenceLayers,
    northArrow: false,
    measure: pdf.measure,
    lang,
  });
  drawSceneOnPdf(page, inset.scene, pdf.faces);
  // The inset's extent on the main map.
  const [ax, ay] = projection.project(inset.projection.shown[0], inset.projection.shown[3]);
  const [bx, by] = projection.project(inset.projection.shown[2], inset.projection.shown[1]);
  const extent = { x: ax, y: ay, width: bx - ax, height: by - ay };
  return [
    label(space.x, space.y + 6, NOTICE_WORDS.inset[lang], 11, { bold: true }),
    box(insetBox, undefined, INK.text, 0.8),
    { ...box(extent, undefined, INK.problem, 1.2), dash: [4, 2] } as SceneItem,
    label(extent.x + extent.width, extent.y - 6, NOTICE_WORDS.insetMark[lang], 8, {
      anchor: 'end',
      colour: INK.problem,
      halo: INK.halo,
    }),
  ];
}

function sumHouseholds(counts: ReturnType<typeof countCensus>): number {
  let sum = 0;
  for (const tally of counts.byGrid.values()) sum += tally.households;
  return sum;
}

/**
 * The public notice (公示) as a PDF: an A3 landscape overview of the township (grids coloured by
 * community and labelled, legend, scale bar, north arrow), then one A4 portrait page per grid with its
 * map among neighbours and streets, code, four boundaries, area, households, population, staff with
 * phones, micro-grids, the township's supervision phone and the date. Residents' personal data is never
 * read. The Chinese font is embedded as a subset.
 */
export async function noticePdf(division: Division, options: NoticeOptions): Promise<Uint8Array> {
  const lang = options.lang ?? 'zh';
  const date = options.date ?? new Date();
  const township = townshipOf(division);
  const pdf = await createPdf(options.fonts, {
    title: NOTICE_WORDS.documentTitle(township?.name ?? division.meta.name)[lang],
    subject: NOTICE_WORDS.notice[lang],
    date,
  });
  if (options.overview ?? true) overviewPage(pdf, division, options, date);
  for (const facts of noticeFacts(division, options)) gridPage(pdf, division, facts, options, date);
  if (pdf.doc.getPageCount() === 0) overviewPage(pdf, division, options, date);
  return pdf.save();
}

/** A grid page's title: 20 pt, down to 12, then two lines; a continuation page's: 16, down to 11. */
const TITLE = { maxSize: 20, minSize: 12, maxLines: 2 };
const CONTINUED_TITLE = { maxSize: 16, minSize: 11, maxLines: 2 };

/** A fitted title's lines, centred on `x`, around the baseline `y` of a one-line title. */
function titleItems(x: number, y: number, title: FittedTitle): SceneItem[] {
  const leading = title.size * 1.25;
  const top = y - ((title.lines.length - 1) * leading) / 2;
  return title.lines.map((line, index) =>
    label(x, top + index * leading, line, title.size, { bold: true, anchor: 'middle' }),
  );
}
