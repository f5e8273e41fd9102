import { describe, expect, it } from 'vitest';
import { townshipDivision } from '../../../bench/city-townships';
import {
  CITY_COMMENTS_MEMBER,
  embeddedCityComments,
  MAX_CITY_COMMENT_CHARS,
  MAX_CITY_COMMENTS,
} from '../../../shared/formats/embedded-city-comments';
import {
  neighbourReferenceImport,
  REFERENCE_LAYERS_MEMBER,
  withoutEmbeddedReferenceLayers,
} from '../../../shared/formats/embedded-neighbours';
import { parseDivisionGeoJson, stringifyDivision } from '../../../shared/formats/geojson';
import { inspectImport } from '../../../shared/formats/import-files';
import type { Division } from '../../../shared/model';

// The member `cityComments` as `gridplan city pull` writes it (shared/city/pull-township.ts: the
// FilingComment rows of the township's current filing) read back by the app.

const SHAPE = { communities: 1, gridsX: 2, gridsY: 2, width: 0.02, height: 0.02 };

function pulled(members: Record<string, unknown>): Division {
  const own = JSON.parse(stringifyDivision(townshipDivision({ ...SHAPE, index: 1 }))) as Record<
    string,
    unknown
  >;
  const result = parseDivisionGeoJson(JSON.stringify({ ...own, ...members }));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
}

function neighbourLayer(): unknown {
  const other = JSON.parse(stringifyDivision(townshipDivision({ ...SHAPE, index: 0 }))) as {
    features: { properties: Record<string, unknown>; geometry: unknown }[];
  };
  return {
    role: 'neighbour',
    features: other.features
      .filter((f) => f.properties.layer === 'grid')
      .map((f) => ({
        type: 'Feature',
        properties: { ...f.properties, township: 'x' },
        geometry: f.geometry,
      })),
  };
}

const REMARKS = [
  {
    id: 7,
    filing: 3,
    township: '510302101000',
    author: '王镇长',
    body: '东侧边界已与 8 号镇核对',
    createdAt: '2026-12-05T08:30:12.000Z',
  },
  {
    id: 8,
    filing: 3,
    township: '510302101000',
    grid: '510302101001001',
    author: '李审核',
    body: '此网格户数偏多，下次拆分',
    createdAt: '2026-12-05 09:00:00+00',
  },
];

describe('the city office’s remarks in a pulled file', () => {
  it('maps each remark to author, time, text and grid code, in the order written', () => {
    expect(embeddedCityComments(pulled({ [CITY_COMMENTS_MEMBER]: REMARKS }))).toEqual([
      { author: '王镇长', body: '东侧边界已与 8 号镇核对', createdAt: '2026-12-05T08:30:12.000Z' },
      {
        grid: '510302101001001',
        author: '李审核',
        body: '此网格户数偏多，下次拆分',
        createdAt: '2026-12-05 09:00:00+00',
      },
    ]);
  });

  it('rides on the neighbours’ reference layer, so it is stored with it', () => {
    const division = pulled({
      [REFERENCE_LAYERS_MEMBER]: [neighbourLayer()],
      [CITY_COMMENTS_MEMBER]: REMARKS,
    });
    const imported = neighbourReferenceImport(division, { id: 'n', name: 'n' });
    expect(imported?.ok).toBe(true);
    if (!imported?.ok) return;
    expect(imported.value.layer.features).toHaveLength(4);
    expect(imported.value.layer.cityComments?.map((c) => c.grid)).toEqual([undefined, '510302101001001']);
  });

  it('is counted when the file is inspected for import', () => {
    const own = JSON.parse(stringifyDivision(townshipDivision({ ...SHAPE, index: 1 }))) as object;
    const bytes = new TextEncoder().encode(JSON.stringify({ ...own, [CITY_COMMENTS_MEMBER]: REMARKS }));
    const inspected = inspectImport([{ name: '下发.geojson', bytes }], {});
    expect(inspected.ok).toBe(true);
    if (inspected.ok) expect(inspected.value).toMatchObject({ neighbourGrids: 0, cityComments: 2 });
  });

  it('is taken off the division when it opens as a project', () => {
    const division = pulled({
      [REFERENCE_LAYERS_MEMBER]: [neighbourLayer()],
      [CITY_COMMENTS_MEMBER]: REMARKS,
    });
    const opened = withoutEmbeddedReferenceLayers(division);
    expect(CITY_COMMENTS_MEMBER in opened.meta.extra).toBe(false);
    expect(stringifyDivision(opened)).not.toContain(CITY_COMMENTS_MEMBER);
    const remarksOnly = withoutEmbeddedReferenceLayers(pulled({ [CITY_COMMENTS_MEMBER]: REMARKS }));
    expect(CITY_COMMENTS_MEMBER in remarksOnly.meta.extra).toBe(false);
  });

  it('makes a layer without features when there are remarks but no neighbours, none when neither', () => {
    const only = neighbourReferenceImport(pulled({ [CITY_COMMENTS_MEMBER]: REMARKS }), {
      id: 'n',
      name: 'n',
    });
    expect(only?.ok).toBe(true);
    if (only?.ok) {
      expect(only.value.layer.features).toEqual([]);
      expect(only.value.layer.role).toBe('neighbour');
      expect(only.value.layer.cityComments).toHaveLength(2);
    }
    const none = neighbourReferenceImport(pulled({ [CITY_COMMENTS_MEMBER]: [] }), { id: 'n', name: 'n' });
    expect(none).toBeUndefined();
    const withoutRemarks = neighbourReferenceImport(
      pulled({ [REFERENCE_LAYERS_MEMBER]: [neighbourLayer()] }),
      {
        id: 'n',
        name: 'n',
      },
    );
    expect(withoutRemarks?.ok && 'cityComments' in withoutRemarks.value.layer).toBe(false);
  });

  it('skips entries without text, keeps only string fields and bounds everything', () => {
    const hostile = [
      null,
      'text',
      [1, 2],
      { author: 'x' },
      { body: '   ' },
      { body: 5 },
      { body: ' 只有正文 ', author: 12, grid: { code: 1 }, createdAt: null },
      { body: '长'.repeat(MAX_CITY_COMMENT_CHARS + 50), author: '名'.repeat(500), grid: '' },
    ];
    const comments = embeddedCityComments(pulled({ [CITY_COMMENTS_MEMBER]: hostile }));
    expect(comments).toHaveLength(2);
    expect(comments[0]).toEqual({ author: '', body: '只有正文', createdAt: '' });
    expect([...comments[1]!.body]).toHaveLength(MAX_CITY_COMMENT_CHARS);
    expect(comments[1]!.body.endsWith('…')).toBe(true);
    expect([...comments[1]!.author].length).toBeLessThanOrEqual(200);
    expect('grid' in comments[1]!).toBe(false);
    expect(embeddedCityComments(pulled({ [CITY_COMMENTS_MEMBER]: { body: 'not a list' } }))).toEqual([]);
    const many = Array.from({ length: MAX_CITY_COMMENTS + 10 }, (_, i) => ({ body: `第 ${i} 条` }));
    expect(embeddedCityComments(pulled({ [CITY_COMMENTS_MEMBER]: many }))).toHaveLength(MAX_CITY_COMMENTS);
    expect(embeddedCityComments(townshipDivision({ ...SHAPE, index: 1 }))).toEqual([]);
  });
});
