import { describe, expect, it } from 'vitest';
import type { Position } from 'geojson';
import { readImport } from '../../../shared/formats/import-files';
import type { FeatureRecord } from '../../../shared/formats/import-layer';
import {
  guessReferenceRole,
  labelOf,
  proposeLabelField,
  recordsToReferenceLayer,
} from '../../../shared/formats/reference-layer-import';
import { fixture, problems, said, value } from './import-helpers';

const X = 104.75;
const Y = 29.36;

function line(...points: Position[]): FeatureRecord['geometry'] {
  return { type: 'LineString', coordinates: points };
}

function records(...geometries: FeatureRecord['geometry'][]): FeatureRecord[] {
  return geometries.map((geometry, i) => ({ record: i + 1, geometry, properties: { NAME: `路${i + 1}` } }));
}

describe('guessReferenceRole', () => {
  it('reads the geometry and the words of names, fields and values', () => {
    expect(guessReferenceRole('polyline', ['roads', 'NAME', 'fclass'])).toBe('road');
    expect(guessReferenceRole('polyline', ['水系', '名称'])).toBe('river');
    expect(guessReferenceRole('polyline', ['railways'])).toBe('railway');
    expect(guessReferenceRole('linestring', ['data', 'id'])).toBe('road');
    expect(guessReferenceRole('polygon', ['建筑轮廓', '层数'])).toBe('building');
    expect(guessReferenceRole('polygon', ['小区', 'XQMC'])).toBe('compound');
    expect(guessReferenceRole('polygon', ['areas'])).toBe('compound');
    // A polygon file that speaks of roads is still not a line layer.
    expect(guessReferenceRole('polygon', ['道路面'])).toBe('compound');
    expect(guessReferenceRole('point', ['x'])).toBe('other');
  });

  it('proposes a name field for labels', () => {
    expect(proposeLabelField(['FID', 'NAME', 'WIDTH'])).toBe('NAME');
    expect(proposeLabelField(['编号', '道路名称'])).toBe('道路名称');
    expect(proposeLabelField(['FID', 'WIDTH'])).toBeUndefined();
  });
});

describe('recordsToReferenceLayer', () => {
  it('rounds lines to the 1e-9° lattice and drops the duplicates rounding makes', () => {
    const imported = value(
      recordsToReferenceLayer(
        records(line([X + 1e-12, Y], [X, Y + 1e-12], [X + 0.001, Y + 0.0012345678912])),
        { id: 'r1', name: 'roads', role: 'road', labelField: 'NAME' },
      ),
    );
    expect(imported.layer.features).toHaveLength(1);
    expect(imported.layer.features[0]!.geometry).toEqual({
      type: 'LineString',
      coordinates: [
        [X, Y],
        [X + 0.001, 29.361234568],
      ],
    });
    expect(labelOf(imported.layer, imported.layer.features[0]!)).toBe('路1');
    expect(imported.layer.visible).toBe(true);
  });

  it('uses polygon rings as lines for a line role, and refuses lines for a polygon role record by record', () => {
    const ring: Position[] = [
      [X, Y],
      [X + 0.001, Y],
      [X + 0.001, Y + 0.001],
      [X, Y],
    ];
    const asRoad = value(
      recordsToReferenceLayer(records({ type: 'Polygon', coordinates: [ring] }), {
        id: 'r',
        name: 'n',
        role: 'river',
      }),
    );
    expect(asRoad.layer.features[0]!.geometry.type).toBe('LineString');

    const mixed = value(
      recordsToReferenceLayer(
        records(line([X, Y], [X + 1, Y]), { type: 'Polygon', coordinates: [ring] }, null),
        { id: 'c', name: 'n', role: 'compound' },
      ),
    );
    expect(mixed.layer.features).toHaveLength(1);
    expect(mixed.errors.map((e) => e.line)).toEqual([1, 3]);
    expect(mixed.total).toBe(3);
  });

  it('refuses a layer with no usable feature, saying why in both languages', () => {
    const refused = problems(
      recordsToReferenceLayer(records(line([X, Y], [X, Y]), line([500, Y], [X, Y])), {
        id: 'r',
        name: 'n',
        role: 'road',
      }),
    );
    expect(said(refused)).toMatch(/道路.*第 1 条/);
    expect(said(refused)).toMatch(/road reference layer/);
  });

  it('takes a GeoJSON of streets and a GBK shapefile of lines through the import pipeline', () => {
    const geojson = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { name: '人民路' },
          geometry: {
            type: 'LineString',
            coordinates: [
              [X, Y],
              [X + 0.01, Y],
            ],
          },
        },
      ],
    });
    const read = value(readImport([{ name: 'streets.geojson', bytes: new TextEncoder().encode(geojson) }]));
    expect(read.kind).toBe('features');
    if (read.kind !== 'features') return;
    expect(guessReferenceRole(read.inspection.geometryKind, [read.inspection.name])).toBe('road');
    const layer = value(recordsToReferenceLayer(read.records, { id: 'a', name: 'streets', role: 'road' }));
    expect(layer.layer.features[0]!.properties).toEqual({ name: '人民路' });

    // Written by ogr2ogr: GBK without .cpg, Gauss-Kruger zone 35, a MultiLineString.
    const shp = value(readImport([fixture('rivers-gbk-zone35.zip')]));
    if (shp.kind !== 'features') throw new Error('features expected');
    expect(shp.inspection.geometryKind).toBe('polyline');
    expect(guessReferenceRole(shp.inspection.geometryKind, [shp.inspection.name])).toBe('river');
    const rivers = value(recordsToReferenceLayer(shp.records, { id: 'b', name: 'rivers', role: 'river' }));
    expect(rivers.layer.features.map((f) => labelOf({ ...rivers.layer, labelField: '名称' }, f))).toEqual([
      '沱江',
      '釜溪河',
    ]);
    const first = rivers.layer.features[0]!.geometry;
    if (first.type !== 'LineString') throw new Error('line expected');
    // Reprojected back to within a millimetre of the source.
    first.coordinates.forEach((p, i) => {
      const source = [
        [X, Y],
        [X, 29.37],
        [104.76, 29.38],
      ][i]!;
      expect(Math.abs(p[0]! - source[0]!)).toBeLessThan(1e-8);
      expect(Math.abs(p[1]! - source[1]!)).toBeLessThan(1e-8);
    });
    expect(rivers.layer.features[1]!.geometry.type).toBe('MultiLineString');
  });
});
