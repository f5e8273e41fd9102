import { describe, expect, it } from 'vitest';
import { townshipDivision } from '../../../bench/city-townships';
import {
  embeddedNeighbourRecords,
  neighbourReferenceImport,
  REFERENCE_LAYERS_MEMBER,
  withoutEmbeddedReferenceLayers,
} from '../../../shared/formats/embedded-neighbours';
import { inspectImport } from '../../../shared/formats/import-files';
import { parseDivisionGeoJson, stringifyDivision } from '../../../shared/formats/geojson';
import type { Division } from '../../../shared/model';

// A file shaped as `gridplan city pull` writes it (shared/city/pull-township.ts): the filed division
// plus the foreign member referenceLayers with one layer of role neighbour.

const SHAPE = { communities: 1, gridsX: 2, gridsY: 2, width: 0.02, height: 0.02 };

function pulledText(member: unknown): string {
  const own = JSON.parse(stringifyDivision(townshipDivision({ ...SHAPE, index: 1 }))) as Record<
    string,
    unknown
  >;
  return JSON.stringify({ ...own, [REFERENCE_LAYERS_MEMBER]: member });
}

function neighbourLayer(): unknown {
  const other = JSON.parse(stringifyDivision(townshipDivision({ ...SHAPE, index: 0 }))) as {
    features: { properties: Record<string, unknown>; geometry: unknown }[];
  };
  const grids = other.features.filter((f) => f.properties.layer === 'grid');
  return {
    id: 'city-neighbours-510302101000',
    name: '相邻乡镇边界网格 / Neighbours’ border grids',
    role: 'neighbour',
    visible: true,
    features: grids.map((f) => ({
      type: 'Feature',
      properties: { ...f.properties, referenceLayer: 'neighbour', township: '510302100000' },
      geometry: f.geometry,
    })),
  };
}

function parsed(source: string): Division {
  const result = parseDivisionGeoJson(source);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
}

describe('a city pull file', () => {
  it('gives its neighbours’ grids as a reference layer labelled by code, on the lattice', () => {
    const division = parsed(pulledText([neighbourLayer()]));
    expect(embeddedNeighbourRecords(division)).toHaveLength(4);
    const imported = neighbourReferenceImport(division, { id: 'n', name: '相邻乡镇网格（来自市级库）' });
    expect(imported?.ok).toBe(true);
    if (!imported?.ok) return;
    expect(imported.value.layer).toMatchObject({
      role: 'neighbour',
      labelField: 'code',
      name: '相邻乡镇网格（来自市级库）',
    });
    expect(imported.value.layer.features).toHaveLength(4);
    expect(imported.value.layer.features[0]?.properties).toMatchObject({ township: '510302100000' });
  });

  it('is recognised when inspected for import', () => {
    const bytes = new TextEncoder().encode(pulledText([neighbourLayer()]));
    const inspected = inspectImport([{ name: '下发.geojson', bytes }], {});
    expect(inspected.ok).toBe(true);
    if (inspected.ok) expect(inspected.value.neighbourGrids).toBe(4);
  });

  it('opens as a project without the member; its own grids are kept', () => {
    const division = parsed(pulledText([neighbourLayer()]));
    const opened = withoutEmbeddedReferenceLayers(division);
    expect(REFERENCE_LAYERS_MEMBER in opened.meta.extra).toBe(false);
    expect(opened.grid.size).toBe(division.grid.size);
    expect(stringifyDivision(opened)).not.toContain(REFERENCE_LAYERS_MEMBER);
  });

  it('skips what is not a neighbour feature with a geometry, and a plain division has none', () => {
    const layer = neighbourLayer() as { features: unknown[] };
    const hostile = [
      'text',
      null,
      { role: 'road', features: layer.features },
      { role: 'neighbour', features: 'many' },
      {
        role: 'neighbour',
        features: [null, 5, { type: 'Feature', properties: {}, geometry: null }, ...layer.features],
      },
    ];
    expect(embeddedNeighbourRecords(parsed(pulledText(hostile)))).toHaveLength(4);
    expect(embeddedNeighbourRecords(parsed(pulledText({ role: 'neighbour' })))).toHaveLength(0);
    const plain = townshipDivision({ ...SHAPE, index: 1 });
    expect(embeddedNeighbourRecords(plain)).toHaveLength(0);
    expect(neighbourReferenceImport(plain, { id: 'n', name: 'n' })).toBeUndefined();
  });

  it('reports neighbour grids whose coordinates are not longitude/latitude, keeping the rest', () => {
    const layer = neighbourLayer() as { features: { geometry: unknown }[] };
    const broken = {
      ...layer,
      features: [
        ...layer.features,
        {
          type: 'Feature',
          properties: {},
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [500000, 3200000],
                [500100, 3200000],
                [500100, 3200100],
                [500000, 3200000],
              ],
            ],
          },
        },
      ],
    };
    const imported = neighbourReferenceImport(parsed(pulledText([broken])), { id: 'n', name: 'n' });
    expect(imported?.ok).toBe(true);
    if (!imported?.ok) return;
    expect(imported.value.layer.features).toHaveLength(4);
    expect(imported.value.errors).toHaveLength(1);
  });
});
