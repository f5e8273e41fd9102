import type { Division, GridType, Language, Layer, Result, StaffMember, StaffRole } from '../model';
import {
  CATEGORY_LABELS,
  ColumnarCensus,
  fail,
  GRID_STATUS_LABELS,
  GRID_TYPE_LABELS,
  lowerFirst,
  ok,
  ROLE_LABELS,
  text,
  wordsIn,
} from '../model';
import type { ExportCrs } from './coordinate-systems';
import { writeCsv } from './csv';
import { columnarCensusFeatureJson } from './columnar-census-json';
import { toGeoJson } from './geojson';
import { exportAreaM2, figuresOf } from './export-figures';
import type { DbfFieldSpec } from './dbf';
import type { ShapeRecord } from './shapefile-write';
import { writeShapefile } from './shapefile-write';
import type { TextEncodingName } from './text-encoding';
import { encodeText } from './text-encoding';
import { writeXlsx } from './xlsx';
import { writeZip } from './zip-archive';
import type { DeflateRaw } from './zip-write';

/**
 * Exports for other systems: one shapefile zip per layer with the DBF field names of domain.md (WGBM,
 * WGMC, WGLX ...), and the grid table as XLSX or CSV. Households, population and area are computed at
 * export (counted from census points, ellipsoidal area), never read from stored properties. Residents'
 * personal data is written only by the GeoJSON export, and only when asked for.
 */

/** Options of {@link exportDivisionGeoJson}: what goes beyond the areas, each only when asked. */
export interface GeoJsonExportOptions {
  /** Census points (人口点) in the same file. Off by default. */
  readonly withCensus?: boolean;
  /** Residents' personal fields (names, phones) on those points. Off by default; needs `withCensus`. */
  readonly withPersonalFields?: boolean;
  /** The moment written as `computedAt` (tests fix it); default now. */
  readonly at?: Date;
}

/**
 * The division as GeoJSON text for another system: every area in the interchange profile, grids and
 * micro-grids with households, population and area computed now (`computedHouseholds`,
 * `computedPopulation`, `computedAreaM2`, `computedAt`), census points only with `withCensus` and
 * residents' personal fields only with `withPersonalFields` too. The app's 导出数据… and
 * `gridplan export --to geojson` both write this.
 */
export function geoJsonExportText(division: Division, options: GeoJsonExportOptions = {}): Result<string> {
  if (options.withPersonalFields && !options.withCensus) {
    return fail({
      kind: 'personal-without-census',
      message: text(
        '居民个人信息只在人口点上：要导出它，须同时选择导出人口点。',
        "Residents' personal fields are on census points only: export the census points too to include them.",
      ),
    });
  }
  const exportOptions = {
    omitCensus: options.withCensus !== true,
    includePersonal: options.withPersonalFields === true,
    computedAt: options.at ?? new Date(),
  };
  const census = division.census;
  if (exportOptions.omitCensus || !(census instanceof ColumnarCensus))
    return ok(JSON.stringify(toGeoJson(division, exportOptions)));
  // Census points come last among the features (entitiesOf's order) and have no computed members: the
  // other features as before, then the points written from their columns, then the collection's end.
  const others = JSON.stringify(toGeoJson(division, { ...exportOptions, omitCensus: true }));
  const head = others.slice(0, -']}'.length);
  const parts = [head];
  let first = head.endsWith('[');
  for (const feature of columnarCensusFeatureJson(census, exportOptions)) {
    parts.push(first ? feature : `,${feature}`);
    first = false;
  }
  parts.push(']}');
  return ok(parts.join(''));
}

/** {@link geoJsonExportText} as a file. */
export function exportDivisionGeoJson(
  division: Division,
  options: GeoJsonExportOptions = {},
): Result<ExportedFile> {
  const written = geoJsonExportText(division, options);
  if (!written.ok) return written;
  return ok({
    bytes: encodeText(written.value, 'utf-8').bytes,
    fileName: `${division.meta.name || 'gridplan'}.geojson`,
    warnings: [],
  });
}

/** Options of {@link exportShapefileZip}. */
export interface ShapefileExportOptions {
  readonly crs: ExportCrs;
  readonly encoding: TextEncodingName;
  /** Day written in DBF headers (tests fix it). */
  readonly date?: Date;
  /**
   * A native raw DEFLATE for the zip (the command line gives Node's zlib); without it, fflate's, in
   * JavaScript.
   */
  readonly deflateRaw?: DeflateRaw;
}

/** An exported file and what the planner should know about it. */
export interface ExportedFile {
  readonly bytes: Uint8Array;
  /** Suggested file name. */
  readonly fileName: string;
  /** Things written inexactly (characters GBK lacks, cut cells), for the planner to read. */
  readonly warnings: readonly { readonly zh: string; readonly en: string }[];
}

/** The file base names of each layer's shapefile. */
export const SHAPEFILE_NAMES: Record<Layer, string> = {
  township: 'township',
  community: 'communities',
  grid: 'grids',
  microgrid: 'microgrids',
  census: 'census',
};

const GRID_TYPE_ZH = wordsIn(GRID_TYPE_LABELS, 'zh');
const STATUS_ZH = wordsIn(GRID_STATUS_LABELS, 'zh');
const CATEGORY_ZH = wordsIn(CATEGORY_LABELS, 'zh');

const C = (name: string): DbfFieldSpec => ({ name, type: 'C' });
const N = (name: string, decimals = 0): DbfFieldSpec => ({ name, type: 'N', decimals });

const area = exportAreaM2;

function memberInRole(staff: readonly StaffMember[] | undefined, role: StaffRole): StaffMember | undefined {
  return staff?.find((s) => s.role === role);
}

/** Field layout and rows of one layer (domain.md's names; at most 10 ASCII bytes each). */
function layerTable(division: Division, layer: Layer): { fields: DbfFieldSpec[]; records: ShapeRecord[] } {
  const figures = layer === 'census' ? undefined : figuresOf(division);
  const communityName = new Map([...division.community.values()].map((c) => [c.code, c.name]));
  const gridParent = new Map([...division.grid.values()].map((g) => [g.code, g.parentCode]));
  switch (layer) {
    case 'grid':
      return {
        fields: [
          C('WGBM'),
          C('WGMC'),
          C('WGLX'),
          C('ZSLB'),
          C('CJDM'),
          C('CJMC'),
          C('XZDM'),
          N('HS'),
          N('RK'),
          N('MJ', 2),
          C('WGZ'),
          C('LXDH'),
          C('ZT'),
          C('BZ'),
        ],
        records: [...division.grid.values()].map((g) => {
          const { households, population } = figures!.of(g);
          const leader = memberInRole(g.staff, 'leader');
          return {
            geometry: g.geometry,
            cells: [
              g.code,
              g.name,
              g.gridType ? GRID_TYPE_ZH[g.gridType] : '',
              g.exclusiveCategory ? CATEGORY_ZH[g.exclusiveCategory] : '',
              g.parentCode,
              communityName.get(g.parentCode) ?? '',
              g.parentCode.slice(0, 9),
              households,
              population,
              area(g),
              leader?.name ?? '',
              leader?.phone ?? '',
              g.status ? STATUS_ZH[g.status] : '',
              g.note ?? '',
            ],
          };
        }),
      };
    case 'microgrid':
      return {
        fields: [
          C('WGBM'),
          C('WGMC'),
          C('WGLX'),
          C('SJWGBM'),
          C('CJDM'),
          N('HS'),
          N('RK'),
          N('MJ', 2),
          C('WGZ'),
          C('LXDH'),
          C('BZ'),
        ],
        records: [...division.microgrid.values()].map((m) => {
          const { households, population } = figures!.of(m);
          const leader = memberInRole(m.staff, 'micro-leader') ?? memberInRole(m.staff, 'leader');
          return {
            geometry: m.geometry,
            cells: [
              m.code,
              m.name,
              '微网格',
              m.parentCode,
              gridParent.get(m.parentCode) ?? '',
              households,
              population,
              area(m),
              leader?.name ?? '',
              leader?.phone ?? '',
              m.note ?? '',
            ],
          };
        }),
      };
    case 'community':
      return {
        fields: [C('CJDM'), C('CJMC'), C('LX'), C('XZDM'), N('HS'), N('RK'), N('MJ', 2)],
        records: [...division.community.values()].map((c) => {
          const { households, population } = figures!.of(c);
          const kind = c.kind === 'urban' ? '社区' : c.kind === 'rural' ? '村' : '';
          return {
            geometry: c.geometry,
            cells: [c.code, c.name, kind, c.code.slice(0, 9), households, population, area(c)],
          };
        }),
      };
    case 'township':
      return {
        fields: [C('XZDM'), C('XZMC'), N('HS'), N('RK'), N('MJ', 2)],
        records: [...division.township.values()].map((t) => {
          const { households, population } = figures!.of(t);
          return {
            geometry: t.geometry,
            cells: [t.code.slice(0, 9), t.name, households, population, area(t)],
          };
        }),
      };
    case 'census':
      // HS, RK, DZ only: residents' names and phones are personal data and never leave through here.
      return {
        fields: [N('HS'), N('RK', 2), C('DZ')],
        records: censusRecords(division.census),
      };
  }
}

/** The census layer's shapefile rows (position; HS, RK, DZ), from the columns of a columnar census. */
function censusRecords(census: Division['census']): ShapeRecord[] {
  if (!(census instanceof ColumnarCensus)) {
    return [...census.values()].map((p) => ({
      geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
      cells: [p.households, p.population, p.address ?? ''],
    }));
  }
  const { ids, lon, lat, households, population, details } = census.columns;
  const addresses = new Map<number, string>();
  for (const detail of details) if (detail.address !== undefined) addresses.set(detail.index, detail.address);
  const records = new Array<ShapeRecord>(ids.length);
  for (let index = 0; index < ids.length; index++) {
    records[index] = {
      geometry: { type: 'Point', coordinates: [lon[index]!, lat[index]!] },
      cells: [households[index]!, population[index]!, addresses.get(index) ?? ''],
    };
  }
  return records;
}

const LAYER_ZH: Record<Layer, string> = {
  township: '乡镇/街道',
  community: '社区/行政村',
  grid: '网格',
  microgrid: '微网格',
  census: '人口点',
};

function emptyLayer(layer: Layer): Result<ExportedFile> {
  return fail({
    kind: 'empty-layer',
    message: text(
      `项目中没有${LAYER_ZH[layer]}，无可导出。`,
      `The project has no ${SHAPEFILE_NAMES[layer]} to export.`,
    ),
  });
}

/**
 * One layer as a shapefile zip: .shp/.shx/.dbf/.prj/.cpg named after the layer (`grids.shp` ...), the
 * .prj CGCS2000, WGS84 or a CGCS2000 Gauss-Kruger zone (coordinates projected to it), the DBF and .cpg
 * in UTF-8 or GBK. Refuses an empty layer.
 */
export function exportShapefileZip(
  division: Division,
  layer: Layer,
  options: ShapefileExportOptions,
): Result<ExportedFile> {
  if (division[layer].size === 0) return emptyLayer(layer);
  const { fields, records } = layerTable(division, layer);
  const written = writeShapefile(
    { name: SHAPEFILE_NAMES[layer], shapeType: layer === 'census' ? 'point' : 'polygon', fields, records },
    { encoding: options.encoding, crs: options.crs, ...(options.date ? { date: options.date } : {}) },
  );
  const warnings: { zh: string; en: string }[] = [];
  if (written.unmappable.length > 0) {
    const chars = written.unmappable.slice(0, 10).join(' ');
    warnings.push(
      text(
        `GBK 无法表示这些字符，已写为“?”：${chars}。需要完整保留时请选择 UTF-8。`,
        `GBK cannot hold these characters; they were written as "?": ${chars}. Choose UTF-8 to keep them.`,
      ),
    );
  }
  if (written.truncatedCells > 0) {
    warnings.push(
      text(
        `${written.truncatedCells} 个文本超过 DBF 的 254 字节上限，已截断。`,
        `${written.truncatedCells} texts exceeded the DBF limit of 254 bytes and were cut.`,
      ),
    );
  }
  return ok({
    bytes: writeZip(written.files, options.deflateRaw),
    fileName: `${division.meta.name || 'gridplan'}-${SHAPEFILE_NAMES[layer]}.zip`,
    warnings,
  });
}

function staffText(staff: readonly StaffMember[] | undefined, lang: Language): string {
  return (staff ?? [])
    .map(
      (s) =>
        `${lang === 'zh' ? ROLE_LABELS[s.role].zh : lowerFirst(ROLE_LABELS[s.role].en)} ${s.name}${s.phone ? ` ${s.phone}` : ''}`,
    )
    .join(lang === 'zh' ? '；' : '; ');
}

/** The grid table's header in each language. */
export const GRID_TABLE_HEADER: Record<Language, readonly string[]> = {
  zh: [
    '网格编码',
    '网格名称',
    '类型',
    '所属社区编码',
    '所属社区',
    '户数',
    '人口',
    '面积（平方米）',
    '网格员',
  ],
  en: [
    'Grid code',
    'Grid name',
    'Type',
    'Community code',
    'Community',
    'Households',
    'Population',
    'Area (m²)',
    'Staff',
  ],
};

const GRID_TYPE_EN: Record<GridType, string> = {
  urban: 'urban community',
  rural: 'rural',
  exclusive: 'exclusive',
};

/** One row per grid, in code order: code, name, type, community, households, population, area, staff. */
export function gridTableRows(division: Division, lang: Language): (string | number)[][] {
  const figures = figuresOf(division);
  const communityName = new Map([...division.community.values()].map((c) => [c.code, c.name]));
  return [...division.grid.values()]
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map((g) => {
      const { households, population } = figures.of(g);
      const type = g.gridType ? (lang === 'zh' ? GRID_TYPE_ZH[g.gridType] : GRID_TYPE_EN[g.gridType]) : '';
      return [
        g.code,
        g.name,
        type,
        g.parentCode,
        communityName.get(g.parentCode) ?? '',
        households,
        population,
        area(g),
        staffText(g.staff, lang),
      ];
    });
}

/** The grid table as XLSX (numbers stay numbers, so Excel can sum them). */
export function exportGridTableXlsx(division: Division, lang: Language): Result<ExportedFile> {
  if (division.grid.size === 0) return emptyLayer('grid');
  const bytes = writeXlsx(
    lang === 'zh' ? '网格' : 'Grids',
    GRID_TABLE_HEADER[lang],
    gridTableRows(division, lang),
  );
  return ok({ bytes, fileName: `${division.meta.name || 'gridplan'}-grids.xlsx`, warnings: [] });
}

/** The grid table as CSV in UTF-8 with a BOM (Excel then shows the Chinese correctly). */
export function exportGridTableCsv(division: Division, lang: Language): Result<ExportedFile> {
  if (division.grid.size === 0) return emptyLayer('grid');
  const csv = `\uFEFF${writeCsv(GRID_TABLE_HEADER[lang], gridTableRows(division, lang))}`;
  return ok({
    bytes: encodeText(csv, 'utf-8').bytes,
    fileName: `${division.meta.name || 'gridplan'}-grids.csv`,
    warnings: [],
  });
}
