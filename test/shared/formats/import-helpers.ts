import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Geometry } from 'geojson';
import type { ImportReadOptions, ImportSource } from '../../../shared/formats/import-files';
import { convertImport, readImport } from '../../../shared/formats/import-files';
import type { LayerImport, LayerRequest } from '../../../shared/formats/import-layer';
import type { ShapeRecord } from '../../../shared/formats/shapefile-write';
import { writeShapefile } from '../../../shared/formats/shapefile-write';
import type { InputFile } from '../../../shared/formats/zip-archive';
import { writeZip } from '../../../shared/formats/zip-archive';
import type { Problem, Result } from '../../../shared/model';

/** test/fixtures/import, where the ogr2ogr-written shapefiles are. */
export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/import');

export function fixture(name: string): InputFile {
  return { name, bytes: new Uint8Array(readFileSync(path.join(FIXTURES, name))) };
}

export function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.problems.map((p) => p.message.en).join('\n'));
  return result.value;
}

export function problems<T>(result: Result<T>): readonly Problem[] {
  if (result.ok) throw new Error('expected a refusal');
  return result.problems;
}

/** The English and Chinese of every problem, joined: what a test searches for words. */
export function said(list: readonly Problem[]): string {
  return list.map((p) => `${p.message.zh} | ${p.message.en}`).join('\n');
}

/** Reads and converts files as one layer with the proposed mapping plus `mapping`. */
export function importAs(
  files: readonly InputFile[],
  request: Partial<LayerRequest> & Pick<LayerRequest, 'layer'>,
  options: ImportReadOptions = {},
): Result<LayerImport> {
  const read = readImport(files, options);
  if (!read.ok) return read;
  const source: ImportSource = read.value;
  const mapping = { ...source.inspection.proposals[request.layer], ...request.mapping };
  return convertImport(source, { ...request, mapping });
}

/** A square polygon ring around (lon, lat), counter-clockwise. */
export function square(lon: number, lat: number, size = 0.01): Geometry & { type: 'Polygon' } {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lon, lat],
        [lon + size, lat],
        [lon + size, lat + size],
        [lon, lat + size],
        [lon, lat],
      ],
    ],
  };
}

/** A shapefile zip of grids (WGBM, WGMC) written by GridPlan's own writer, for crafted bad inputs. */
export function gridZip(
  records: readonly ShapeRecord[],
  { encoding = 'utf-8', drop = [] as string[], name = 'grids.zip' } = {},
): InputFile {
  const written = writeShapefile(
    {
      name: 'grids',
      shapeType: 'polygon',
      fields: [
        { name: 'WGBM', type: 'C' },
        { name: 'WGMC', type: 'C' },
      ],
      records,
    },
    { encoding: encoding as 'utf-8' | 'gbk', crs: 'cgcs2000' },
  );
  const files = written.files.filter((f) => !drop.some((ext) => f.name.endsWith(`.${ext}`)));
  return { name, bytes: writeZip(files) };
}
