import type { Polygon } from 'geojson';
import type { FilingPackage } from '../shared/formats/filing-package';
import { readFilingPackage } from '../shared/formats/filing-package';
import type { FilingPdfInput, FilingPdfMakers } from '../shared/cli/build-filing-package';
import { buildFilingPackage } from '../shared/cli/build-filing-package';
import type { CensusPoint, Community, Division, Entity, Grid, Township } from '../shared/model';
import { builtinRuleSet, divisionOf, ok } from '../shared/model';

async function onePagePdf(title: string, input: FilingPdfInput): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  pdf
    .addPage([595, 842])
    .drawText(`${title}: ${input.division.grid.size} grids`, { x: 50, y: 780, size: 14, font });
  pdf.setCreationDate(new Date(input.createdAt));
  pdf.setModificationDate(new Date(input.createdAt));
  return pdf.save();
}

/**
 * Small real PDFs standing in for shared/report's report and notices (what the city office checks is
 * the package and its hashes, not the drawing; the real makers would dominate the benchmark).
 */
const PDF_MAKERS: FilingPdfMakers = {
  report: async (input) => ok(await onePagePdf('report', input)),
  notices: async (input) => ok(await onePagePdf('notices', input)),
};
import { PDFDocument, StandardFonts } from 'pdf-lib';

/** How a generated township is laid out: a row of townships along x, each a block of grids. */
export interface TownshipShape {
  /** Position in the row (0, 1, …): township i spans [LON0 + i·width, LON0 + (i+1)·width]. */
  readonly index: number;
  /** Communities along x, each `gridsX` × `gridsY` grids. */
  readonly communities: number;
  readonly gridsX: number;
  readonly gridsY: number;
  /** Township width and height in degrees. */
  readonly width: number;
  readonly height: number;
  /**
   * Moves the west edge of its communities and grids (not of the township polygon) by this many degrees:
   * negative reaches into the west neighbour (an overlap), positive leaves a strip of the township
   * uncovered (a gap along the shared border).
   */
  readonly westShift?: number;
  /** Households of each grid (one census point at its middle). */
  readonly households?: number;
  /** Second row of townships (south of the first) for cities larger than one row. */
  readonly row?: number;
  /** Changes every grid's name (a new version). */
  readonly nameSuffix?: string;
}

export const LON0 = 104.7;
export const LAT0 = 29.3;

function box(x0: number, y0: number, x1: number, y1: number): Polygon {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
        [x0, y0],
      ],
    ],
  };
}

/** The 12-digit township code of township `index` (county 510302, or the next county per 900). */
export function townshipCode(index: number, row = 0): string {
  const n = row * 1000 + index;
  const county = 510302 + Math.floor(n / 900);
  return `${county}${String(100 + (n % 900)).padStart(3, '0')}000`;
}

/**
 * A township division laid out on a lattice: a township polygon, communities side by side, grids as
 * cells, one census point per grid. Neighbouring townships share their borders exactly.
 */
export function townshipDivision(shape: TownshipShape): Division {
  const row = shape.row ?? 0;
  const code = townshipCode(shape.index, row);
  const townshipWest = LON0 + shape.index * shape.width;
  const west = townshipWest + (shape.westShift ?? 0);
  const east = LON0 + (shape.index + 1) * shape.width;
  const south = LAT0 - (row + 1) * shape.height;
  const north = south + shape.height;
  const entities: Entity[] = [];
  const township: Township = {
    layer: 'township',
    id: `t${code}`,
    code,
    name: `第${shape.index}镇`,
    geometry: box(townshipWest, south, east, north),
    extra: {},
  };
  entities.push(township);
  const communityWidth = (east - west) / shape.communities;
  for (let c = 0; c < shape.communities; c++) {
    const communityCode = `${code.slice(0, 9)}${String(c + 1).padStart(3, '0')}`;
    const cx0 = west + c * communityWidth;
    const cx1 = c === shape.communities - 1 ? east : cx0 + communityWidth;
    const community: Community = {
      layer: 'community',
      id: `c${communityCode}`,
      code: communityCode,
      name: `社区${c + 1}`,
      kind: 'urban',
      geometry: box(cx0, south, cx1, north),
      extra: {},
    };
    entities.push(community);
    const gw = (cx1 - cx0) / shape.gridsX;
    const gh = (north - south) / shape.gridsY;
    let n = 0;
    for (let gy = 0; gy < shape.gridsY; gy++) {
      for (let gx = 0; gx < shape.gridsX; gx++) {
        n++;
        const gridCode = `${communityCode}${String(n).padStart(3, '0')}`;
        const x0 = cx0 + gx * gw;
        const x1 = gx === shape.gridsX - 1 ? cx1 : x0 + gw;
        const y0 = south + gy * gh;
        const y1 = gy === shape.gridsY - 1 ? north : y0 + gh;
        const grid: Grid = {
          layer: 'grid',
          id: `g${gridCode}`,
          code: gridCode,
          name: `社区${c + 1}第${n}网格${shape.nameSuffix ?? ''}`,
          parentCode: communityCode,
          gridType: 'urban',
          geometry: box(x0, y0, x1, y1),
          extra: {},
        };
        entities.push(grid);
        const point: CensusPoint = {
          layer: 'census',
          id: `p${gridCode}`,
          lon: (x0 + x1) / 2,
          lat: (y0 + y1) / 2,
          households: shape.households ?? 400,
          population: (shape.households ?? 400) * 2,
          extra: {},
        };
        entities.push(point);
      }
    }
  }
  return divisionOf({ name: township.name, ruleSetId: 'zigong' }, entities);
}

/** A filing package of the division (real zip, real manifest hashes; small stand-in PDFs). */
export async function packageOf(
  division: Division,
  options: { readonly version?: number; readonly base?: FilingPackage } = {},
): Promise<{ readonly bytes: Uint8Array; readonly pkg: FilingPackage }> {
  const built = await buildFilingPackage(division, {
    version: options.version ?? 1,
    createdAt: '2026-12-05T08:00:00.000Z',
    ruleSet: builtinRuleSet('zigong')!,
    pdfs: PDF_MAKERS,
    ...(options.base
      ? { base: { division: options.base.division, sha256: options.base.manifest.divisionSha256 } }
      : {}),
  });
  if (!built.ok) throw new Error('the package could not be built');
  const read = readFilingPackage(built.value.bytes, 'test.zip');
  if (!read.ok) throw new Error('the package does not read back');
  return { bytes: built.value.bytes, pkg: read.value };
}
