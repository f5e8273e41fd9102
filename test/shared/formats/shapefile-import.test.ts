import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FeatureCollection, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { inspectImport } from '../../../shared/formats/import-files';
import type { Grid } from '../../../shared/model';
import { FIXTURES, fixture, importAs, value } from './import-helpers';

// The source the fixtures were written from (make-fixtures.sh runs ogr2ogr on it).
const source = JSON.parse(
  readFileSync(path.join(FIXTURES, 'grids-source.geojson'), 'utf8'),
) as FeatureCollection<Polygon>;
const names = source.features.map((f) => f.properties!.WGMC as string);

function grids(file: string, options = {}): Grid[] {
  return value(importAs([fixture(file)], { layer: 'grid' }, options)).entities as Grid[];
}

/** Largest distance in degrees between the imported vertices and the source's, ring by ring. */
function worstError(imported: readonly Grid[]): number {
  let worst = 0;
  imported.forEach((grid, i) => {
    const expected = source.features[i]!.geometry.coordinates;
    const got = (grid.geometry as Polygon).coordinates;
    expect(got).toHaveLength(expected.length);
    expected.forEach((ring, r) => {
      // Rings may start elsewhere or run the other way: compare as sets of vertices.
      for (const p of ring) {
        const nearest = Math.min(...got[r]!.map((q) => Math.hypot(q[0]! - p[0]!, q[1]! - p[1]!)));
        worst = Math.max(worst, nearest);
      }
    });
  });
  return worst;
}

describe('shapefiles written by ogr2ogr import with the right coordinates and text', () => {
  it.each([
    ['grids-gbk-zone35.zip', 'gbk', 'cpg', true],
    ['grids-gbk-cm105.zip', 'gbk', 'cpg', true],
    ['grids-utf8-cgcs2000.zip', 'utf-8', 'cpg', false],
    ['grids-gbk-no-cpg.zip', 'gbk', 'detected', false],
  ])('%s: encoding %s from %s, projected %s', (file, encoding, from, projected) => {
    const inspection = value(inspectImport([fixture(file)]));
    expect(inspection.format).toBe('shapefile');
    expect(inspection.encoding).toBe(encoding);
    expect(inspection.encodingSource).toBe(from);
    expect(inspection.crs).toMatchObject({ status: 'ok', projected });
    expect(inspection.geometryKind).toBe('polygon');
    expect(inspection.recordCount).toBe(3);
    expect(inspection.suggestedLayer).toBe('grid');
    expect(inspection.proposals.grid).toEqual({
      code: 'WGBM',
      name: 'WGMC',
      type: 'WGLX',
      parentCode: 'CJDM',
      note: 'BZ',
    });
    expect(inspection.preview.map((row) => row[1])).toEqual(names);

    const imported = grids(file);
    expect(imported.map((g) => g.name)).toEqual(names);
    expect(imported.map((g) => g.code)).toEqual(['510302001001001', '510302001001002', '510302001001003']);
    expect(imported.map((g) => g.gridType)).toEqual(['urban', 'urban', 'exclusive']);
    expect(imported.every((g) => g.parentCode === '510302001001')).toBe(true);
    // Unmapped fields are kept, and the note (BZ) is the grid's note, Chinese intact.
    expect(imported[0]!.extra).toMatchObject({ HS: 320 });
    expect(imported[0]!.note).toBe('含彩灯公园·东侧');
    // Gauss-Kruger there and back: well under a millimetre (1e-8° ≈ 1 mm).
    expect(worstError(imported)).toBeLessThan(1e-8);
    // The hole of the third grid stays a hole.
    expect((imported[2]!.geometry as Polygon).coordinates).toHaveLength(2);
  });

  it('asks for the zone of projected data without a .prj, proposing it from the easting prefix', () => {
    const inspection = value(inspectImport([fixture('grids-zone35-no-prj.zip')]));
    expect(inspection.crs).toMatchObject({ status: 'needs-zone', reason: 'missing-prj' });
    expect(inspection.crs?.status === 'needs-zone' && inspection.crs.proposed?.epsg).toBe(4523);
    const refused = importAs([fixture('grids-zone35-no-prj.zip')], { layer: 'grid' });
    expect(refused.ok).toBe(false);
    expect(worstError(grids('grids-zone35-no-prj.zip', { zoneEpsg: 4523 }))).toBeLessThan(1e-8);
  });

  it('a wrong zone is refused instead of placing the data elsewhere when coordinates leave the globe', () => {
    // Zone 35 data read as "CM 105°E without prefix": eastings of 35 million metres are not on Earth.
    const wrong = importAs([fixture('grids-zone35-no-prj.zip')], { layer: 'grid' }, { zoneEpsg: 4544 });
    expect(wrong.ok).toBe(false);
  });

  it('lets the planner override the encoding and shows the decoded preview', () => {
    const asUtf8 = value(inspectImport([fixture('grids-gbk-zone35.zip')], { encoding: 'utf-8' }));
    expect(asUtf8.encodingSource).toBe('override');
    expect(asUtf8.preview[0]![1]).not.toBe(names[0]);
    expect(asUtf8.preview[0]![1]).toContain('\uFFFD');
    expect(asUtf8.garbled).toBe(true);
    // Shown garbled in the preview, never imported garbled.
    const refused = importAs([fixture('grids-gbk-zone35.zip')], { layer: 'grid' }, { encoding: 'utf-8' });
    expect(refused.ok || refused.problems[0]!.kind).toBe('bad-encoding');
    const asGbk = value(inspectImport([fixture('grids-gbk-zone35.zip')], { encoding: 'gbk' }));
    expect(asGbk.preview[0]![1]).toBe(names[0]);
  });

  it('reads loose .shp/.shx/.dbf/.prj/.cpg files as well as a zip, extensions in any case', async () => {
    const { unzipSync } = await import('fflate');
    const entries = unzipSync(fixture('grids-gbk-zone35.zip').bytes);
    const loose = Object.entries(entries).map(([name, bytes]) => ({
      name: name.replace('grids.', 'GRIDS.').replace(/\.(\w+)$/, (_, e: string) => `.${e.toUpperCase()}`),
      bytes,
    }));
    const imported = value(importAs(loose, { layer: 'grid' })).entities as Grid[];
    expect(imported.map((g) => g.name)).toEqual(names);
  });
});
